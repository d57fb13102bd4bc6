import type { FastifyPluginAsync } from 'fastify';
import { serviceRoutes } from './services.routes';

export { STARTER_MATTERS, seedDefaultMatters } from './catalogue';

/** One-window services (SPEC §3.4): the catalogue of matters and applications through the window. */
export const servicesModule: FastifyPluginAsync = async (app) => {
  await app.register(serviceRoutes);
};
