import { z } from 'zod';

/**
 * Bills for utilities and community fees (issue 5 §10, 网上缴费): imported per household from the
 * utility's file, shown to the resident, paid online through a payment provider or at the window.
 * Money is always integer cents (分) so no amount is ever rounded on the way.
 */

export const BILL_KINDS = [
  'water',
  'electricity',
  'gas',
  'heating',
  'property',
  'community_fee',
  'other',
] as const;
export type BillKind = (typeof BILL_KINDS)[number];

export const BILL_STATUSES = ['unpaid', 'paid', 'cancelled'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

export const PAYMENT_CHANNELS = ['online', 'window'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export const WINDOW_METHODS = ['cash', 'card', 'transfer'] as const;
export type WindowMethod = (typeof WINDOW_METHODS)[number];

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'bills.period');

export const billView = z.object({
  id: z.number(),
  householdId: z.number(),
  householdAddress: z.string(),
  orgNodeId: z.number(),
  /** The household's community / grid, e.g. "幸福社区 / 第一网格". */
  orgPathName: z.string(),
  kind: z.enum(BILL_KINDS),
  /** The utility or company that issued the bill. */
  biller: z.string(),
  /** Billing period, YYYY-MM. */
  period: z.string(),
  amountCents: z.number().int(),
  dueDate: z.string(),
  /** The biller's own bill number (unique per biller). */
  externalRef: z.string(),
  status: z.enum(BILL_STATUSES),
  paidAt: z.string().nullable(),
  paidChannel: z.enum(PAYMENT_CHANNELS).nullable(),
  receiptNumber: z.string().nullable(),
  /** 作废: when and why a bill issued in error was cancelled. */
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
});
export type BillView = z.infer<typeof billView>;

export const billListQuery = z.strictObject({
  status: z.enum(BILL_STATUSES).optional(),
  kind: z.enum(BILL_KINDS).optional(),
  period: period.optional(),
  householdId: z.coerce.number().int().positive().optional(),
  /** Contained in the household address, the biller or the bill number. */
  q: z.string().trim().max(60).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type BillListQuery = z.infer<typeof billListQuery>;

export const billPage = z.object({
  items: z.array(billView),
  nextCursor: z.string().nullable(),
  /** Over the whole filtered result, not just this page. */
  totals: z.object({ count: z.number(), unpaidCents: z.number(), paidCents: z.number() }),
});
export type BillPage = z.infer<typeof billPage>;

export const myBills = z.object({ items: z.array(billView) });
export type MyBills = z.infer<typeof myBills>;

export const billImportQuery = z.strictObject({
  /** false: validate and report only (preview); true: write every row, or nothing if any row is bad. */
  commit: z.enum(['true', 'false']).default('false'),
});

export const billImportError = z.object({
  /** 1-based data row (the header is row 0); 0 for a problem with the file or its header. */
  row: z.number().int(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type BillImportError = z.infer<typeof billImportError>;

export const billImportResult = z.object({
  importId: z.number(),
  fileName: z.string(),
  rows: z.number().int(),
  valid: z.number().int(),
  committed: z.boolean(),
  errors: z.array(billImportError),
});
export type BillImportResult = z.infer<typeof billImportResult>;

export const billImportIdParam = z.strictObject({ importId: z.coerce.number().int().positive() });

export const windowPaymentBody = z.strictObject({
  method: z.enum(WINDOW_METHODS),
  /** A card slip or transfer reference, if any. */
  reference: z.string().trim().max(100).optional(),
});
export type WindowPaymentBody = z.infer<typeof windowPaymentBody>;

/** 作废: an unpaid bill issued in error is cancelled, with the reason on record. */
export const billCancelBody = z.strictObject({
  reason: z.string().trim().min(2, 'bills.cancel_reason').max(200),
});
export type BillCancelBody = z.infer<typeof billCancelBody>;

export const onlinePayResult = z.object({
  paymentId: z.number(),
  orderId: z.string(),
  /** Where the browser goes to pay (the provider's page). */
  payUrl: z.string(),
});
export type OnlinePayResult = z.infer<typeof onlinePayResult>;

/**
 * 退款: a payment that arrived for a bill already paid or cancelled (a duplicate) is money to give back.
 * `due` lists those not yet refunded, `done` those refunded, newest first.
 */
export const REFUND_STATES = ['due', 'done'] as const;
export const refundListQuery = z.strictObject({ state: z.enum(REFUND_STATES).default('due') });

export const refundView = z.object({
  paymentId: z.number(),
  bill: billView,
  channel: z.enum(PAYMENT_CHANNELS),
  /** Our order number, and the provider's trade number for an online payment. */
  orderId: z.string(),
  providerTradeNo: z.string().nullable(),
  amountCents: z.number().int(),
  paidAt: z.string().nullable(),
  refundedAt: z.string().nullable(),
  /** The provider's refund number or the window's voucher, as recorded. */
  refundReference: z.string().nullable(),
});
export type RefundView = z.infer<typeof refundView>;
export const refundList = z.object({ items: z.array(refundView) });
export type RefundList = z.infer<typeof refundList>;

/** Records that a duplicate payment was given back, with the refund's own number. */
export const refundBody = z.strictObject({
  reference: z.string().trim().min(1, 'bills.refund_reference').max(100),
});
export type RefundBody = z.infer<typeof refundBody>;

export const PAYMENT_CALLBACK_STATUSES = ['SUCCESS', 'FAILED'] as const;

/** What the payment provider posts to /api/bills/payments/callback (signed, see the bills module). */
export const paymentCallbackBody = z.object({
  orderId: z.string().min(1).max(64),
  providerTradeNo: z.string().min(1).max(64),
  amountCents: z.number().int().nonnegative(),
  status: z.enum(PAYMENT_CALLBACK_STATUSES),
  paidAt: z.string().max(40),
  nonce: z.string().min(1).max(64),
});
export type PaymentCallbackBody = z.infer<typeof paymentCallbackBody>;

export const PAYMENT_SIGNATURE_HEADER = 'x-linli-pay-signature';
export const PAYMENT_TIMESTAMP_HEADER = 'x-linli-pay-timestamp';
