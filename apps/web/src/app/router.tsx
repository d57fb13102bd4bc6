import type { Permission } from '@linli/contract';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { LazyNotFound as NotFound } from '../components/lazy-not-found';
import { PageLoading } from '../components/page-loading';
import { billsPhoneRoutes } from '../mobile/bills/routes';
import { casePhoneRoutes } from '../mobile/cases/routes';
import { hotlinePhoneRoutes } from '../mobile/hotline/routes';
import { servicesPhoneRoutes } from '../mobile/services/routes';
import { billsDeskRoutes } from '../modules/bills/routes';
import { caseDeskRoutes } from '../modules/cases/routes';
import { hotlineDeskRoutes } from '../modules/hotline/routes';
import { servicesDeskRoutes } from '../modules/services/routes';
import { HomeRedirect, RequireAuth, RequirePermission, RequireStaff } from './guards';

/** React.lazy for a named export, so every module page is its own chunk and loads when opened. */
function lazyNamed<M extends Record<string, unknown>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LoginPage = lazyNamed(() => import('../modules/auth/login-page'), 'LoginPage');
const StandaloneLayout = lazyNamed(() => import('./standalone-layout'), 'StandaloneLayout');
const ChangePasswordPage = lazyNamed(
  () => import('../modules/auth/change-password-page'),
  'ChangePasswordPage',
);
const TotpSetupPage = lazyNamed(() => import('../modules/auth/totp-setup-page'), 'TotpSetupPage');

const DeskLayout = lazyNamed(() => import('./desk-layout'), 'DeskLayout');
const DeskHome = lazyNamed(() => import('../modules/home/desk-home'), 'DeskHome');
const OrgIndex = lazyNamed(() => import('../modules/org/org-page'), 'OrgIndex');
const OrgPage = lazyNamed(() => import('../modules/org/org-page'), 'OrgPage');
const OrgMaintenancePage = lazyNamed(
  () => import('../modules/org/org-maintenance-page'),
  'OrgMaintenancePage',
);
const AccountsPage = lazyNamed(() => import('../modules/accounts/accounts-page'), 'AccountsPage');
const AccountDetailPage = lazyNamed(
  () => import('../modules/accounts/account-detail-page'),
  'AccountDetailPage',
);
const RolesPage = lazyNamed(() => import('../modules/accounts/roles-page'), 'RolesPage');
const CalendarPage = lazyNamed(() => import('../modules/calendar/calendar-page'), 'CalendarPage');
const JobsPage = lazyNamed(() => import('../modules/jobs/jobs-page'), 'JobsPage');
const AuditPage = lazyNamed(() => import('../modules/audit/audit-page'), 'AuditPage');
const ResidentListPage = lazyNamed(
  () => import('../modules/registry/resident-list-page'),
  'ResidentListPage',
);
const ResidentDetailPage = lazyNamed(
  () => import('../modules/registry/resident-detail-page'),
  'ResidentDetailPage',
);
const HouseholdPage = lazyNamed(() => import('../modules/registry/household-page'), 'HouseholdPage');
const HousesPage = lazyNamed(() => import('../modules/registry/houses-page'), 'HousesPage');
const UnitsPage = lazyNamed(() => import('../modules/registry/units-page'), 'UnitsPage');
const CorrectionsPage = lazyNamed(() => import('../modules/registry/corrections-page'), 'CorrectionsPage');
const ImportPage = lazyNamed(() => import('../modules/registry-import/import-page'), 'ImportPage');

const PhoneLayout = lazyNamed(() => import('../mobile/phone-layout'), 'PhoneLayout');
const ResidentHome = lazyNamed(() => import('../mobile/resident-home'), 'ResidentHome');
const GridHome = lazyNamed(() => import('../mobile/grid-home'), 'GridHome');
const MePage = lazyNamed(() => import('../mobile/me-page'), 'MePage');
const ComingSoonPage = lazyNamed(() => import('../mobile/coming-soon-page'), 'ComingSoonPage');
const GridPeoplePage = lazyNamed(() => import('../mobile/registry/grid-people-page'), 'GridPeoplePage');
const GridPersonPage = lazyNamed(() => import('../mobile/registry/grid-person-page'), 'GridPersonPage');
const GridAddPage = lazyNamed(() => import('../mobile/registry/grid-add-page'), 'GridAddPage');
const FloatingPage = lazyNamed(() => import('../mobile/registry/floating-page'), 'FloatingPage');
const MyHouseholdPage = lazyNamed(() => import('../mobile/registry/my-household-page'), 'MyHouseholdPage');

function load(node: ReactNode) {
  return <Suspense fallback={<PageLoading />}>{node}</Suspense>;
}

function guarded(permission: Permission, Page: ComponentType) {
  return load(
    <RequirePermission permission={permission}>
      <Page />
    </RequirePermission>,
  );
}

const router = createBrowserRouter([
  { path: '/login', element: load(<LoginPage />) },
  { path: '/404', element: <NotFound /> },
  {
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'account',
        element: load(<StandaloneLayout />),
        children: [
          { path: 'password', element: load(<ChangePasswordPage />) },
          { path: 'totp', element: load(<TotpSetupPage />) },
        ],
      },
      {
        path: 'desk',
        element: load(
          <RequireStaff>
            <DeskLayout />
          </RequireStaff>,
        ),
        children: [
          { index: true, element: load(<DeskHome />) },
          { path: 'org', element: guarded('org.read', OrgIndex) },
          { path: 'org/:id', element: guarded('org.read', OrgPage) },
          { path: 'account/password', element: load(<ChangePasswordPage />) },
          { path: 'account/totp', element: load(<TotpSetupPage />) },
          { path: 'admin/accounts', element: guarded('accounts.manage', AccountsPage) },
          { path: 'admin/accounts/:id', element: guarded('accounts.manage', AccountDetailPage) },
          { path: 'admin/roles', element: guarded('accounts.manage', RolesPage) },
          { path: 'admin/org', element: guarded('org.manage', OrgMaintenancePage) },
          { path: 'admin/calendar', element: guarded('calendar.manage', CalendarPage) },
          { path: 'admin/jobs', element: guarded('jobs.manage', JobsPage) },
          { path: 'admin/audit', element: guarded('audit.read', AuditPage) },
          { path: 'registry/residents', element: guarded('registry.read', ResidentListPage) },
          { path: 'registry/residents/:id', element: guarded('registry.read', ResidentDetailPage) },
          { path: 'registry/households/:id', element: guarded('registry.read', HouseholdPage) },
          { path: 'registry/houses', element: guarded('registry.read', HousesPage) },
          { path: 'registry/units', element: guarded('registry.read', UnitsPage) },
          { path: 'registry/corrections', element: guarded('registry.read', CorrectionsPage) },
          { path: 'registry/import', element: guarded('registry.write', ImportPage) },
          ...caseDeskRoutes,
          ...servicesDeskRoutes,
          ...hotlineDeskRoutes,
          ...billsDeskRoutes,
          { path: '*', element: <NotFound /> },
        ],
      },
      {
        path: 'm',
        element: load(<PhoneLayout />),
        children: [
          { index: true, element: load(<ResidentHome />) },
          { path: 'grid', element: guarded('org.read', GridHome) },
          { path: 'grid/people', element: guarded('registry.read', GridPeoplePage) },
          { path: 'grid/people/:id', element: guarded('registry.read', GridPersonPage) },
          { path: 'grid/add', element: guarded('registry.write', GridAddPage) },
          { path: 'grid/floating', element: guarded('registry.write', FloatingPage) },
          { path: 'household', element: guarded('self.service', MyHouseholdPage) },
          ...casePhoneRoutes,
          ...servicesPhoneRoutes,
          ...hotlinePhoneRoutes,
          ...billsPhoneRoutes,
          { path: 'me', element: load(<MePage />) },
          { path: 'soon/:feature', element: load(<ComingSoonPage />) },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFound /> },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
