import { type ComponentType, lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageLoading } from '../../components/page-loading';

/* The resident's bills under /m: the list (unpaid first) and one bill with its payment. */
const MyBillsPage = lazy(async () => ({ default: (await import('./my-bills-page')).MyBillsPage }));
const MyBillPage = lazy(async () => ({ default: (await import('./my-bill-page')).MyBillPage }));

function page(Page: ComponentType) {
  return (
    <RequirePermission permission="self.service">
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </RequirePermission>
  );
}

/** This module's phone routes under /m (spread by app/router.tsx). */
export const billsPhoneRoutes: RouteObject[] = [
  { path: 'bills', element: page(MyBillsPage) },
  { path: 'bills/:id', element: page(MyBillPage) },
];
