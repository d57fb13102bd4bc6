/**
 * Money as integer cents (分). Yuan strings are parsed digit by digit, never through floating point,
 * so "0.29" is 29 cents and not 28.999….
 */

/** Largest single bill accepted: ten million yuan (well inside a 32-bit integer of cents). */
export const MAX_BILL_CENTS = 1_000_000_000;

/** "12", "12.5", "12.50", "1,234.50" → cents; null when it is not an amount with at most 2 decimals. */
export function parseYuan(input: string): number | null {
  const s = input
    .trim()
    .replace(/[,，]/g, '')
    .replace(/^[¥￥]/, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A spreadsheet number (12.3 may arrive as 12.299999999): cents when it is within a rounding error. */
export function centsOfNumber(n: number): number | null {
  if (!Number.isFinite(n)) return null;
  const cents = Math.round(n * 100);
  return Math.abs(cents - n * 100) < 1e-6 ? cents : null;
}

/** 123450 → "1234.50" */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const IN_GROUP = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿'];

/** One group of four digits (0–9999), without leading or trailing 零. */
function group(n: number): string {
  let out = '';
  let zero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + IN_GROUP[pos]!;
  }
  return out;
}

/**
 * The capital amount (大写金额) printed on receipts, by the usual rules for financial documents:
 * 1234.50 → 壹仟贰佰叁拾肆元伍角整, 1000.05 → 壹仟元零伍分, 0.30 → 叁角整, 100000 → 壹拾万元整.
 */
export function chineseAmount(cents: number): string {
  if (!Number.isInteger(cents) || cents < 0) throw new RangeError('cents must be a non-negative integer');
  if (cents === 0) return '零元整';
  const yuan = Math.floor(cents / 100);
  const jiao = Math.floor(cents / 10) % 10;
  const fen = cents % 10;
  let whole = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
    let needZero = false;
    for (let i = groups.length - 1; i >= 0; i--) {
      const g = groups[i]!;
      if (g === 0) {
        needZero = whole !== '';
        continue;
      }
      // A gap inside the number (a group below 1000 after a higher group) is read with 零.
      if (whole && (needZero || g < 1000)) whole += '零';
      needZero = false;
      whole += group(g) + GROUPS[i]!;
    }
    whole += '元';
  }
  if (jiao === 0 && fen === 0) return `${whole}整`;
  let small = '';
  if (jiao > 0) small += `${DIGITS[jiao]}角`;
  else if (yuan > 0) small += '零';
  if (fen > 0) small += `${DIGITS[fen]}分`;
  else small += '整';
  return whole + small;
}
