import { and, desc, eq, lt, lte, sql } from 'drizzle-orm';
import { auditActorOf, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { decodeCursor, pageFrom } from '../../core/pagination';
import { type Db, rowsOf } from '../../db/client';
import { preparedStatement } from '../../db/prepared';
import { recordAudit } from '../audit';
import { jobs } from './jobs.schema';

export type JobRow = typeof jobs.$inferSelect;

/** Tries before a job is marked failed, unless its enqueuer says otherwise. */
const DEFAULT_MAX_ATTEMPTS = 8;

/** Schedules a job; pass the write's transaction so the job exists exactly when the write does. */
export async function enqueueJob(
  db: Db,
  kind: string,
  payload: Record<string, unknown> = {},
  opts: { runAt?: Date; maxAttempts?: number } = {},
): Promise<number> {
  const [row] = await insertJob(db, [
    kind,
    JSON.stringify(payload),
    (opts.runAt ?? new Date()).toISOString(),
    opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  ]);
  return Number(row!.id);
}
// Written once: every report and most writes enqueue a job in their transaction (db/prepared.ts).
const insertJob = preparedStatement<{ id: number | string }>(
  'linli_jobs_insert',
  'insert into "jobs" ("kind", "payload", "run_at", "max_attempts") values ($1, $2, $3, $4) returning "id"',
);

/**
 * The enqueue as a CTE `<name>` of a write that is ONE statement: a job of `kind` for each row of the
 * CTE `source` where `when` holds, its payload `{ <key>: source.id }` (the id is known only inside the
 * statement). Parameters from `$<first>`, values from `params` in that order.
 */
export function enqueueJobCte(name: string, source: string, key: string, first: number) {
  const sql = `${name} as (
    insert into "jobs" ("kind", "payload", "run_at", "max_attempts")
    select $${first}::text, jsonb_build_object($${first + 1}::text, ${source}.id), $${first + 2}::timestamptz, ${DEFAULT_MAX_ATTEMPTS}
    from ${source} where $${first + 3}::boolean
    returning "id"
  )`;
  const params = (kind: string, when: boolean): unknown[] => [kind, key, new Date().toISOString(), when];
  return { sql, params, count: 4 };
}

/** Claims the next due job; SKIP LOCKED lets several workers (or API processes) share the queue. */
export async function claimNextJob(db: Db): Promise<JobRow | undefined> {
  const res = await db.execute(sql`
    update jobs set status = 'running', locked_at = now(), attempts = attempts + 1
    where id = (
      select id from jobs where status = 'queued' and run_at <= now()
      order by run_at, id for update skip locked limit 1
    )
    returning id`);
  const id = rowsOf<{ id: number | string }>(res)[0]?.id;
  if (id === undefined) return undefined;
  const [row] = await db
    .select()
    .from(jobs)
    .where(eq(jobs.id, Number(id)));
  return row;
}

export async function completeJob(db: Db, id: number): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'done', finishedAt: new Date(), lastError: null })
    .where(eq(jobs.id, id));
}

/** Exponential back-off: 10 s, 20 s, 40 s … capped at one hour; after maxAttempts the job fails for good. */
export function backoffMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export async function failJob(db: Db, job: JobRow, error: string): Promise<void> {
  const final = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: final ? 'failed' : 'queued',
      lastError: error.slice(0, 2000),
      runAt: final ? job.runAt : new Date(Date.now() + backoffMs(job.attempts)),
      finishedAt: final ? new Date() : null,
      lockedAt: null,
    })
    .where(eq(jobs.id, job.id));
}

export async function hasQueuedJob(db: Db, kind: string): Promise<boolean> {
  const rows = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.status, 'queued')))
    .limit(1);
  return rows.length > 0;
}

/** The worker's heartbeat: a running job whose lock keeps moving belongs to a live process. */
export async function touchJob(db: Db, id: number): Promise<void> {
  await db
    .update(jobs)
    .set({ lockedAt: new Date() })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

/** After a crash, jobs left 'running' with a lock older than this are given back to the queue. */
export async function requeueStale(db: Db, olderThanMs: number): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'queued', lockedAt: null })
    .where(and(eq(jobs.status, 'running'), lte(jobs.lockedAt, new Date(Date.now() - olderThanMs))));
}

const view = (j: JobRow) => ({
  id: j.id,
  kind: j.kind,
  status: j.status as 'queued' | 'running' | 'done' | 'failed',
  runAt: j.runAt.toISOString(),
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  lastError: j.lastError,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

export async function listJobs(
  ctx: Ctx,
  q: { status?: string | undefined; cursor?: string | undefined; limit: number },
) {
  requirePermission(ctx, 'jobs.manage');
  const before = decodeCursor<{ id: number }>(q.cursor);
  const rows = await ctx.db
    .select()
    .from(jobs)
    .where(
      and(
        q.status ? eq(jobs.status, q.status) : undefined,
        before ? lt(jobs.id, Number(before.id)) : undefined,
      ),
    )
    .orderBy(desc(jobs.id))
    .limit(q.limit + 1);
  const page = pageFrom(rows, q.limit, (r) => ({ id: r.id }));
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

export async function retryJob(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'jobs.manage');
  return ctx.db.transaction(async (tx) => {
    const [job] = await tx.select().from(jobs).where(eq(jobs.id, id)).for('update');
    if (!job) throw notFound();
    if (job.status !== 'failed') throw new AppError(409, 'job.not_retryable');
    const [after] = await tx
      .update(jobs)
      .set({ status: 'queued', attempts: 0, runAt: new Date(), finishedAt: null })
      .where(eq(jobs.id, id))
      .returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'job.retry',
      recordType: 'job',
      recordId: id,
    });
    return view(after!);
  });
}
