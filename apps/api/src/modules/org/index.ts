import type { FastifyPluginAsync } from 'fastify';
import { orgRoutes } from './org.routes';

export { readableNode } from './org.service';

/** The four-level territory tree with grids and departments. */
export const orgModule: FastifyPluginAsync = async (app) => {
  await app.register(orgRoutes);
};
