import { paymentCallbackBody } from '@linli/contract';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../audit';
import { billPayments } from '../bills.schema';
import { providerOf } from './provider';
import { lockBill, settle } from './settle';

export type Refusal =
  | 'provider_off'
  | 'signature_missing'
  | 'signature_bad'
  | 'timestamp_stale'
  | 'body_invalid'
  | 'order_unknown'
  | 'amount_mismatch'
  | 'trade_mismatch';

class Refused extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
  }
}

export type CallbackOutcome = { ok: true } | { ok: false; reason: Refusal; orderId: string | null };

/**
 * The provider's payment notification. Verified first (signature over the raw bytes, timestamp),
 * then applied under the bill's lock, idempotently: a notification already applied (same order and
 * trade number) changes nothing, and a second successful order for a bill already paid is kept as a
 * duplicate to refund, never as a second settlement. Refusals are audited (no personal data).
 */
export async function handleCallback(
  ctx: Ctx,
  raw: Buffer,
  timestamp: string | undefined,
  signature: string | undefined,
): Promise<CallbackOutcome> {
  let orderId: string | null = null;
  try {
    const provider = providerOf(ctx.config);
    if (!provider) throw new Refused('provider_off');
    const problem = provider.verifyCallback(raw, timestamp, signature);
    if (problem) throw new Refused(problem);
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new Refused('body_invalid');
    }
    const parsed = paymentCallbackBody.safeParse(json);
    if (!parsed.success) throw new Refused('body_invalid');
    const body = parsed.data;
    orderId = body.orderId;
    await ctx.db.transaction(async (tx) => {
      const [order] = await tx
        .select()
        .from(billPayments)
        .where(and(eq(billPayments.provider, provider.name), eq(billPayments.orderId, body.orderId)));
      if (!order) throw new Refused('order_unknown');
      if (order.amountCents !== body.amountCents) throw new Refused('amount_mismatch');
      // Lock the bill first, then read the order again under it: two deliveries queue up here.
      const bill = await lockBill(tx, order.billId);
      const [current] = await tx
        .select()
        .from(billPayments)
        .where(eq(billPayments.id, order.id))
        .for('update');
      if (!bill || !current) throw new Refused('order_unknown');
      if (current.status !== 'pending') {
        if (current.providerTradeNo === body.providerTradeNo) return; // already applied
        throw new Refused('trade_mismatch');
      }
      const paidAt = Number.isNaN(Date.parse(body.paidAt)) ? new Date() : new Date(body.paidAt);
      const audit = { actor: null, clientIp: ctx.ip, recordType: 'bill', recordId: bill.id } as const;
      if (body.status === 'FAILED') {
        await tx
          .update(billPayments)
          .set({ status: 'failed', providerTradeNo: body.providerTradeNo, updatedAt: new Date() })
          .where(eq(billPayments.id, current.id));
        await recordAudit(tx, {
          ...audit,
          action: 'bills.payment_failed',
          details: { paymentId: current.id, orderId: body.orderId },
        });
        return;
      }
      const duplicate = bill.status !== 'unpaid';
      const [succeeded] = await tx
        .update(billPayments)
        .set({
          status: 'succeeded',
          duplicate,
          providerTradeNo: body.providerTradeNo,
          paidAt,
          updatedAt: new Date(),
        })
        .where(eq(billPayments.id, current.id))
        .returning();
      if (duplicate) {
        await recordAudit(tx, {
          ...audit,
          action: 'bills.payment_duplicate',
          details: { paymentId: current.id, orderId: body.orderId, amountCents: body.amountCents },
        });
        return;
      }
      const paid = await settle(tx, bill, succeeded!, paidAt);
      await recordAudit(tx, {
        ...audit,
        action: 'bills.paid',
        before: bill,
        after: paid,
        details: { channel: 'online', provider: provider.name, paymentId: current.id, orderId: body.orderId },
      });
    });
    return { ok: true };
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    await ctx.db.transaction((tx) =>
      recordAudit(tx, {
        actor: null,
        clientIp: ctx.ip,
        action: 'bills.callback_refused',
        recordType: 'bill_payment',
        recordId: null,
        reason: err.reason,
        details: { orderId },
      }),
    );
    return { ok: false, reason: err.reason, orderId };
  }
}
