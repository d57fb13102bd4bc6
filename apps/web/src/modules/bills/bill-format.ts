import type { StatusTone } from '../../components/status-tag';

const yuan = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Integer fen as yuan with two decimals and thousands separators (`¥1,234.50`). Integer arithmetic
 * splits yuan and fen, so a large amount never picks up a floating-point cent.
 */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const whole = yuan.format(Math.floor(abs / 100)).replace(/\.00$/, '');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** An unpaid bill whose due date (a Shanghai calendar day) lies before today is overdue. */
export function isOverdue(bill: { status: string; dueDate: string }, today: string): boolean {
  return bill.status === 'unpaid' && bill.dueDate < today;
}

/** UX.md colours: waiting on the resident orange, overdue red, paid green, cancelled grey. */
export function billTone(bill: { status: string; dueDate: string }, today: string): StatusTone {
  if (bill.status === 'paid') return 'closed';
  if (bill.status === 'cancelled') return 'refused';
  return isOverdue(bill, today) ? 'overdue' : 'waiting';
}

/** Today in Asia/Shanghai as `YYYY-MM-DD`, the calendar the due dates are written in. */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
