import type { BillView } from '@linli/contract';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { conflict } from '../../core/errors';
import { translate } from '../../core/messages';
import { accounts } from '../accounts/accounts.schema';
import { billPayments, bills } from './bills.schema';
import { chineseAmount, formatYuan } from './money';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Shanghai wall-clock time of an instant, "2026-12-04 21:30". */
const shanghaiTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * 缴费收据, printable: receipt number, household, biller, kind, period, amount in figures and in
 * capitals (大写), channel, time and who recorded it. The caller has already checked access.
 */
export async function receiptDocument(ctx: Ctx, bill: BillView): Promise<string> {
  if (bill.status !== 'paid' || !bill.receiptNumber || !bill.paidAt) throw conflict('bills.not_paid');
  const [payment] = await ctx.db
    .select({ p: billPayments, recorder: accounts.displayName })
    .from(bills)
    .innerJoin(billPayments, eq(billPayments.id, bills.paidPaymentId))
    .leftJoin(accounts, eq(accounts.id, billPayments.recordedBy))
    .where(eq(bills.id, bill.id));
  const en = ctx.lang === 'en-US';
  const tr = (code: string) => translate(ctx.lang, code);
  const title = en ? 'Payment receipt' : '缴费收据';
  const channel =
    tr(`bills.channel.${bill.paidChannel}`) +
    (payment?.p.method ? `（${tr(`bills.method.${payment.p.method}`)}）` : '');
  const recordedBy = payment?.recorder ?? (en ? 'Online payment' : '网上支付');
  const row = (label: string, value: string) => `<tr><th>${label}</th><td>${escapeHtml(value)}</td></tr>`;
  return `<!doctype html><html lang="${ctx.lang}"><head><meta charset="utf-8"><title>${title} ${bill.receiptNumber}</title>
<style>body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:720px;margin:40px auto;line-height:1.8;color:#111}
h1{text-align:center;letter-spacing:.2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 8px;text-align:left}
th{width:30%;font-weight:normal;color:#444}@media print{.noprint{display:none}}</style></head>
<body><h1>${title}</h1><table>
${row(en ? 'Receipt number' : '收据号', bill.receiptNumber)}
${row(en ? 'Household' : '房屋地址', bill.householdAddress)}
${row(en ? 'Biller' : '收费单位', bill.biller)}
${row(en ? 'Kind' : '费用类别', tr(`bills.kind.${bill.kind}`))}
${row(en ? 'Period' : '账期', bill.period)}
${row(en ? 'Bill number' : '账单号', bill.externalRef)}
${row(en ? 'Amount (yuan)' : '金额（元）', `¥${formatYuan(bill.amountCents)}`)}
${row(en ? 'Amount in words' : '大写金额', chineseAmount(bill.amountCents))}
${row(en ? 'Channel' : '缴费方式', channel)}
${row(en ? 'Paid at' : '缴费时间', shanghaiTime(bill.paidAt))}
${row(en ? 'Recorded by' : '经办', recordedBy)}
</table><p class="noprint"><button onclick="print()">${en ? 'Print' : '打印'}</button></p></body></html>`;
}
