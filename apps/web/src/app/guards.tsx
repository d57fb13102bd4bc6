import type { Permission } from '@linli/contract';
import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { LazyNotFound as NotFound } from '../components/lazy-not-found';
import { PageLoading } from '../components/page-loading';
import { homePathFor, useMe } from './auth';

export const PASSWORD_PATH = '/account/password';
export const TOTP_PATH = '/account/totp';

/**
 * Everything except /login sits below this: no session → /login; an initial password → change it
 * first; a role that requires TOTP → set it up before anything else.
 */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isLoading) return <PageLoading />;
  if (me.isError) {
    return (
      <div className="standalone-main">
        <Alert
          className="standalone-card"
          type="warning"
          showIcon
          title={t('errors.loadFailed')}
          description={me.error.message}
          action={
            <Button type="primary" onClick={() => me.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const { account } = me.data;
  if (account.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  if (
    !account.mustChangePassword &&
    account.totpRequired &&
    !account.totpEnabled &&
    location.pathname !== TOTP_PATH
  ) {
    return <Navigate to={TOTP_PATH} replace />;
  }
  return <Outlet />;
}

/** Pages a user may not open answer "not found", exactly as an unknown address would. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data } = useMe();
  if (!data?.permissions.includes(permission)) return <NotFound />;
  return <>{children}</>;
}

/** The desk is for staff; residents are sent to their phone home. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const { data } = useMe();
  if (data?.account.kind === 'resident') return <Navigate to="/m" replace />;
  return <>{children}</>;
}

export function HomeRedirect() {
  const { data } = useMe();
  return <Navigate to={data ? homePathFor(data) : '/login'} replace />;
}
