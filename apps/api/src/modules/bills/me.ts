import type { BillView, OnlinePayResult } from '@linli/contract';
import { and, desc, eq, gt } from 'drizzle-orm';
import { requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { conflict, notFound } from '../../core/errors';
import { recordAudit } from '../audit';
import { residents } from '../registry/registry.schema';
import { billPayments } from './bills.schema';
import { newOrderId, providerOf } from './payments/provider';
import { assertPayable, lockBill } from './payments/settle';
import { billWithPath, householdBills } from './views';

/** A pending order is offered again for this long; after it a new order is made (links expire). */
export const ORDER_REUSE_MS = 15 * 60_000;

/** The household of the resident's own registry record, or null (a resident not yet registered). */
async function ownHousehold(ctx: Ctx): Promise<number | null> {
  const actor = requirePermission(ctx, 'self.service');
  if (actor.kind !== 'resident') return null;
  const [row] = await ctx.db
    .select({ householdId: residents.householdId })
    .from(residents)
    .where(eq(residents.accountId, actor.accountId));
  return row?.householdId ?? null;
}

export async function myBills(ctx: Ctx): Promise<{ items: BillView[] }> {
  const householdId = await ownHousehold(ctx);
  return { items: householdId === null ? [] : await householdBills(ctx.db, householdId) };
}

/** One of the resident's own household's bills; any other bill is 404. */
export async function myBill(ctx: Ctx, id: number): Promise<BillView> {
  const householdId = await ownHousehold(ctx);
  const found = await billWithPath(ctx.db, id);
  if (householdId === null || !found || found.view.householdId !== householdId) throw notFound();
  return found.view;
}

/**
 * 去支付: makes an order with the provider (or offers the pending one again, so pressing twice does not
 * make two orders) and answers the provider's pay link. The bill is paid only by the signed callback.
 */
export async function payMyBill(ctx: Ctx, id: number): Promise<OnlinePayResult> {
  const bill = await myBill(ctx, id);
  const provider = providerOf(ctx.config);
  if (!provider) throw conflict('bills.online_unavailable');
  const actor = ctx.actor!;
  const order = await ctx.db.transaction(async (tx) => {
    const locked = await lockBill(tx, id);
    if (!locked) throw notFound();
    assertPayable(locked);
    const [pending] = await tx
      .select()
      .from(billPayments)
      .where(
        and(
          eq(billPayments.billId, id),
          eq(billPayments.provider, provider.name),
          eq(billPayments.status, 'pending'),
          gt(billPayments.createdAt, new Date(Date.now() - ORDER_REUSE_MS)),
        ),
      )
      .orderBy(desc(billPayments.id))
      .limit(1);
    if (pending) return pending;
    const [created] = await tx
      .insert(billPayments)
      .values({
        billId: id,
        channel: 'online',
        provider: provider.name,
        orderId: newOrderId(),
        amountCents: locked.amountCents,
        status: 'pending',
      })
      .returning();
    await recordAudit(tx, {
      actor: { accountId: actor.accountId, role: 'resident', orgNodeId: bill.orgNodeId },
      clientIp: ctx.ip,
      action: 'bills.pay_order',
      recordType: 'bill',
      recordId: id,
      details: { paymentId: created!.id, orderId: created!.orderId, provider: provider.name },
    });
    return created!;
  });
  return {
    paymentId: order.id,
    orderId: order.orderId,
    payUrl: provider.payUrl({
      orderId: order.orderId,
      amountCents: order.amountCents,
      merchant: bill.biller,
      returnPath: `/m/bills/${id}`,
    }),
  };
}
