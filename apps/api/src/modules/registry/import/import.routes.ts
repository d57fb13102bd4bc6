import { Readable } from 'node:stream';
import { idParam, importMappingBody, importUploadQuery, importView, XLSX_MIME } from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../core/errors';
import { xlsxReply } from '../export/xlsx-stream';
import { tooLarge } from './file-store';
import {
  commitImport,
  discardImport,
  getImport,
  maxBytesOf,
  setMapping,
  uploadImport,
  validateImport,
} from './import.service';
import { openIssueReport } from './report';

const tags = ['registry'];
const view = { 200: importView };

/** What browsers and clients call CSV and XLSX files (Windows with Excel says vnd.ms-excel for .csv). */
const UPLOAD_TYPES = [
  'text/csv',
  'application/csv',
  'text/comma-separated-values',
  'application/vnd.ms-excel',
  XLSX_MIME,
  'application/octet-stream',
];

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // Only in this plugin: the upload's body reaches the handler as the raw stream, unread. A declared
  // length over the limit is refused here, before a byte is read (and the connection is closed).
  app.addContentTypeParser(UPLOAD_TYPES, (req, payload, done) => {
    const max = maxBytesOf(req.ctx.config);
    if (Number(req.headers['content-length']) > max) return done(tooLarge(max), undefined);
    done(null, payload);
  });

  app.post(
    '/api/registry/imports',
    { schema: { tags, querystring: importUploadQuery, response: view } },
    async (req, reply) => {
      if (req.body === undefined || req.body === null) throw new AppError(400, 'registry.import.empty');
      if (!(req.body instanceof Readable)) throw new AppError(415, 'registry.import.format');
      try {
        return await uploadImport(req.ctx, req.body, {
          fileName: req.headers['x-file-name'],
          nodeId: req.query.nodeId,
          kind: req.query.kind,
        });
      } catch (err) {
        // The rest of the body is not read: close the connection after the answer.
        if (!req.body.readableEnded) reply.header('connection', 'close');
        throw err;
      }
    },
  );
  app.get('/api/registry/imports/:id', { schema: { tags, params: idParam, response: view } }, (req) =>
    getImport(req.ctx, req.params.id),
  );
  app.put(
    '/api/registry/imports/:id/mapping',
    { schema: { tags, params: idParam, body: importMappingBody, response: view } },
    (req) => setMapping(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/registry/imports/:id/validate',
    { schema: { tags, params: idParam, response: view } },
    (req) => validateImport(req.ctx, req.params.id),
  );
  app.post('/api/registry/imports/:id/commit', { schema: { tags, params: idParam, response: view } }, (req) =>
    commitImport(req.ctx, req.params.id),
  );
  app.delete('/api/registry/imports/:id', { schema: { tags, params: idParam, response: view } }, (req) =>
    discardImport(req.ctx, req.params.id),
  );
  app.get(
    '/api/registry/imports/:id/errors.xlsx',
    { schema: { tags, params: idParam } },
    async (req, reply) => {
      const report = await openIssueReport(req.ctx, req.params.id);
      const out = xlsxReply(reply, report.fileName, report.asciiName);
      report.write(out).catch((err: Error) => {
        req.log.warn({ err }, 'import report aborted');
        out.fail(err);
      });
      return reply;
    },
  );
};
