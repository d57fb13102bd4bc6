import { type ComponentType, lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { LazyNotFound as NotFound } from '../../components/lazy-not-found';
import { PageLoading } from '../../components/page-loading';

const DemandDeskPage = lazy(async () => ({ default: (await import('./demand-desk-page')).DemandDeskPage }));
const ProvidersPage = lazy(async () => ({ default: (await import('./providers-page')).ProvidersPage }));
const HotlineFiguresPage = lazy(async () => ({
  default: (await import('./figures-page')).HotlineFiguresPage,
}));
const CoveragePage = lazy(async () => ({ default: (await import('./coverage-page')).CoveragePage }));

/**
 * Hotline operators (hotline.operate); the figures and coverage also for those with statistics
 * (community leaders, streets, civil affairs). Anyone else gets "not found".
 */
function Guarded({ Page, orStats = false }: { Page: ComponentType; orStats?: boolean }) {
  const can = useCan();
  if (!can('hotline.operate') && !(orStats && can('stats.read'))) return <NotFound />;
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
  { path: 'hotline/figures', element: <Guarded Page={HotlineFiguresPage} orStats /> },
  { path: 'hotline/coverage', element: <Guarded Page={CoveragePage} orStats /> },
];
