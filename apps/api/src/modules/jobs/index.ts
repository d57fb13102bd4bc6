import type { FastifyPluginAsync } from 'fastify';
import { jobRoutes } from './jobs.routes';

export { claimNextJob, enqueueJob, enqueueJobCte, hasQueuedJob } from './jobs.service';
export { type JobHandler, startJobWorker } from './worker';

/** The Postgres-backed job queue and its administration screen. */
export const jobsModule: FastifyPluginAsync = async (app) => {
  await app.register(jobRoutes);
};
