import { HANDLING_LEVELS } from '@linli/contract';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { enqueueJob, hasQueuedJob, type JobHandler } from '../jobs';
import { caseEvents, cases } from './cases.schema';
import { addDeltas, foldStats } from './stats';

/** How often the deadline sweep runs. */
export const SWEEP_SECONDS = 60;
/** A stage is warned about when this share of its time is left (and escalated once it is over). */
const WARN_SHARE = 0.2;
const BATCH = 500;

/**
 * The sweep (a job that schedules its successor): warn before a stage deadline, escalate one level
 * after it, count cases whose whole deadline passed while open into 应结案, and fold statistics.
 * Each case is changed in its own small transaction with its timeline entry.
 */
export async function sweepDeadlines(
  db: Db,
  now = new Date(),
): Promise<{ warned: number; escalated: number; due: number }> {
  let warned = 0;
  let escalated = 0;
  let due = 0;
  const warnRows = rowsOf<{ id: number }>(
    await db.execute(sql`
      select id from cases
      where closed_at is null and on_hold = false and warned_at is null and stage_due_at is not null
        and stage_due_at > ${now}
        and ${now} >= stage_due_at - (stage_due_at - stage_entered_at) * ${WARN_SHARE}
      limit ${BATCH}`),
  );
  for (const { id } of warnRows) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(cases)
        .set({ warnedAt: now })
        .where(and(eq(cases.id, Number(id)), isNull(cases.warnedAt)))
        .returning();
      if (!row) return;
      await tx.insert(caseEvents).values({
        caseId: row.id,
        action: 'deadline_warning',
        data: { stageDueAt: row.stageDueAt?.toISOString() },
      });
      warned++;
    });
  }
  const overdue = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        isNull(cases.closedAt),
        eq(cases.onHold, false),
        lt(cases.stageDueAt, now),
        isNull(cases.escalatedAt),
      ),
    )
    .limit(BATCH);
  for (const { id } of overdue) {
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
      if (!row || row.escalatedAt || row.closedAt) return;
      const next =
        HANDLING_LEVELS[HANDLING_LEVELS.indexOf(row.handlingLevel as never) + 1] ?? row.handlingLevel;
      await tx.update(cases).set({ escalatedAt: now, handlingLevel: next }).where(eq(cases.id, id));
      await tx
        .insert(caseEvents)
        .values({ caseId: id, action: 'deadline_escalated', data: { from: row.handlingLevel, to: next } });
      escalated++;
    });
  }
  const pastDue = await db
    .select({ id: cases.id, orgNodeId: cases.orgNodeId })
    .from(cases)
    .where(and(isNull(cases.closedAt), eq(cases.dueCounted, false), lt(cases.dueAt, now)))
    .limit(BATCH);
  for (const c of pastDue) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(cases)
        .set({ dueCounted: true })
        .where(and(eq(cases.id, c.id), eq(cases.dueCounted, false)))
        .returning({ id: cases.id });
      if (row) await addDeltas(tx, [{ nodeId: c.orgNodeId, dimension: 'territory', counter: 'due' }], now);
      due++;
    });
  }
  await foldStats(db);
  return { warned, escalated, due };
}

/** Keeps exactly one sweep queued. */
export async function scheduleSweep(db: Db, delaySeconds = SWEEP_SECONDS): Promise<void> {
  if (await hasQueuedJob(db, 'cases.sweep')) return;
  await enqueueJob(
    db,
    'cases.sweep',
    {},
    { runAt: new Date(Date.now() + delaySeconds * 1000), maxAttempts: 3 },
  );
}

export const caseJobHandlers: Record<string, JobHandler> = {
  'cases.sweep': async (db) => {
    await sweepDeadlines(db);
    await scheduleSweep(db);
  },
  /** After a report: fold its counters so dashboards see it within seconds, not at the next sweep. */
  'cases.intake': async (db) => {
    await foldStats(db);
  },
};
