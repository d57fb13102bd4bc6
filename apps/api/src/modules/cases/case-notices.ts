import type { Actor } from '../../core/context';
import type { Db } from '../../db/client';
import { accountsCovering, notify } from '../notices';
import type { LoadedCase } from './case-access';
import { liveNode } from './grid-locator';

/** Changes a reporter hears about (the steps shown to them on the timeline). */
const REPORTER_HEARS = new Set([
  'file',
  'reject',
  'merge',
  'transfer',
  'dispatch',
  'handle',
  'check_pass',
  'close',
  'self_resolve',
]);

/**
 * Who is told what when an action is fired, in the action's transaction: a department when a case is
 * dispatched to it, the grid's workers when they are asked to verify or check, the reporter when their
 * matter moves on. Never the actor themself.
 */
export async function noticesAfterAction(
  db: Db,
  actor: Actor,
  c: LoadedCase,
  action: string,
  assigneeNodeId: number | null,
  to: string,
) {
  const caseId = c.row.id;
  const params = { caseId, title: c.row.title };
  const others = (ids: number[]) => ids.filter((id) => id !== actor.accountId);
  if (action === 'dispatch' && assigneeNodeId) {
    const node = await liveNode(db, assigneeNodeId);
    if (node)
      await notify(db, others(await accountsCovering(db, node.path, 'cases.handle')), {
        kind: 'case_assigned',
        params,
        priority: c.row.urgency === 'urgent' ? 'urgent' : 'normal',
      });
  }
  if (action === 'request_verify' || action === 'request_check')
    await notify(db, others(await accountsCovering(db, c.path, 'cases.handle')), {
      kind: action === 'request_verify' ? 'case_verify' : 'case_check',
      params,
    });
  if (REPORTER_HEARS.has(action) && c.row.reporterAccountId && c.row.reporterAccountId !== actor.accountId)
    await notify(db, [c.row.reporterAccountId], { kind: 'case_progress', params: { ...params, state: to } });
}

/**
 * An emergency call alerts at once whoever is on duty where it happened: the grid's workers and the
 * community's staff (grants on the grid or its community).
 */
export async function emergencyAlert(db: Db, actor: Actor, caseId: number, title: string, path: string) {
  const ids = new Set([
    ...(await accountsCovering(db, path, 'cases.handle', 1)),
    ...(await accountsCovering(db, path, 'cases.report', 1)),
  ]);
  ids.delete(actor.accountId);
  await notify(db, ids, { kind: 'case_emergency', priority: 'urgent', params: { caseId, title } });
  return ids.size;
}
