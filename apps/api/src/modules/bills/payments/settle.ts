import { eq } from 'drizzle-orm';
import { conflict } from '../../../core/errors';
import { shanghaiDay } from '../../../core/working-time';
import type { Db } from '../../../db/client';
import { type billPayments, bills } from '../bills.schema';

export type BillRow = typeof bills.$inferSelect;
export type PaymentRow = typeof billPayments.$inferSelect;

/** The bill, locked until the transaction ends: every payment path settles a bill under this lock. */
export async function lockBill(tx: Db, id: number): Promise<BillRow | undefined> {
  const [row] = await tx.select().from(bills).where(eq(bills.id, id)).for('update');
  return row;
}

/** Paid bills are never paid again; a cancelled one is not paid at all. */
export function assertPayable(bill: BillRow): void {
  if (bill.status === 'paid') throw conflict('bills.already_paid');
  if (bill.status === 'cancelled') throw conflict('bills.cancelled');
}

/** 收据号: SF + the Shanghai day + the payment's number, unique because the payment id is. */
export const receiptNumberOf = (paymentId: number, at: Date) =>
  `SF${shanghaiDay(at).replace(/-/g, '')}${String(paymentId).padStart(8, '0')}`;

/** Marks the (locked, unpaid) bill paid by this succeeded payment. */
export async function settle(tx: Db, bill: BillRow, payment: PaymentRow, paidAt: Date): Promise<BillRow> {
  const [row] = await tx
    .update(bills)
    .set({
      status: 'paid',
      paidAt,
      paidChannel: payment.channel,
      paidPaymentId: payment.id,
      receiptNumber: receiptNumberOf(payment.id, paidAt),
      updatedAt: new Date(),
    })
    .where(eq(bills.id, bill.id))
    .returning();
  return row!;
}
