import { type ComponentType, lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { LazyNotFound as NotFound } from '../../components/lazy-not-found';
import { PageLoading } from '../../components/page-loading';

const BillListPage = lazy(async () => ({ default: (await import('./bill-list-page')).BillListPage }));
const BillImportPage = lazy(async () => ({ default: (await import('./bill-import-page')).BillImportPage }));
const BillDetailPage = lazy(async () => ({ default: (await import('./bill-detail-page')).BillDetailPage }));
const RefundsPage = lazy(async () => ({ default: (await import('./refunds-page')).RefundsPage }));

/** Community workers and leaders (bills.manage); anyone else gets "not found". */
function Guarded({ Page }: { Page: ComponentType }) {
  const can = useCan();
  if (!can('bills.manage')) return <NotFound />;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

/** This module's desk routes under /desk (spread by app/router.tsx). */
export const billsDeskRoutes: RouteObject[] = [
  { path: 'bills', element: <Guarded Page={BillListPage} /> },
  { path: 'bills/import', element: <Guarded Page={BillImportPage} /> },
  { path: 'bills/refunds', element: <Guarded Page={RefundsPage} /> },
  { path: 'bills/:id', element: <Guarded Page={BillDetailPage} /> },
];
