import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DownOutlined,
  EditOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  InboxOutlined,
  LogoutOutlined,
  PartitionOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, App as AntApp, App, Button, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch';
import { NoticeBell } from '../components/notice-bell';
import { OrgTreeSelect } from '../components/org-tree-select';
import { PageLoading } from '../components/page-loading';
import { billsMenuGroups } from '../modules/bills/menu';
import { CASE_PAGE_PERMISSIONS } from '../modules/cases/routes';
import { hotlineMenuGroups } from '../modules/hotline/menu';
import { servicesMenuGroups } from '../modules/services/menu';
import { useCan, useLogout, useSession } from './auth';
import type { MenuGroup } from './menu';

const GROUPS: MenuGroup[] = [
  {
    key: 'home',
    labelKey: null,
    entries: [{ path: '/desk', labelKey: 'nav.workbench', icon: <HomeOutlined aria-hidden /> }],
  },
  {
    key: 'org',
    labelKey: null,
    entries: [
      {
        path: '/desk/org',
        labelKey: 'nav.org',
        icon: <ApartmentOutlined aria-hidden />,
        permission: 'org.read',
      },
    ],
  },
  {
    key: 'cases',
    labelKey: 'casesDesk.menu.group',
    entries: [
      {
        path: '/desk/cases',
        labelKey: 'casesDesk.menu.queue',
        icon: <InboxOutlined aria-hidden />,
        permission: CASE_PAGE_PERMISSIONS.queue,
      },
      {
        path: '/desk/cases/map',
        labelKey: 'casesDesk.menu.map',
        icon: <EnvironmentOutlined aria-hidden />,
        permission: CASE_PAGE_PERMISSIONS.map,
      },
      {
        path: '/desk/cases/assigned',
        labelKey: 'casesDesk.menu.assigned',
        icon: <SolutionOutlined aria-hidden />,
        permission: CASE_PAGE_PERMISSIONS.assigned,
        // A case page belongs here for a department; for a dispatcher the queue (listed first) wins.
        also: ['/desk/cases'],
      },
      {
        path: '/desk/cases/indicators',
        labelKey: 'casesDesk.menu.indicators',
        icon: <BarChartOutlined aria-hidden />,
        permission: CASE_PAGE_PERMISSIONS.indicators,
      },
      {
        path: '/desk/cases/categories',
        labelKey: 'casesDesk.menu.categories',
        icon: <PartitionOutlined aria-hidden />,
        permission: CASE_PAGE_PERMISSIONS.categories,
      },
    ],
  },
  ...servicesMenuGroups,
  ...hotlineMenuGroups,
  ...billsMenuGroups,
  {
    key: 'registry',
    labelKey: 'nav.registryGroup',
    entries: [
      {
        path: '/desk/registry/residents',
        labelKey: 'nav.residents',
        icon: <IdcardOutlined aria-hidden />,
        permission: 'registry.read',
        also: ['/desk/registry/households'],
      },
      {
        path: '/desk/registry/houses',
        labelKey: 'nav.houses',
        icon: <BankOutlined aria-hidden />,
        permission: 'registry.read',
      },
      {
        path: '/desk/registry/units',
        labelKey: 'nav.units',
        icon: <ShopOutlined aria-hidden />,
        permission: 'registry.read',
      },
      {
        path: '/desk/registry/corrections',
        labelKey: 'nav.corrections',
        icon: <EditOutlined aria-hidden />,
        permission: 'registry.read',
      },
      {
        path: '/desk/registry/import',
        labelKey: 'registryImport.menu',
        icon: <ImportOutlined aria-hidden />,
        permission: 'registry.write',
      },
    ],
  },
  {
    key: 'admin',
    labelKey: 'nav.groupAdmin',
    entries: [
      {
        path: '/desk/admin/accounts',
        labelKey: 'nav.accounts',
        icon: <UserOutlined aria-hidden />,
        permission: 'accounts.manage',
      },
      {
        path: '/desk/admin/roles',
        labelKey: 'nav.roles',
        icon: <TeamOutlined aria-hidden />,
        permission: 'accounts.manage',
      },
      {
        path: '/desk/admin/org',
        labelKey: 'nav.orgMaintenance',
        icon: <ClusterOutlined aria-hidden />,
        permission: 'org.manage',
      },
      {
        path: '/desk/admin/calendar',
        labelKey: 'nav.calendar',
        icon: <CalendarOutlined aria-hidden />,
        permission: 'calendar.manage',
      },
      {
        path: '/desk/admin/jobs',
        labelKey: 'nav.jobs',
        icon: <ScheduleOutlined aria-hidden />,
        permission: 'jobs.manage',
      },
      {
        path: '/desk/admin/audit',
        labelKey: 'nav.audit',
        icon: <AuditOutlined aria-hidden />,
        permission: 'audit.read',
      },
    ],
  },
];

const SCOPE_KEY = 'linli.scope';

function rememberedScope(): { id: number; name: string } | null {
  try {
    const v = JSON.parse(localStorage.getItem(SCOPE_KEY) ?? 'null') as unknown;
    if (v && typeof v === 'object' && 'id' in v && 'name' in v) {
      const { id, name } = v as { id: unknown; name: unknown };
      if (typeof id === 'number' && typeof name === 'string') return { id, name };
    }
  } catch {
    // A broken entry is simply forgotten.
  }
  return null;
}

function useMenuItems(): { items: MenuProps['items']; paths: [string, string][] } {
  const { t } = useTranslation();
  const can = useCan();
  const paths: [string, string][] = [];
  const items: MenuProps['items'] = [];
  for (const group of GROUPS) {
    const visible = group.entries.filter(
      (e) => !e.permission || (typeof e.permission === 'string' ? [e.permission] : e.permission).some(can),
    );
    if (visible.length === 0) continue;
    const children = visible.map((e) => {
      paths.push([e.path, e.path], ...(e.also ?? []).map((p): [string, string] => [p, e.path]));
      return { key: e.path, icon: e.icon, label: <Link to={e.path}>{t(e.labelKey)}</Link> };
    });
    if (group.labelKey) items.push({ type: 'group', key: group.key, label: t(group.labelKey), children });
    else items.push(...children);
  }
  return { items, paths };
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  const { modal, message } = App.useApp();
  const signOut = async (everywhere: boolean) => {
    try {
      await logout(everywhere);
      navigate('/login', { replace: true });
    } catch (e) {
      message.error(e instanceof Error ? e.message : t('errors.unknown'));
    }
  };
  const items: MenuProps['items'] = [
    { key: 'password', icon: <SettingOutlined aria-hidden />, label: t('user.changePassword') },
    { key: 'totp', icon: <SafetyOutlined aria-hidden />, label: t('user.totp') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: t('user.logout') },
    { key: 'logout-all', icon: <LogoutOutlined aria-hidden />, label: t('user.logoutAll'), danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/desk/account/password');
    else if (key === 'totp') navigate('/desk/account/totp');
    else if (key === 'logout') void signOut(false);
    else if (key === 'logout-all') {
      modal.confirm({
        title: t('user.logoutAllConfirmTitle'),
        content: t('user.logoutAllConfirm'),
        okText: t('user.logoutAll'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () => signOut(true),
      });
    }
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button
        type="text"
        icon={<UserOutlined aria-hidden />}
        aria-label={t('user.menu', { name: me.account.displayName })}
      >
        {me.account.displayName} <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}

/** The staff frame: permission-filtered menu on the left, scope picker, language and user menu on top. */
export function DeskLayout() {
  const { t } = useTranslation();
  const me = useSession();
  const can = useCan();
  const location = useLocation();
  const navigate = useNavigate();
  const { items, paths } = useMenuItems();
  const [scope, setScope] = useState(rememberedScope);
  const selected = paths
    .filter(([p]) => location.pathname === p || location.pathname.startsWith(`${p}/`))
    .sort(([a], [b]) => b.length - a.length)[0]?.[1];

  const pickScope = (id: number | undefined, name?: string) => {
    const next = id ? { id, name: name ?? String(id) } : null;
    setScope(next);
    try {
      if (next) localStorage.setItem(SCOPE_KEY, JSON.stringify(next));
      else localStorage.removeItem(SCOPE_KEY);
    } catch {
      // Not remembering the scope is harmless.
    }
    if (next) navigate(`/desk/org/${next.id}`);
  };

  return (
    <AntApp>
      <Layout className="desk-layout">
        <Layout.Sider width={220} theme="dark" breakpoint="lg" collapsedWidth={64}>
          <Link to="/desk" className="desk-brand" aria-label={t('app.homeLink')}>
            {t('app.name')}
          </Link>
          <nav aria-label={t('nav.main')}>
            <Menu theme="dark" mode="inline" items={items} selectedKeys={selected ? [selected] : []} />
          </nav>
        </Layout.Sider>
        <Layout>
          <header className="desk-header">
            {can('org.read') ? (
              <OrgTreeSelect
                className="desk-scope"
                aria-label={t('scope.label')}
                placeholder={t('scope.placeholder')}
                value={scope?.id}
                valueLabel={scope?.name}
                onChange={pickScope}
                allowClear
              />
            ) : null}
            <div className="desk-header-spacer" />
            <NoticeBell surface="desk" />
            <LanguageSwitch />
            <UserMenu />
          </header>
          <Layout.Content className="desk-content">
            {me.demoMode ? (
              <Alert className="demo-banner" type="info" showIcon title={t('app.demoBanner')} />
            ) : null}
            <main>
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </main>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
