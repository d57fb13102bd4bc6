import type { Permission } from '@linli/contract';
import { type ComponentType, lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageLoading } from '../../components/page-loading';

/*
 * The case screens under /m (grid worker: report, my tasks; resident: report, follow, rate). Each
 * page is its own chunk; the report page is also fetched ahead (warmCaseScreens) so that a grid
 * worker who loses the network can still open it and queue a report.
 */
const loadReport = () => import('./report-page');
const loadLists = () => import('./case-lists');
const loadDetail = () => import('./case-detail-page');

function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType) {
  return lazy(async () => ({ default: pick(await load()) }));
}

const GridReportPage = page(loadReport, (m) => m.GridReportPage);
const ResidentReportPage = page(loadReport, (m) => m.ResidentReportPage);
const TasksPage = page(loadLists, (m) => m.TasksPage);
const MinePage = page(loadLists, (m) => m.MinePage);
const CaseDetailPage = page(loadDetail, (m) => m.CaseDetailPage);

function guarded(permission: Permission | null, Page: ComponentType) {
  const body = <Page />;
  return (
    <Suspense fallback={<PageLoading />}>
      {permission ? <RequirePermission permission={permission}>{body}</RequirePermission> : body}
    </Suspense>
  );
}

/** Starts loading the screens a report needs, while there is a network to load them over. */
export function warmCaseScreens(): void {
  void loadReport().catch(() => undefined);
  void loadDetail().catch(() => undefined);
}

export const casePhoneRoutes: RouteObject[] = [
  { path: 'cases/report', element: guarded('cases.report', GridReportPage) },
  { path: 'cases/new', element: guarded('self.service', ResidentReportPage) },
  { path: 'cases/tasks', element: guarded('cases.handle', TasksPage) },
  // Anyone's own reports and any case they may see: the API decides what each user gets.
  { path: 'cases/mine', element: guarded(null, MinePage) },
  { path: 'cases/:id', element: guarded(null, CaseDetailPage) },
];
