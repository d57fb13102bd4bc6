import type { BillCancelBody, BillView } from '@linli/contract';
import { and, eq, isNotNull } from 'drizzle-orm';
import { assertPathInScope, auditActorIn, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { conflict, notFound } from '../../core/errors';
import { recordAudit } from '../audit';
import { notify } from '../notices';
import { residents } from '../registry/registry.schema';
import { bills } from './bills.schema';
import { formatYuan } from './money';
import { lockBill } from './payments/settle';
import { billInScope, billWithPath } from './views';

/**
 * 作废: a bill the biller issued in error (wrong household, wrong amount) is cancelled, never deleted, so
 * the import and any payment attempt stay explained. Only an unpaid bill: a paid one needs a refund,
 * not a cancellation. Under the bill's row lock, so a window payment or an online callback for the same
 * bill is ordered against it (a callback that arrives afterwards is kept as a duplicate to refund).
 */
export async function cancelBill(ctx: Ctx, id: number, body: BillCancelBody): Promise<BillView> {
  const actor = requirePermission(ctx, 'bills.manage');
  const found = await billWithPath(ctx.db, id);
  assertPathInScope(actor, 'bills.manage', found?.path);
  await ctx.db.transaction(async (tx) => {
    const bill = await lockBill(tx, id);
    if (!bill) throw notFound();
    if (bill.status !== 'unpaid') throw conflict('bills.not_cancellable');
    const now = new Date();
    const [cancelled] = await tx
      .update(bills)
      .set({
        status: 'cancelled',
        cancelledAt: now,
        cancelledBy: actor.accountId,
        cancelReason: body.reason,
        updatedAt: now,
      })
      .where(eq(bills.id, id))
      .returning();
    // The household's residents who use the app saw the bill: tell them why it went.
    const household = await tx
      .select({ accountId: residents.accountId })
      .from(residents)
      .where(and(eq(residents.householdId, bill.householdId), isNotNull(residents.accountId)));
    await notify(
      tx,
      household.map((r) => r.accountId!),
      {
        kind: 'bill_cancelled',
        params: {
          biller: bill.biller,
          period: bill.period,
          amount: `¥${formatYuan(bill.amountCents)}`,
          reason: body.reason,
        },
        link: `/m/bills/${id}`,
      },
    );
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'bills.manage', found!.path),
      clientIp: ctx.ip,
      action: 'bills.cancel',
      recordType: 'bill',
      recordId: id,
      before: bill,
      after: cancelled,
      reason: body.reason,
      details: { amountCents: bill.amountCents, externalRef: bill.externalRef },
    });
  });
  return billInScope(ctx.db, actor, id);
}
