import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { MeView } from '@linli/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { type ApiError, api, isApiError } from '../../app/api';
import { acceptSession, homePathFor, useMe } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { applyApiError } from '../../components/form-errors';
import { LanguageSwitch } from '../../components/language-switch';
import { PageLoading } from '../../components/page-loading';

type LoginValues = { login?: string; password?: string; totp?: string };
type LoginBody = { login: string; password: string; totp?: string };

function lockedUntilOf(e: ApiError): string | null {
  const d = e.details.find((x) => x.path === 'lockedUntil');
  if (!d) return null;
  const at = [d.message, d.code].find((v) => v && !Number.isNaN(Date.parse(v)));
  return at ? formatDateTime(at) : null;
}

/** One form for staff usernames and resident mobile numbers; asks for a TOTP code only when the API does. */
export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginValues>();
  const [needTotp, setNeedTotp] = useState(false);
  const totpRef = useRef<{ focus: () => void } | null>(null);

  const login = useMutation({
    mutationFn: (body: LoginBody) => api.post<MeView>('/auth/login', body),
    onSuccess: (session) => {
      acceptSession(client, session);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : homePathFor(session), { replace: true });
    },
    onError: (e) => {
      if (!isApiError(e)) return;
      if (e.code === 'auth.totp_required') {
        setNeedTotp(true);
        setTimeout(() => totpRef.current?.focus(), 0);
      } else if (e.code === 'auth.totp_invalid') {
        form.setFields([{ name: 'totp', errors: [e.message] }]);
      }
      applyApiError(form, e);
    },
  });

  if (me.isLoading) return <PageLoading />;
  if (me.data) return <Navigate to={homePathFor(me.data)} replace />;

  const onFinish = (values: LoginValues) => {
    // No zod on the login form, so the first phone screen loads little JavaScript: the antd rules
    // mirror loginBody and the API checks again.
    login.mutate({
      login: (values.login ?? '').trim(),
      password: values.password ?? '',
      ...(needTotp && values.totp ? { totp: values.totp.trim() } : {}),
    });
  };

  const error = login.error;
  const showSummary = error && !(isApiError(error) && error.code === 'auth.totp_required');
  const lockedUntil = isApiError(error) && error.code === 'auth.locked' ? lockedUntilOf(error) : null;

  return (
    <div className="standalone">
      <div className="standalone-bar">
        <span className="standalone-brand">{t('app.name')}</span>
        <LanguageSwitch />
      </div>
      <main className="standalone-main">
        <section className="standalone-card login-card" aria-labelledby="login-title">
          <h1 id="login-title">{t('login.title')}</h1>
          <Form<LoginValues>
            form={form}
            layout="vertical"
            size="large"
            requiredMark
            onFinish={onFinish}
            disabled={login.isPending}
          >
            {showSummary ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                style={{ marginBottom: 16 }}
                title={error.message}
                description={lockedUntil ? t('login.lockedUntil', { time: lockedUntil }) : undefined}
              />
            ) : null}
            {needTotp ? (
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('login.totpNeeded')} />
            ) : null}
            <Form.Item
              name="login"
              label={t('login.login')}
              rules={[{ required: true, message: t('login.loginRequired') }]}
            >
              <Input
                prefix={<UserOutlined aria-hidden />}
                autoComplete="username"
                placeholder={t('login.loginPlaceholder')}
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
            </Form.Item>
            {needTotp ? (
              <Form.Item
                name="totp"
                label={t('login.totp')}
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.totpFormat') }]}
              >
                <Input
                  ref={(el) => {
                    totpRef.current = el;
                  }}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          <p className="muted" style={{ marginTop: 16, marginBottom: 0 }}>
            {t('login.demoHint')}
          </p>
        </section>
      </main>
    </div>
  );
}
