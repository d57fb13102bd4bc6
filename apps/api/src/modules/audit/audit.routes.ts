import { auditEntryView, auditQuery, auditVerifyView, pageOf } from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePermission } from '../../core/access';
import { exportAuditCsv, listAudit } from './audit.query';
import { verifyAuditChain } from './audit.service';

const tags = ['audit'];

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/audit',
    { schema: { tags, querystring: auditQuery, response: { 200: pageOf(auditEntryView) } } },
    (req) => listAudit(req.ctx, req.query),
  );
  app.get(
    '/api/admin/audit/export.csv',
    { schema: { tags, querystring: auditQuery } },
    async (req, reply) => {
      const csv = await exportAuditCsv(req.ctx, req.query);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header(
        'content-disposition',
        `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      );
      return csv;
    },
  );
  app.get('/api/admin/audit/verify', { schema: { tags, response: { 200: auditVerifyView } } }, (req) => {
    requirePermission(req.ctx, 'audit.read');
    return verifyAuditChain(req.ctx.db);
  });
};
