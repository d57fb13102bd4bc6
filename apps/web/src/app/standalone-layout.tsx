import { App as AntApp, Button } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch';
import { PageLoading } from '../components/page-loading';
import { useLogout, useMe } from './auth';

/** A plain frame for steps that come before everything else (forced password change, TOTP set-up). */
export function StandaloneLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  // Only offer a way out when nothing is forced (initial password, required TOTP).
  const account = me.data?.account;
  const settled = !!account && !account.mustChangePassword && !(account.totpRequired && !account.totpEnabled);
  return (
    <AntApp className="standalone">
      <div className="standalone-bar">
        <Link to="/" className="standalone-brand" aria-label={t('app.homeLink')}>
          {t('app.name')}
        </Link>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          {settled ? <Link to="/">{t('common.backHome')}</Link> : null}
          <LanguageSwitch />
          {me.data ? (
            <Button
              type="link"
              onClick={async () => {
                await logout(false);
                navigate('/login', { replace: true });
              }}
            >
              {t('user.logout')}
            </Button>
          ) : null}
        </div>
      </div>
      <main className="standalone-main">
        <div className="standalone-card">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
    </AntApp>
  );
}
