import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PAYMENT_SIGNATURE_HEADER, PAYMENT_TIMESTAMP_HEADER } from '@linli/contract';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { langFrom } from '../../core/messages';
import { formatYuan } from './money';
import { FAKE_PAY_PATH, paymentConfigOf } from './payments/provider';
import { sign, signatureMatches, unixSeconds } from './payments/signature';

/**
 * A stand-in payment provider for demos and tests, served by the same server. It knows only the
 * protocol — the signed pay link and the signed callback over real HTTP — and never our tables, so it
 * exercises exactly the path a real provider takes.
 */
const TEXT = {
  title: { zh: '模拟支付', en: 'Test payment' },
  merchant: { zh: '收款方', en: 'Merchant' },
  order: { zh: '订单号', en: 'Order' },
  amount: { zh: '金额', en: 'Amount' },
  confirm: { zh: '确认支付', en: 'Confirm payment' },
  cancel: { zh: '取消', en: 'Cancel' },
  note: { zh: '这是演示用的模拟支付，不会产生真实扣款。', en: 'This is a test provider; no money moves.' },
  bad: { zh: '支付链接无效或已被篡改。', en: 'The payment link is invalid or has been altered.' },
  failed: { zh: '支付结果通知失败，请稍后再试。', en: 'The payment could not be reported; try again later.' },
};

type Query = { amount?: string; merchant?: string; return?: string; ts?: string; sig?: string };

function page(req: FastifyRequest, body: string): string {
  const lang = langFrom(req.headers['accept-language']);
  const t = (k: keyof typeof TEXT) => (lang === 'en-US' ? TEXT[k].en : TEXT[k].zh);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${t('title')}</title>
<style>body{font-family:system-ui,sans-serif;max-width:375px;margin:0 auto;padding:24px;color:#222}
.amount{font-size:32px;font-weight:600;margin:16px 0}button,a.btn{display:block;width:100%;padding:12px;margin:8px 0;font-size:16px;border-radius:8px;text-align:center;box-sizing:border-box}
button{background:#1677ff;color:#fff;border:0}a.btn{border:1px solid #ccc;color:#222;text-decoration:none}.note{color:#888;font-size:13px}</style>
</head><body>${body.replace(/\{(\w+)\}/g, (_, k: keyof typeof TEXT) => (TEXT[k] ? t(k) : `{${k}}`))}</body></html>`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The link's own signature (see PaymentProvider.payUrl): the provider trusts only what we signed. */
function checkedLink(secret: string, orderId: string, rawUrl: string, q: Query) {
  const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1).replace(/&sig=[^&]*$/, '') : '';
  const ok = signatureMatches(secret, orderId, query, q.sig);
  const amount = Number(q.amount);
  const back = q.return ?? '/';
  if (!ok || !Number.isInteger(amount) || !back.startsWith('/') || back.startsWith('//')) return null;
  return { query, amount, merchant: q.merchant ?? '', back };
}

/** Our own address as the provider would reach it: the port this server listens on. */
function selfBase(app: FastifyInstance): string {
  const addr = app.server.address() as AddressInfo | null;
  if (!addr || typeof addr === 'string') throw new Error('the server is not listening');
  const host = ['0.0.0.0', '::'].includes(addr.address) ? '127.0.0.1' : addr.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
}

export const fakeProviderRoutes: FastifyPluginAsync = async (app) => {
  // The confirm form posts no fields; the body is read and dropped (the order is in the signed link).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_r, _b, done) => done(null, {}),
  );

  app.get<{ Params: { orderId: string }; Querystring: Query }>(
    `${FAKE_PAY_PATH}/:orderId`,
    { schema: { hide: true } },
    async (req, reply) => {
      const link = checkedLink(
        paymentConfigOf(req.ctx.config).secret,
        req.params.orderId,
        req.url,
        req.query,
      );
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!link) return reply.status(400).send(page(req, '<h2>{title}</h2><p>{bad}</p>'));
      const orderId = escapeHtml(req.params.orderId);
      return reply.send(
        page(
          req,
          `<h2>{title}</h2><p>{merchant}：${escapeHtml(link.merchant)}</p><p>{order}：${orderId}</p>
<div class="amount">¥${formatYuan(link.amount)}</div>
<form method="post" action="${FAKE_PAY_PATH}/${encodeURIComponent(req.params.orderId)}/confirm?${escapeHtml(link.query)}&amp;sig=${escapeHtml(req.query.sig ?? '')}">
<button type="submit">{confirm}</button></form><a class="btn" href="${escapeHtml(link.back)}">{cancel}</a><p class="note">{note}</p>`,
        ),
      );
    },
  );

  app.post<{ Params: { orderId: string }; Querystring: Query }>(
    `${FAKE_PAY_PATH}/:orderId/confirm`,
    { schema: { hide: true } },
    async (req, reply) => {
      const secretKey = paymentConfigOf(req.ctx.config).secret;
      const link = checkedLink(secretKey, req.params.orderId, req.url, req.query);
      if (!link)
        return reply
          .status(400)
          .header('content-type', 'text/html; charset=utf-8')
          .send(page(req, '<p>{bad}</p>'));
      const body = JSON.stringify({
        orderId: req.params.orderId,
        // One trade number per order: confirming twice reports the same payment twice, as a provider would.
        providerTradeNo: `FAKE${createHash('sha256').update(req.params.orderId).digest('hex').slice(0, 24)}`,
        amountCents: link.amount,
        status: 'SUCCESS',
        paidAt: new Date().toISOString(),
        nonce: randomBytes(12).toString('hex'),
      });
      const timestamp = unixSeconds();
      const res = await fetch(`${selfBase(app)}/api/bills/payments/callback`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [PAYMENT_TIMESTAMP_HEADER]: timestamp,
          [PAYMENT_SIGNATURE_HEADER]: sign(secretKey, timestamp, body),
        },
        body,
      }).catch(() => null);
      if (!res?.ok)
        return reply
          .status(502)
          .header('content-type', 'text/html; charset=utf-8')
          .send(page(req, '<p>{failed}</p>'));
      return reply.redirect(`${link.back}?paid=1`, 303);
    },
  );
};
