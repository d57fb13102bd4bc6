import { type ComponentType, lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { LazyNotFound as NotFound } from '../../components/lazy-not-found';
import { PageLoading } from '../../components/page-loading';

const DemandDeskPage = lazy(async () => ({ default: (await import('./demand-desk-page')).DemandDeskPage }));
const ProvidersPage = lazy(async () => ({ default: (await import('./providers-page')).ProvidersPage }));

/** Hotline operators (hotline.operate); anyone else gets "not found". */
function Guarded({ Page }: { Page: ComponentType }) {
  const can = useCan();
  if (!can('hotline.operate')) return <NotFound />;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

/** This module's desk routes under /desk (spread by app/router.tsx). */
export const hotlineDeskRoutes: RouteObject[] = [
  { path: 'hotline', element: <Guarded Page={DemandDeskPage} /> },
  { path: 'hotline/providers', element: <Guarded Page={ProvidersPage} /> },
];
