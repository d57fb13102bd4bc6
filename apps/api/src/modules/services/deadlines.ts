import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { WORKING_MS_PER_DAY, workingMsBetween } from '../../core/working-time';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit';
import { cachedOverrides } from '../calendar';
import { enqueueJob, hasQueuedJob, type JobHandler } from '../jobs';
import { accountsCovering, notify } from '../notices';
import { orgNodes } from '../org/org.schema';
import { serviceApplicationEvents, serviceApplications } from './services.schema';

/** How often the sweep runs (promises are in working days; a few minutes late is no harm). */
export const APPLICATION_SWEEP_SECONDS = 300;
/** Warned when this much working time is left before the promised date. */
const WARN_WORKING_MS = WORKING_MS_PER_DAY;
/**
 * A working day can lie this many calendar days ahead (the Golden Week and its weekends), so the
 * candidates for a warning are read by a plain date range and the working time is measured exactly.
 */
const WARN_LOOKAHEAD_DAYS = 14;
const BATCH = 500;
/** States in which the promise runs: received and not yet decided. A supplement request pauses it. */
const RUNNING = ['submitted', 'pre_review', 'accepted', 'forwarded', 'under_review'] as const;

type Kind = 'deadline_warning' | 'deadline_escalated';

/**
 * The deadline sweep of applications (a job that schedules its successor): one working day before the
 * promised date the desk holding the application is warned; once the date has passed the window's
 * community leader (and the department, when forwarded) is told it is overdue. Each happens once per
 * application (the timeline entry is the mark, written under the row's lock), with its audit entry.
 * An application waiting for supplements (一次性告知) has its clock paused and is skipped; its promised
 * date moves on when the papers arrive. A review suspended for a hearing or site visit is skipped too.
 */
export async function sweepApplicationDeadlines(
  db: Db,
  now = new Date(),
): Promise<{ warned: number; escalated: number }> {
  const overrides = await cachedOverrides(db);
  const open = and(
    inArray(serviceApplications.state, [...RUNNING]),
    isNull(serviceApplications.pausedAt),
    eq(serviceApplications.suspended, false),
    isNull(serviceApplications.decidedAt),
  );
  const notMarked = (kind: Kind) =>
    sql`not exists (select 1 from ${serviceApplicationEvents} e
      where e.application_id = ${serviceApplications.id} and e.action = ${kind})`;

  const soon = await db
    .select({ id: serviceApplications.id, dueAt: serviceApplications.dueAt })
    .from(serviceApplications)
    .where(
      and(
        open,
        sql`${serviceApplications.dueAt} > ${now}`,
        sql`${serviceApplications.dueAt} <= ${new Date(now.getTime() + WARN_LOOKAHEAD_DAYS * 86_400_000)}`,
        notMarked('deadline_warning'),
      ),
    )
    .limit(BATCH);
  let warned = 0;
  for (const r of soon)
    if (
      workingMsBetween(now, r.dueAt!, overrides) <= WARN_WORKING_MS &&
      (await mark(db, r.id, 'deadline_warning', now))
    )
      warned++;

  const late = await db
    .select({ id: serviceApplications.id })
    .from(serviceApplications)
    .where(and(open, sql`${serviceApplications.dueAt} <= ${now}`, notMarked('deadline_escalated')))
    .limit(BATCH);
  let escalated = 0;
  for (const r of late) if (await mark(db, r.id, 'deadline_escalated', now)) escalated++;
  return { warned, escalated };
}

/** One warning or escalation in its own transaction: re-checked under the row lock, so never twice. */
async function mark(db: Db, id: number, kind: Kind, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [app] = await tx
      .select()
      .from(serviceApplications)
      .where(eq(serviceApplications.id, id))
      .for('update');
    if (
      !app ||
      app.pausedAt ||
      app.suspended ||
      app.decidedAt ||
      !(RUNNING as readonly string[]).includes(app.state)
    )
      return false;
    const [already] = await tx
      .select({ id: serviceApplicationEvents.id })
      .from(serviceApplicationEvents)
      .where(and(eq(serviceApplicationEvents.applicationId, id), eq(serviceApplicationEvents.action, kind)))
      .limit(1);
    if (already) return false;

    const nodeIds = [app.windowNodeId, ...(app.departmentNodeId ? [app.departmentNodeId] : [])];
    const nodes = await tx
      .select({ id: orgNodes.id, path: orgNodes.path })
      .from(orgNodes)
      .where(inArray(orgNodes.id, nodeIds));
    const windowPath = nodes.find((n) => n.id === app.windowNodeId)!.path;
    const departmentPath = nodes.find((n) => n.id === app.departmentNodeId)?.path ?? null;
    // The warning goes to whoever holds the file now; the escalation to the community leader (the one
    // with statistics on the window's own node) and, when forwarded, to the department as well.
    const recipients =
      kind === 'deadline_warning'
        ? await accountsCovering(tx, departmentPath ?? windowPath, 'applications.handle')
        : [
            ...(await accountsCovering(tx, windowPath, 'stats.read')),
            ...(departmentPath ? await accountsCovering(tx, departmentPath, 'applications.handle') : []),
          ];
    const promisedAt = app.dueAt!.toISOString();
    await tx.insert(serviceApplicationEvents).values({
      applicationId: id,
      at: now,
      action: kind,
      fromState: app.state,
      toState: app.state,
      data: { promisedAt, notified: recipients.length },
    });
    await notify(tx, recipients, {
      kind: kind === 'deadline_warning' ? 'application_due_soon' : 'application_overdue',
      priority: kind === 'deadline_escalated' ? 'urgent' : 'normal',
      params: { applicationId: id, applicant: app.applicantName, promisedAt },
      link: `/desk/services/applications/${id}`,
    });
    await recordAudit(tx, {
      actor: null,
      action: `application.${kind}`,
      recordType: 'service_application',
      recordId: id,
      details: { state: app.state, promisedAt, notified: recipients.length },
    });
    return true;
  });
}

/** Keeps exactly one sweep queued; the queue is a table, so the schedule survives a restart. */
export async function scheduleApplicationSweep(
  db: Db,
  delaySeconds = APPLICATION_SWEEP_SECONDS,
): Promise<void> {
  if (await hasQueuedJob(db, 'services.sweep')) return;
  await enqueueJob(
    db,
    'services.sweep',
    {},
    { runAt: new Date(Date.now() + delaySeconds * 1000), maxAttempts: 3 },
  );
}

export const serviceJobHandlers: Record<string, JobHandler> = {
  'services.sweep': async (db) => {
    await sweepApplicationDeadlines(db);
    await scheduleApplicationSweep(db);
  },
};
