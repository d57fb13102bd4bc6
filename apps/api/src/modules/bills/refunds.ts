import type { RefundBody, RefundList, RefundView } from '@linli/contract';
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { assertPathInScope, auditActorIn, requirePermission, scopeCondition } from '../../core/access';
import type { Ctx } from '../../core/context';
import { conflict, notFound } from '../../core/errors';
import { recordAudit } from '../audit';
import { households } from '../registry/registry.schema';
import { billPayments, bills } from './bills.schema';
import { billViewsById, billWithPath } from './views';

type PaymentRow = typeof billPayments.$inferSelect;

/** How many a list shows: refunds due are a handful a month, not a ledger. */
const LIST_LIMIT = 200;

/**
 * 退款: payments that arrived for a bill already paid or cancelled (the callback keeps them as
 * duplicates rather than settling twice), in the actor's area, waiting (`due`) or refunded (`done`).
 */
export async function listRefunds(ctx: Ctx, state: 'due' | 'done'): Promise<RefundList> {
  const actor = requirePermission(ctx, 'bills.manage');
  const rows = await ctx.db
    .select({ payment: billPayments })
    .from(billPayments)
    .innerJoin(bills, eq(bills.id, billPayments.billId))
    .innerJoin(households, eq(households.id, bills.householdId))
    .where(
      and(
        eq(billPayments.duplicate, true),
        eq(billPayments.status, 'succeeded'),
        state === 'due' ? isNull(billPayments.refundedAt) : isNotNull(billPayments.refundedAt),
        scopeCondition(actor, 'bills.manage', households.orgNodeId),
      ),
    )
    .orderBy(desc(state === 'due' ? billPayments.paidAt : billPayments.refundedAt), desc(billPayments.id))
    .limit(LIST_LIMIT);
  const views = await billViewsById(ctx.db, [...new Set(rows.map((r) => r.payment.billId))]);
  return { items: rows.map((r) => refundViewOf(r.payment, views.get(r.payment.billId)!)) };
}

/**
 * Records that a duplicate payment was given back (through the provider's refund or at the window),
 * with the refund's number. Once only: the payment row is locked, and a second record is a 409.
 */
export async function recordRefund(ctx: Ctx, paymentId: number, body: RefundBody): Promise<RefundView> {
  const actor = requirePermission(ctx, 'bills.manage');
  const [found] = await ctx.db
    .select({ billId: billPayments.billId })
    .from(billPayments)
    .where(eq(billPayments.id, paymentId));
  const bill = found ? await billWithPath(ctx.db, found.billId) : null;
  assertPathInScope(actor, 'bills.manage', bill?.path);
  const refunded = await ctx.db.transaction(async (tx) => {
    const [payment] = await tx
      .select()
      .from(billPayments)
      .where(eq(billPayments.id, paymentId))
      .for('update');
    if (!payment) throw notFound();
    if (!payment.duplicate || payment.status !== 'succeeded') throw conflict('bills.refund_not_due');
    if (payment.refundedAt) throw conflict('bills.already_refunded');
    const now = new Date();
    const [row] = await tx
      .update(billPayments)
      .set({ refundedAt: now, refundedBy: actor.accountId, refundReference: body.reference, updatedAt: now })
      .where(eq(billPayments.id, paymentId))
      .returning();
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'bills.manage', bill!.path),
      clientIp: ctx.ip,
      action: 'bills.refund',
      recordType: 'bill_payment',
      recordId: paymentId,
      before: payment,
      after: row,
      details: { billId: payment.billId, amountCents: payment.amountCents, reference: body.reference },
    });
    return row!;
  });
  return refundViewOf(refunded, bill!.view);
}

function refundViewOf(p: PaymentRow, bill: RefundView['bill']): RefundView {
  return {
    paymentId: p.id,
    bill,
    channel: p.channel as RefundView['channel'],
    orderId: p.orderId,
    providerTradeNo: p.providerTradeNo,
    amountCents: p.amountCents,
    paidAt: p.paidAt?.toISOString() ?? null,
    refundedAt: p.refundedAt?.toISOString() ?? null,
    refundReference: p.refundReference,
  };
}
