import { Readable } from 'node:stream';
import {
  applicationActionBody,
  applicationListItem,
  applicationListQuery,
  applicationView,
  applyBody,
  idParam,
  matterBody,
  matterView,
  applicantPrefill as prefillView,
  SERVICE_FILE_MAX_BYTES,
  SERVICE_FILE_TYPES,
  windowFiguresQuery,
  windowFiguresView,
  XLSX_MIME,
} from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { applicationDetail, listApplications } from './application-views';
import { actOnApplication, applicantPrefill, apply, visibleApplication } from './applications.service';
import { receiptDocument, resultDocument } from './documents';
import { windowFigures } from './figures';
import { windowFiguresWorkbook } from './figures-xlsx';
import { readServiceFile, uploadServiceFile } from './files';
import { getMatter, listMatters, saveMatter } from './matters';

const tags = ['services'];

export const serviceRoutes: FastifyPluginAsyncZod = async (app) => {
  // Materials arrive as the raw file body (image or PDF); a declared length over the limit is refused unread.
  app.addContentTypeParser([...SERVICE_FILE_TYPES], (req, payload, done) => {
    if (Number(req.headers['content-length']) > SERVICE_FILE_MAX_BYTES)
      return done(
        new AppError(413, 'services.file_too_large', [], { max: SERVICE_FILE_MAX_BYTES / 1024 / 1024 }),
        undefined,
      );
    done(null, payload);
  });

  app.get('/api/services/matters', { schema: { tags, response: { 200: z.array(matterView) } } }, (req) =>
    listMatters(req.ctx),
  );
  app.get(
    '/api/services/matters/:id',
    { schema: { tags, params: idParam, response: { 200: matterView } } },
    (req) => getMatter(req.ctx, req.params.id),
  );
  app.put(
    '/api/services/matters',
    { schema: { tags, body: matterBody, response: { 200: matterView } } },
    (req) => saveMatter(req.ctx, req.body),
  );
  app.get('/api/services/prefill', { schema: { tags, response: { 200: prefillView } } }, (req) =>
    applicantPrefill(req.ctx),
  );
  app.post(
    '/api/services/files',
    {
      schema: {
        tags,
        response: { 201: z.object({ id: z.number(), mime: z.string(), bytes: z.number(), url: z.string() }) },
      },
    },
    async (req, reply) => {
      if (!(req.body instanceof Readable)) throw new AppError(415, 'services.file_type');
      try {
        return reply.status(201).send(await uploadServiceFile(req.ctx, req.body));
      } catch (err) {
        if (!req.body.readableEnded) reply.header('connection', 'close');
        throw err;
      }
    },
  );
  app.get('/api/services/files/:id', { schema: { tags, params: idParam } }, async (req, reply) => {
    const file = await readServiceFile(req.ctx, req.params.id, (applicationId) =>
      visibleApplication(req.ctx, applicationId).then(
        () => true,
        () => false,
      ),
    );
    return reply
      .header('content-type', file.mime)
      .header('cache-control', 'private, max-age=86400')
      .send(file.data);
  });
  app.get(
    '/api/services/figures',
    { schema: { tags, querystring: windowFiguresQuery, response: { 200: windowFiguresView } } },
    (req) => windowFigures(req.ctx, req.query),
  );
  app.get(
    '/api/services/figures.xlsx',
    { schema: { tags, querystring: windowFiguresQuery } },
    async (req, reply) => {
      const view = await windowFigures(req.ctx, req.query);
      const buffer = await windowFiguresWorkbook(view, req.ctx.lang).xlsx.writeBuffer();
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="window-figures-${view.from}-${view.to}.xlsx"`)
        .send(Buffer.from(buffer as ArrayBuffer));
    },
  );
  app.get(
    '/api/services/applications',
    { schema: { tags, querystring: applicationListQuery, response: { 200: z.array(applicationListItem) } } },
    (req) => listApplications(req.ctx, req.query),
  );
  app.post(
    '/api/services/applications',
    { schema: { tags, body: applyBody, response: { 201: applicationView } } },
    async (req, reply) => {
      const { id } = await apply(req.ctx, req.body);
      return reply.status(201).send(await applicationDetail(req.ctx, id));
    },
  );
  app.get(
    '/api/services/applications/:id',
    { schema: { tags, params: idParam, response: { 200: applicationView } } },
    (req) => applicationDetail(req.ctx, req.params.id),
  );
  app.post(
    '/api/services/applications/:id/actions',
    { schema: { tags, params: idParam, body: applicationActionBody, response: { 200: applicationView } } },
    async (req) => {
      await actOnApplication(req.ctx, req.params.id, req.body);
      return applicationDetail(req.ctx, req.params.id);
    },
  );
  for (const [name, render] of [
    ['receipt', receiptDocument],
    ['result', resultDocument],
  ] as const)
    app.get(
      `/api/services/applications/:id/${name}`,
      { schema: { tags, params: idParam } },
      async (req, reply) =>
        reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(await render(req.ctx, req.params.id)),
    );
};
