import type { FastifyPluginAsync } from 'fastify';
import type { JobHandler } from '../jobs';
import { serviceJobHandlers } from './deadlines';
import { serviceRoutes } from './services.routes';

export { STARTER_MATTERS, seedDefaultMatters } from './catalogue';
export { scheduleApplicationSweep, sweepApplicationDeadlines } from './deadlines';

/** One-window services (SPEC §3.4): the catalogue of matters and applications through the window. */
export const servicesModule: FastifyPluginAsync = async (app) => {
  await app.register(serviceRoutes);
};

/** Background work of the window: the overdue alerts and escalation of applications. */
export function servicesJobHandlers(): Record<string, JobHandler> {
  return serviceJobHandlers;
}
