import { Readable } from 'node:stream';
import {
  caseActionBody,
  caseDetailView,
  caseListQuery,
  caseMapItem,
  caseNoteBody,
  caseReportBody,
  caseView,
  categoryImportBody,
  categoryView,
  externalReplyBody,
  idParam,
  indicatorQuery,
  indicatorView,
  mediationSessionBody,
  XLSX_MIME,
} from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { assigneeOptions, caseMap, listCases, nearbyDuplicates } from './case-list';
import { actOnCase, addNote, getCase, reportCase } from './cases.service';
import { importCategories, listCategories, retireCategory } from './categories';
import { indicators } from './indicators';
import { indicatorWorkbook } from './indicators-xlsx';
import { agreementDocument, recordExternalReply, recordMediation } from './kind-records';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, readPhoto, uploadPhoto } from './photos';

const tags = ['cases'];
const detail = { 200: caseDetailView };

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  // Photos arrive as the raw image body; a declared length over the limit is refused before reading.
  app.addContentTypeParser([...PHOTO_TYPES, 'application/octet-stream'], (req, payload, done) => {
    if (Number(req.headers['content-length']) > PHOTO_MAX_BYTES)
      return done(
        new AppError(413, 'cases.photo_too_large', [], { max: PHOTO_MAX_BYTES / 1024 / 1024 }),
        undefined,
      );
    done(null, payload);
  });

  app.get('/api/cases/categories', { schema: { tags, response: { 200: z.array(categoryView) } } }, (req) =>
    listCategories(req.ctx),
  );
  app.post(
    '/api/cases/categories/import',
    { schema: { tags, body: categoryImportBody, response: { 200: z.object({ count: z.number() }) } } },
    (req) => importCategories(req.ctx, req.body.categories),
  );
  app.post(
    '/api/cases/categories/:id/retire',
    { schema: { tags, params: idParam, response: { 200: categoryView } } },
    (req) => retireCategory(req.ctx, req.params.id),
  );
  app.post(
    '/api/cases/photos',
    {
      schema: {
        tags,
        querystring: z.strictObject({ keepLocation: z.enum(['true', 'false']).default('false') }),
        response: { 201: z.object({ id: z.number(), mime: z.string(), bytes: z.number(), url: z.string() }) },
      },
    },
    async (req, reply) => {
      if (!(req.body instanceof Readable)) throw new AppError(415, 'cases.photo_type');
      try {
        const photo = await uploadPhoto(req.ctx, req.body, {
          keepLocation: req.query.keepLocation === 'true',
        });
        return reply.status(201).send(photo);
      } catch (err) {
        if (!req.body.readableEnded) reply.header('connection', 'close');
        throw err;
      }
    },
  );
  app.get('/api/cases/photos/:id', { schema: { tags, params: idParam } }, async (req, reply) => {
    const photo = await readPhoto(req.ctx, req.params.id);
    return reply
      .header('content-type', photo.mime)
      .header('cache-control', 'private, max-age=86400')
      .send(photo.data);
  });
  app.get(
    '/api/cases/indicators',
    { schema: { tags, querystring: indicatorQuery, response: { 200: indicatorView } } },
    (req) => indicators(req.ctx, req.query),
  );
  app.get(
    '/api/cases/indicators.xlsx',
    { schema: { tags, querystring: indicatorQuery } },
    async (req, reply) => {
      const view = await indicators(req.ctx, req.query);
      const buffer = await indicatorWorkbook(view, req.ctx.lang).xlsx.writeBuffer();
      const name = `indicators-${view.from}-${view.to}.xlsx`;
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Buffer.from(buffer as ArrayBuffer));
    },
  );
  app.get(
    '/api/cases/map',
    {
      schema: {
        tags,
        querystring: z.strictObject({ nodeId: z.coerce.number().int().positive().optional() }),
        response: {
          200: z.object({
            items: z.array(caseMapItem),
            areas: z.array(
              z.object({ id: z.number(), name: z.string(), level: z.string(), boundary: z.unknown() }),
            ),
          }),
        },
      },
    },
    (req) => caseMap(req.ctx, req.query.nodeId),
  );
  app.post(
    '/api/cases',
    { schema: { tags, body: caseReportBody, response: { 201: caseDetailView } } },
    async (req, reply) => reply.status(201).send(await reportCase(req.ctx, req.body)),
  );
  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        querystring: caseListQuery,
        response: { 200: z.object({ items: z.array(caseView), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => listCases(req.ctx, req.query),
  );
  app.get('/api/cases/:id', { schema: { tags, params: idParam, response: detail } }, (req) =>
    getCase(req.ctx, req.params.id),
  );
  app.post(
    '/api/cases/:id/actions',
    { schema: { tags, params: idParam, body: caseActionBody, response: detail } },
    (req) => actOnCase(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/cases/:id/notes',
    { schema: { tags, params: idParam, body: caseNoteBody, response: detail } },
    (req) => addNote(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/cases/:id/duplicates',
    { schema: { tags, params: idParam, response: { 200: z.array(caseView) } } },
    (req) => nearbyDuplicates(req.ctx, req.params.id),
  );
  app.post(
    '/api/cases/:id/mediation-sessions',
    { schema: { tags, params: idParam, body: mediationSessionBody, response: detail } },
    (req) => recordMediation(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/cases/:id/external-reply',
    { schema: { tags, params: idParam, body: externalReplyBody, response: detail } },
    (req) => recordExternalReply(req.ctx, req.params.id, req.body),
  );
  app.get('/api/cases/:id/agreement', { schema: { tags, params: idParam } }, async (req, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(await agreementDocument(req.ctx, req.params.id)),
  );
  app.get(
    '/api/cases/:id/assignees',
    {
      schema: {
        tags,
        params: idParam,
        response: {
          200: z.array(
            z.object({
              id: z.number(),
              name: z.string(),
              level: z.string(),
              departmentType: z.string().nullable(),
            }),
          ),
        },
      },
    },
    (req) => assigneeOptions(req.ctx, req.params.id),
  );
};
