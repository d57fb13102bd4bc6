import { idParam, jobListQuery, jobView, pageOf } from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listJobs, retryJob } from './jobs.service';

const tags = ['jobs'];

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/jobs',
    { schema: { tags, querystring: jobListQuery, response: { 200: pageOf(jobView) } } },
    (req) => listJobs(req.ctx, req.query),
  );
  app.post(
    '/api/admin/jobs/:id/retry',
    { schema: { tags, params: idParam, response: { 200: jobView } } },
    (req) => retryJob(req.ctx, req.params.id),
  );
};
