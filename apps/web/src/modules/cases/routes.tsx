import type { Permission } from '@linli/contract';
import { type ComponentType, lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { LazyNotFound as NotFound } from '../../components/lazy-not-found';
import { PageLoading } from '../../components/page-loading';

/** React.lazy for a named export (as the app router does), so each page is its own chunk. */
function lazyNamed<M extends Record<string, unknown>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const DispatchQueuePage = lazyNamed(() => import('./dispatch-queue-page'), 'DispatchQueuePage');
const CaseMapPage = lazyNamed(() => import('./case-map-page'), 'CaseMapPage');
const DepartmentDeskPage = lazyNamed(() => import('./department-desk-page'), 'DepartmentDeskPage');
const CaseDetailPage = lazyNamed(() => import('./case-detail-page'), 'CaseDetailPage');
const IndicatorsPage = lazyNamed(() => import('./indicators-page'), 'IndicatorsPage');
const CategoriesPage = lazyNamed(() => import('./categories-page'), 'CategoriesPage');

/** Who may open each case page: any one of the permissions (the menu uses the same lists). */
export const CASE_PAGE_PERMISSIONS = {
  queue: ['cases.dispatch'],
  map: ['cases.dispatch'],
  assigned: ['cases.handle'],
  detail: ['cases.dispatch', 'cases.handle', 'cases.report'],
  indicators: ['stats.read', 'cases.dispatch'],
  categories: ['config.manage'],
} as const satisfies Record<string, readonly Permission[]>;

/** A page the user may not open answers "not found", like any unknown address. */
function RequireAny({ permissions, Page }: { permissions: readonly Permission[]; Page: ComponentType }) {
  const can = useCan();
  if (!permissions.some(can)) return <NotFound />;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

const page = (path: string, permissions: readonly Permission[], Page: ComponentType): RouteObject => ({
  path,
  element: <RequireAny permissions={permissions} Page={Page} />,
});

/** The case desk's routes under /desk (dispatch queue, map, case detail, department desk, indicators). */
export const caseDeskRoutes: RouteObject[] = [
  page('cases', CASE_PAGE_PERMISSIONS.queue, DispatchQueuePage),
  page('cases/map', CASE_PAGE_PERMISSIONS.map, CaseMapPage),
  page('cases/assigned', CASE_PAGE_PERMISSIONS.assigned, DepartmentDeskPage),
  page('cases/indicators', CASE_PAGE_PERMISSIONS.indicators, IndicatorsPage),
  page('cases/categories', CASE_PAGE_PERMISSIONS.categories, CategoriesPage),
  page('cases/:id', CASE_PAGE_PERMISSIONS.detail, CaseDetailPage),
];
