import { type ComponentType, lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { LazyNotFound as NotFound } from '../../components/lazy-not-found';
import { PageLoading } from '../../components/page-loading';

function lazyNamed<M extends Record<string, unknown>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const QueuePage = lazyNamed(() => import('./queue-page'), 'QueuePage');
const DepartmentPage = lazyNamed(() => import('./queue-page'), 'DepartmentPage');
const NewApplicationPage = lazyNamed(() => import('./new-application-page'), 'NewApplicationPage');
const ApplicationDeskPage = lazyNamed(() => import('./application-desk-page'), 'ApplicationDeskPage');
const FiguresPage = lazyNamed(() => import('./figures-page'), 'FiguresPage');

/**
 * Window clerks and department staff (applications.handle); the figures also for those with
 * statistics (community leaders, streets, civil affairs). Anyone else gets "not found".
 */
function Guarded({ Page, orStats = false }: { Page: ComponentType; orStats?: boolean }) {
  const can = useCan();
  if (!can('applications.handle') && !(orStats && can('stats.read'))) return <NotFound />;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

/** This module's desk routes under /desk (spread by app/router.tsx). */
export const servicesDeskRoutes: RouteObject[] = [
  { path: 'services', element: <Guarded Page={QueuePage} /> },
  { path: 'services/new', element: <Guarded Page={NewApplicationPage} /> },
  { path: 'services/department', element: <Guarded Page={DepartmentPage} /> },
  { path: 'services/applications/:id', element: <Guarded Page={ApplicationDeskPage} /> },
  { path: 'services/figures', element: <Guarded Page={FiguresPage} orStats /> },
];
