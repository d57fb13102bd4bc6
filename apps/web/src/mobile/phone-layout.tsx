import { AppstoreOutlined, FileTextOutlined, HomeOutlined, UserOutlined } from '@ant-design/icons';
import { App, ConfigProvider, Tag } from 'antd';
import { type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { useSession } from '../app/auth';
import { NoticeBell } from '../components/notice-bell';
import { PageLoading } from '../components/page-loading';
import { useQueueAutoSync } from './cases/auto-sync';
import { warmCaseScreens } from './cases/routes';
import { useOnline } from './use-online';

type Tab = { to: string; label: string; icon: ReactNode; end?: boolean };

function useTabs(): Tab[] {
  const { t } = useTranslation();
  const me = useSession();
  const gridWorker = me.roles.some((r) => r.role === 'grid_worker');
  if (gridWorker) {
    return [
      // Not `end`: the registry screens under /m/grid/… belong to the work tab too.
      { to: '/m/grid', label: t('phone.tabWork'), icon: <AppstoreOutlined aria-hidden /> },
      { to: '/m/cases/tasks', label: t('phone.tabTasks'), icon: <FileTextOutlined aria-hidden /> },
      { to: '/m/me', label: t('phone.tabMe'), icon: <UserOutlined aria-hidden /> },
    ];
  }
  return [
    { to: '/m', label: t('phone.tabHome'), icon: <HomeOutlined aria-hidden />, end: true },
    { to: '/m/cases/mine', label: t('phone.tabMyCases'), icon: <FileTextOutlined aria-hidden /> },
    { to: '/m/me', label: t('phone.tabMe'), icon: <UserOutlined aria-hidden /> },
  ];
}

/**
 * Offline badge, reports waiting on the phone, and a moment of "已同步 N 条" once they went; the
 * queue is sent from here, so it goes whichever screen is open when the network comes back.
 */
function TopStatus() {
  const { t } = useTranslation();
  const online = useOnline();
  const { waiting, justSent } = useQueueAutoSync();
  // Fetch the report screens while online: a worker who loses the network can still open them.
  useEffect(() => {
    if (online) warmCaseScreens();
  }, [online]);
  return (
    <span role="status" style={{ display: 'flex', gap: 4 }}>
      {online ? null : <Tag color="red">{t('phone.offline')}</Tag>}
      {waiting > 0 ? <Tag color="orange">{t('casesPhone.queue.waiting', { count: waiting })}</Tag> : null}
      {waiting === 0 && justSent > 0 ? (
        <Tag color="green">{t('casesPhone.queue.synced', { count: justSent })}</Tag>
      ) : null}
    </span>
  );
}

/** Phone frame, 375 px first: title bar with the offline badge, one screen, a bottom tab bar. */
export function PhoneLayout() {
  const { t } = useTranslation();
  const tabs = useTabs();
  return (
    <ConfigProvider componentSize="large" theme={{ token: { controlHeightLG: 48, fontSize: 15 } }}>
      {/* App gives the phone pages message / modal hooks (App.useApp) under the phone theme. */}
      <App>
        <div className="phone">
          <header className="phone-top">
            <h1>{t('app.name')}</h1>
            <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
              <TopStatus />
              <NoticeBell surface="phone" />
            </div>
          </header>
          <main className="phone-main">
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </main>
          <nav className="tabbar" aria-label={t('phone.tabs')}>
            <ul>
              {tabs.map((tab) => (
                <li key={tab.to}>
                  <NavLink
                    to={tab.to}
                    end={tab.end}
                    className={({ isActive }) => (isActive ? 'active' : undefined)}
                  >
                    <span aria-hidden="true">{tab.icon}</span>
                    <span>{tab.label}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </App>
    </ConfigProvider>
  );
}
