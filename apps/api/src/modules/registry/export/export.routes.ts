import { residentExportQuery } from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { shanghaiToday } from '../dates';
import { openResidentExport } from './export.service';
import { xlsxReply } from './xlsx-stream';

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/registry/residents/export.xlsx',
    { schema: { tags: ['registry'], querystring: residentExportQuery } },
    async (req, reply) => {
      const exporter = await openResidentExport(req.ctx, req.query);
      const day = shanghaiToday().replaceAll('-', '');
      const name = req.ctx.lang === 'en-US' ? `residents-${day}.xlsx` : `居民名册-${day}.xlsx`;
      const out = xlsxReply(reply, name, `residents-${day}.xlsx`);
      exporter.write(out).catch((err: Error) => {
        req.log.warn({ err }, 'resident export aborted');
        out.fail(err);
      });
      return reply;
    },
  );
};
