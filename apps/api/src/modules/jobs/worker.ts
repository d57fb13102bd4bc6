import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import { claimNextJob, completeJob, failJob, requeueStale } from './jobs.service';

export type JobHandler = (db: Db, payload: Record<string, unknown>) => Promise<void>;

/**
 * Polls the queue and runs jobs one at a time (PGlite is one connection anyway; on PostgreSQL more
 * API processes mean more workers). Returns a stop function that waits for the running job.
 */
export function startJobWorker(
  db: Db,
  handlers: Record<string, JobHandler>,
  log: FastifyBaseLogger,
  pollMs = 1_000,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    try {
      for (let job = await claimNextJob(db); job && !stopped; job = await claimNextJob(db)) {
        const handler = handlers[job.kind];
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await handler(db, job.payload as Record<string, unknown>);
          await completeJob(db, job.id);
        } catch (err) {
          log.warn({ jobId: job.id, kind: job.kind, err: (err as Error).message }, 'job failed');
          await failJob(db, job, (err as Error).message);
        }
      }
    } catch (err) {
      log.error({ err }, 'job worker error');
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), pollMs);
  };
  running = requeueStale(db).then(tick);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
