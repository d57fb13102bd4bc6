import { passwordChangeBody } from '@linli/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, type Infer } from '../../app/api';
import { fetchMe, homePathFor, ME_KEY, useSession } from '../../app/auth';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError, validateWith } from '../../components/form-errors';
import { AccountFrame } from './account-frame';

type Values = { currentPassword?: string; newPassword?: string; confirmPassword?: string };

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const inDesk = useLocation().pathname.startsWith('/desk');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const change = useMutation({
    mutationFn: (body: Infer<typeof passwordChangeBody>) => api.post('/auth/password', body),
    onSuccess: async () => {
      message.success(t('password.changed'));
      const fresh = await client.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
      if (fresh) navigate(inDesk ? '/desk' : homePathFor(fresh), { replace: true });
    },
    onError: (e) => applyApiError(form, e),
  });

  const onFinish = (values: Values) => {
    const body = validateWith(
      passwordChangeBody,
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      form,
      t,
    );
    if (body) change.mutate(body);
  };

  return (
    <AccountFrame title={t('password.title')}>
      {me.account.mustChangePassword ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('password.mustChange')} />
      ) : null}
      <ApiErrorAlert error={change.error} className="form-summary" />
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        onFinish={onFinish}
        disabled={change.isPending}
      >
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={me.account.username ?? ''}
          hidden
          readOnly
        />
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.policy')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: 10, message: t('password.tooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={change.isPending}>
          {t('password.submit')}
        </Button>
      </Form>
    </AccountFrame>
  );
}
