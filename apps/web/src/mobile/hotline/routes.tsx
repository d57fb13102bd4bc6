import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageLoading } from '../../components/page-loading';

const JobsPage = lazy(async () => ({ default: (await import('./jobs-page')).JobsPage }));

/** This module's phone routes under /m (spread by app/router.tsx). */
export const hotlinePhoneRoutes: RouteObject[] = [
  {
    path: 'hotline/jobs',
    element: (
      <RequirePermission permission="hotline.serve">
        <Suspense fallback={<PageLoading />}>
          <JobsPage />
        </Suspense>
      </RequirePermission>
    ),
  },
];
