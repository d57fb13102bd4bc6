import { type ComponentType, lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageLoading } from '../../components/page-loading';

/* The resident's one-window screens under /m: the catalogue, a matter, applying, my applications. */
const loadCatalogue = () => import('./catalogue-page');
const loadApply = () => import('./apply-page');
const loadApplications = () => import('./application-pages');

function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType) {
  const Page = lazy(async () => ({ default: pick(await load()) }));
  return (
    <RequirePermission permission="self.service">
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </RequirePermission>
  );
}

/** This module's phone routes under /m (spread by app/router.tsx). */
export const servicesPhoneRoutes: RouteObject[] = [
  { path: 'services', element: page(loadCatalogue, (m) => m.CataloguePage) },
  { path: 'services/matters/:id', element: page(loadCatalogue, (m) => m.MatterPage) },
  { path: 'services/matters/:id/apply', element: page(loadApply, (m) => m.ApplyPage) },
  { path: 'services/mine', element: page(loadApplications, (m) => m.MyApplicationsPage) },
  { path: 'services/applications/:id', element: page(loadApplications, (m) => m.ApplicationPage) },
];
