import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import { claimNextJob, completeJob, failJob, requeueStale, touchJob } from './jobs.service';

export type JobHandler = (db: Db, payload: Record<string, unknown>) => Promise<void>;

export interface WorkerOptions {
  pollMs?: number;
  /**
   * True when this process is the only one that can run jobs (PGlite locks its directory): every job
   * still marked running at start belonged to a process that died, so it is requeued at once.
   */
  exclusive?: boolean;
}

// A running job's lock is refreshed this often; a lock older than STALE_MS means its process died.
const HEARTBEAT_MS = 30_000;
const STALE_MS = 120_000;

/**
 * Polls the queue and runs jobs one at a time (PGlite is one connection anyway; on PostgreSQL more
 * API processes mean more workers). Returns a stop function that waits for the running job.
 */
export function startJobWorker(
  db: Db,
  handlers: Record<string, JobHandler>,
  log: FastifyBaseLogger,
  { pollMs = 1_000, exclusive = false }: WorkerOptions = {},
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    try {
      for (let job = await claimNextJob(db); job && !stopped; job = await claimNextJob(db)) {
        const handler = handlers[job.kind];
        const id = job.id;
        const heartbeat = setInterval(() => void touchJob(db, id).catch(() => {}), HEARTBEAT_MS);
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await handler(db, job.payload as Record<string, unknown>);
          await completeJob(db, job.id);
        } catch (err) {
          log.warn({ jobId: job.id, kind: job.kind, err: (err as Error).message }, 'job failed');
          await failJob(db, job, (err as Error).message);
        } finally {
          clearInterval(heartbeat);
        }
      }
      // Another process's job whose heartbeat stopped (it crashed) goes back to the queue.
      await requeueStale(db, STALE_MS);
    } catch (err) {
      log.error({ err }, 'job worker error');
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), pollMs);
  };
  running = requeueStale(db, exclusive ? 0 : STALE_MS).then(tick);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
