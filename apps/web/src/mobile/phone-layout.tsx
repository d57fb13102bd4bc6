import { AppstoreOutlined, FileTextOutlined, HomeOutlined, UserOutlined } from '@ant-design/icons';
import { ConfigProvider, Tag } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { useSession } from '../app/auth';
import { PageLoading } from '../components/page-loading';
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
      { to: '/m/soon/tasks', label: t('phone.tabTasks'), icon: <FileTextOutlined aria-hidden /> },
      { to: '/m/me', label: t('phone.tabMe'), icon: <UserOutlined aria-hidden /> },
    ];
  }
  return [
    { to: '/m', label: t('phone.tabHome'), icon: <HomeOutlined aria-hidden />, end: true },
    { to: '/m/soon/my-cases', label: t('phone.tabMyCases'), icon: <FileTextOutlined aria-hidden /> },
    { to: '/m/me', label: t('phone.tabMe'), icon: <UserOutlined aria-hidden /> },
  ];
}

/** Phone frame, 375 px first: title bar with the offline badge, one screen, a bottom tab bar. */
export function PhoneLayout() {
  const { t } = useTranslation();
  const online = useOnline();
  const tabs = useTabs();
  return (
    <ConfigProvider componentSize="large" theme={{ token: { controlHeightLG: 48, fontSize: 15 } }}>
      <div className="phone">
        <header className="phone-top">
          <h1>{t('app.name')}</h1>
          {online ? null : (
            <Tag color="red" role="status">
              {t('phone.offline')}
            </Tag>
          )}
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
    </ConfigProvider>
  );
}
