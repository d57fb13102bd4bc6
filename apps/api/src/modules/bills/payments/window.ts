import type { BillView, WindowPaymentBody } from '@linli/contract';
import { assertPathInScope, auditActorIn, requirePermission } from '../../../core/access';
import type { Ctx } from '../../../core/context';
import { conflict, notFound } from '../../../core/errors';
import { pgCode } from '../../../db/pg-error';
import { recordAudit } from '../../audit';
import { billPayments } from '../bills.schema';
import { billInScope, billWithPath } from '../views';
import { newOrderId } from './provider';
import { assertPayable, lockBill, settle } from './settle';

/**
 * 窗口收款: the clerk takes cash, a card or a transfer and the bill is paid at once, with a receipt
 * number. The bill's row lock orders this against an online callback for the same bill; whichever
 * comes second finds the bill paid (409 here, a duplicate to refund there).
 */
export async function payAtWindow(ctx: Ctx, id: number, body: WindowPaymentBody): Promise<BillView> {
  const actor = requirePermission(ctx, 'bills.manage');
  const found = await billWithPath(ctx.db, id);
  assertPathInScope(actor, 'bills.manage', found?.path);
  try {
    await ctx.db.transaction(async (tx) => {
      const bill = await lockBill(tx, id);
      if (!bill) throw notFound();
      assertPayable(bill);
      const now = new Date();
      const [payment] = await tx
        .insert(billPayments)
        .values({
          billId: id,
          channel: 'window',
          provider: 'window',
          orderId: newOrderId(now),
          amountCents: bill.amountCents,
          status: 'succeeded',
          method: body.method,
          reference: body.reference || null,
          recordedBy: actor.accountId,
          paidAt: now,
        })
        .returning();
      const paid = await settle(tx, bill, payment!, now);
      await recordAudit(tx, {
        actor: auditActorIn(actor, 'bills.manage', found!.path),
        clientIp: ctx.ip,
        action: 'bills.paid',
        recordType: 'bill',
        recordId: id,
        before: bill,
        after: paid,
        details: {
          channel: 'window',
          method: body.method,
          paymentId: payment!.id,
          amountCents: bill.amountCents,
        },
      });
    });
  } catch (err) {
    // The partial unique index: another settlement committed first (the lock makes this rare).
    if (pgCode(err) === '23505') throw conflict('bills.already_paid');
    throw err;
  }
  return billInScope(ctx.db, actor, id);
}
