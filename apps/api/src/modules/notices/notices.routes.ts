import { noticeListQuery, noticePage, noticeReadBody, okBody } from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listNotices, markRead } from './notices.service';

const tags = ['notices'];

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/notices',
    { schema: { tags, querystring: noticeListQuery, response: { 200: noticePage } } },
    (req) => listNotices(req.ctx, { ...req.query, unread: req.query.unread === 'true' }),
  );
  app.post(
    '/api/notices/read',
    { schema: { tags, body: noticeReadBody, response: { 200: okBody } } },
    async (req) => {
      await markRead(req.ctx, req.body.ids ?? 'all');
      return { ok: true as const };
    },
  );
};
