import { totpEnableBody } from '@linli/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Result, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, type Infer } from '../../app/api';
import { fetchMe, homePathFor, ME_KEY, useSession } from '../../app/auth';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError, validateWith } from '../../components/form-errors';
import { AccountFrame } from './account-frame';

type Setup = { secret: string; uri: string };

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`, easier to type into an authenticator app. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

export function TotpSetupPage() {
  const { t } = useTranslation();
  const me = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const inDesk = useLocation().pathname.startsWith('/desk');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code?: string }>();

  const setup = useMutation({ mutationFn: () => api.post<Setup>('/auth/totp/setup') });
  const enable = useMutation({
    mutationFn: (body: Infer<typeof totpEnableBody>) => api.post('/auth/totp/enable', body),
    onSuccess: async () => {
      message.success(t('totp.enabled'));
      const fresh = await client.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
      if (fresh) navigate(inDesk ? '/desk' : homePathFor(fresh), { replace: true });
    },
    onError: (e) => applyApiError(form, e),
  });

  if (me.account.totpEnabled) {
    return (
      <AccountFrame title={t('totp.title')}>
        <Result status="success" title={t('totp.alreadyEnabled')} subTitle={t('totp.alreadyEnabledHint')} />
      </AccountFrame>
    );
  }

  const onFinish = (values: { code?: string }) => {
    const body = validateWith(totpEnableBody, { code: values.code?.trim() }, form, t);
    if (body) enable.mutate(body);
  };

  return (
    <AccountFrame title={t('totp.title')}>
      {me.account.totpRequired ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('totp.required')} />
      ) : null}
      <Steps
        orientation="vertical"
        size="small"
        current={setup.data ? 1 : 0}
        items={[{ title: t('totp.step1') }, { title: t('totp.step2') }]}
      />
      <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
      <ApiErrorAlert error={setup.error} />
      {!setup.data ? (
        <Button type="primary" size="large" block loading={setup.isPending} onClick={() => setup.mutate()}>
          {t('totp.start')}
        </Button>
      ) : (
        <>
          <Typography.Text strong>{t('totp.secret')}</Typography.Text>
          <Typography.Paragraph
            className="secret-value mono"
            copyable={{ text: setup.data.secret, tooltips: [t('common.copy'), t('common.copied')] }}
            data-testid="totp-secret"
          >
            {groupSecret(setup.data.secret)}
          </Typography.Paragraph>
          <Typography.Text strong>{t('totp.uri')}</Typography.Text>
          <Typography.Paragraph
            className="mono"
            style={{ wordBreak: 'break-all' }}
            copyable={{ text: setup.data.uri, tooltips: [t('common.copy'), t('common.copied')] }}
          >
            {setup.data.uri}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('totp.noQr')}</Typography.Paragraph>
          <ApiErrorAlert error={enable.error} />
          <Form form={form} layout="vertical" size="large" onFinish={onFinish} disabled={enable.isPending}>
            <Form.Item
              name="code"
              label={t('totp.code')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.totpFormat') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={enable.isPending}>
              {t('totp.enable')}
            </Button>
          </Form>
        </>
      )}
    </AccountFrame>
  );
}
