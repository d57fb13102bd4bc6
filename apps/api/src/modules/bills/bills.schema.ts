import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from '../../db/columns';
import { accounts } from '../accounts/accounts.schema';
import { households } from '../registry/registry.schema';

/**
 * One import of a biller's file: kept with its problems so the error report can be downloaded after
 * the answer. A file with any problem writes no bill; `committed` says whether its bills were written.
 */
export const billImports = pgTable('bill_imports', {
  id: serial('id').primaryKey(),
  fileName: text('file_name').notNull(),
  format: text('format').notNull(),
  rows: integer('rows').notNull(),
  valid: integer('valid').notNull(),
  committed: boolean('committed').notNull().default(false),
  /** [{ row, field, code, params? }] — messages are rendered in the reader's language. */
  errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
  createdBy: integer('created_by')
    .notNull()
    .references(() => accounts.id),
  createdAt: createdAt(),
});

/**
 * A bill of one household. Scope comes from the household's org node (joined, so a household moved to
 * another grid takes its bills along). `paid_payment_id` names the one payment that settled it.
 */
export const bills = pgTable(
  'bills',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    kind: text('kind').notNull(),
    biller: text('biller').notNull(),
    period: text('period').notNull(),
    amountCents: integer('amount_cents').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    externalRef: text('external_ref').notNull(),
    status: text('status').notNull().default('unpaid'),
    paidAt: tz('paid_at'),
    paidChannel: text('paid_channel'),
    paidPaymentId: integer('paid_payment_id'),
    receiptNumber: text('receipt_number'),
    /** 作废: a bill issued in error is cancelled (never deleted), with who, when and why. */
    cancelledAt: tz('cancelled_at'),
    cancelledBy: integer('cancelled_by').references(() => accounts.id),
    cancelReason: text('cancel_reason'),
    importId: integer('import_id').references(() => billImports.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The biller's bill number names one bill: an import cannot bring the same bill in twice.
    uniqueIndex('bills_biller_ref_idx').on(t.biller, t.externalRef),
    uniqueIndex('bills_receipt_idx').on(t.receiptNumber),
    index('bills_household_idx').on(t.householdId, t.status),
    check('bills_amount_positive', sql`${t.amountCents} > 0`),
    check('bills_paid_consistent', sql`(${t.status} = 'paid') = (${t.paidPaymentId} is not null)`),
    check(
      'bills_cancelled_consistent',
      sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null and ${t.cancelReason} is not null)`,
    ),
  ],
);

/**
 * Every attempt to pay a bill: an online order (pending until the provider calls back) or a window
 * payment (succeeded when recorded). The partial unique index is the last word on double payment: at
 * most one succeeded, non-duplicate payment per bill, whatever races above it.
 */
export const billPayments = pgTable(
  'bill_payments',
  {
    id: serial('id').primaryKey(),
    billId: integer('bill_id')
      .notNull()
      .references(() => bills.id),
    channel: text('channel').notNull(),
    /** The provider adapter ('fake', 'hmac') for online orders, 'window' at the window. */
    provider: text('provider').notNull(),
    orderId: text('order_id').notNull(),
    providerTradeNo: text('provider_trade_no'),
    amountCents: integer('amount_cents').notNull(),
    /** pending → succeeded | failed. */
    status: text('status').notNull(),
    /** A second successful payment of a bill already paid: money to refund, not a second settlement. */
    duplicate: boolean('duplicate').notNull().default(false),
    method: text('method'),
    reference: text('reference'),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    paidAt: tz('paid_at'),
    /** A duplicate given back: when, by whom, and the refund's own number (provider or window voucher). */
    refundedAt: tz('refunded_at'),
    refundedBy: integer('refunded_by').references(() => accounts.id),
    refundReference: text('refund_reference'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      'bill_payments_refund_of_duplicate',
      sql`${t.refundedAt} is null or (${t.duplicate} and ${t.status} = 'succeeded' and ${t.refundReference} is not null)`,
    ),
    uniqueIndex('bill_payments_order_idx').on(t.provider, t.orderId),
    uniqueIndex('bill_payments_trade_idx').on(t.provider, t.providerTradeNo),
    uniqueIndex('bill_payments_one_settlement_idx')
      .on(t.billId)
      .where(sql`${t.status} = 'succeeded' and not ${t.duplicate}`),
    index('bill_payments_bill_idx').on(t.billId),
  ],
);
