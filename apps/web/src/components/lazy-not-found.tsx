import { lazy, Suspense } from 'react';
import { PageLoading } from './page-loading';

// Result's illustrations are heavy; the shell loads them only when a "not found" is actually shown.
const NotFoundPage = lazy(async () => ({ default: (await import('./not-found')).NotFound }));

export function LazyNotFound() {
  return (
    <Suspense fallback={<PageLoading />}>
      <NotFoundPage />
    </Suspense>
  );
}
