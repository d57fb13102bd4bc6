import { Readable } from 'node:stream';
import {
  billCancelBody,
  billImportIdParam,
  billImportQuery,
  billImportResult,
  billListQuery,
  billPage,
  billView,
  IMPORT_MAX_BYTES,
  idParam,
  myBills as myBillsView,
  okBody,
  onlinePayResult,
  PAYMENT_SIGNATURE_HEADER,
  PAYMENT_TIMESTAMP_HEADER,
  refundBody,
  refundList,
  refundListQuery,
  refundView,
  windowPaymentBody,
  XLSX_MIME,
} from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../core/errors';
import { cancelBill } from './cancel';
import { templateCsv } from './import/columns';
import { importBills, importReport } from './import/import.service';
import { myBill, myBills, payMyBill } from './me';
import { handleCallback } from './payments/callback';
import { payAtWindow } from './payments/window';
import { receiptDocument } from './receipt';
import { listRefunds, recordRefund } from './refunds';
import { getBill, listBills } from './views';

const tags = ['bills'];

/** What browsers and clients call CSV and XLSX files (as in the registry import). */
const UPLOAD_TYPES = [
  'text/csv',
  'application/csv',
  'text/comma-separated-values',
  'application/vnd.ms-excel',
  XLSX_MIME,
  'application/octet-stream',
];

const html = 'text/html; charset=utf-8';
const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The upload: in its own scope, the body reaches the handler as the raw stream. */
const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // A declared length over the limit is refused before a byte is read.
  app.addContentTypeParser(UPLOAD_TYPES, (req, payload, done) => {
    const max = req.ctx.config.importMaxBytes ?? IMPORT_MAX_BYTES;
    if (Number(req.headers['content-length']) > max)
      return done(
        new AppError(413, 'bills.import.too_large', [], { max: `${Math.round(max / 1048576)} MB` }),
        undefined,
      );
    done(null, payload);
  });
  app.post(
    '/api/bills/import',
    { schema: { tags, querystring: billImportQuery, response: { 200: billImportResult } } },
    async (req, reply) => {
      if (!(req.body instanceof Readable)) throw new AppError(415, 'bills.import.format');
      try {
        return await importBills(req.ctx, req.body, {
          fileName: req.headers['x-file-name'],
          commit: req.query.commit === 'true',
        });
      } catch (err) {
        if (!req.body.readableEnded) reply.header('connection', 'close');
        throw err;
      }
    },
  );
};

/** The provider's callback: in its own scope, JSON is kept as raw bytes, because the signature is over them. */
const callbackRoutes: FastifyPluginAsyncZod = async (app) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 16_384 }, (_req, body, done) =>
    done(null, body),
  );
  app.post('/api/bills/payments/callback', { schema: { tags, response: { 200: okBody } } }, async (req) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const outcome = await handleCallback(
      req.ctx,
      raw,
      header(req.headers[PAYMENT_TIMESTAMP_HEADER]),
      header(req.headers[PAYMENT_SIGNATURE_HEADER]),
    );
    if (!outcome.ok) {
      // The order number only: no amounts of a person, no body.
      req.log.warn({ reason: outcome.reason, orderId: outcome.orderId }, 'payment callback refused');
      throw new AppError(400, 'bills.callback_refused');
    }
    return { ok: true as const };
  });
};

export const billsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(importRoutes);
  await app.register(callbackRoutes);
  app.get(
    '/api/bills',
    { schema: { tags, querystring: billListQuery, response: { 200: billPage } } },
    (req) => listBills(req.ctx, req.query),
  );
  app.get('/api/bills/import/template.csv', { schema: { tags } }, async (_req, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="bills-template.csv"; filename*=UTF-8''${encodeURIComponent('账单导入模板.csv')}`,
      )
      .send(templateCsv()),
  );
  app.get(
    '/api/bills/import/:importId/errors.xlsx',
    { schema: { tags, params: billImportIdParam } },
    async (req, reply) => {
      const report = await importReport(req.ctx, req.params.importId);
      return reply
        .header('content-type', XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="${report.asciiName}"; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
        )
        .header('cache-control', 'no-store')
        .send(report.buffer);
    },
  );
  app.get('/api/bills/:id', { schema: { tags, params: idParam, response: { 200: billView } } }, (req) =>
    getBill(req.ctx, req.params.id),
  );
  app.post(
    '/api/bills/:id/window-payment',
    { schema: { tags, params: idParam, body: windowPaymentBody, response: { 200: billView } } },
    (req) => payAtWindow(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/bills/refunds',
    { schema: { tags, querystring: refundListQuery, response: { 200: refundList } } },
    (req) => listRefunds(req.ctx, req.query.state),
  );
  app.post(
    '/api/bills/payments/:id/refund',
    { schema: { tags, params: idParam, body: refundBody, response: { 200: refundView } } },
    (req) => recordRefund(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/bills/:id/cancel',
    { schema: { tags, params: idParam, body: billCancelBody, response: { 200: billView } } },
    (req) => cancelBill(req.ctx, req.params.id, req.body),
  );
  app.get('/api/bills/:id/receipt', { schema: { tags, params: idParam } }, async (req, reply) =>
    reply
      .header('content-type', html)
      .header('cache-control', 'no-store')
      .send(await receiptDocument(req.ctx, await getBill(req.ctx, req.params.id))),
  );

  app.get('/api/me/bills', { schema: { tags, response: { 200: myBillsView } } }, (req) => myBills(req.ctx));
  app.get('/api/me/bills/:id', { schema: { tags, params: idParam, response: { 200: billView } } }, (req) =>
    myBill(req.ctx, req.params.id),
  );
  app.post(
    '/api/me/bills/:id/pay',
    { schema: { tags, params: idParam, response: { 200: onlinePayResult } } },
    (req) => payMyBill(req.ctx, req.params.id),
  );
  app.get('/api/me/bills/:id/receipt', { schema: { tags, params: idParam } }, async (req, reply) =>
    reply
      .header('content-type', html)
      .header('cache-control', 'no-store')
      .send(await receiptDocument(req.ctx, await myBill(req.ctx, req.params.id))),
  );
};
