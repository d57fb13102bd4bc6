import type { FastifyPluginAsync } from 'fastify';
import { noticeRoutes } from './notices.routes';

export { accountsCovering, type NoticeInput, notify } from './notices.service';

/** In-app notices to accounts (emergency alerts, assignments, progress of a resident's matters). */
export const noticesModule: FastifyPluginAsync = async (app) => {
  await app.register(noticeRoutes);
};
