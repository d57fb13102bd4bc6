// Display masking for personal information (research §4). Lists and exports show these by default;
// unmasked views are a separate, audited permission, so masking must never fail open.
import { parseMobile } from './validators';

// Code points, not UTF-16 units: rare GB 18030 name characters live outside the BMP.
const chars = (value: string): string[] => Array.from(value.trim());

/** WeChat style: 张三 → 张*, 张小三 → 张*三, 欧阳娜娜 → 欧**娜; Latin names keep first and last letter. */
export function maskName(name: string): string {
  const c = chars(name);
  if (c.length <= 1) return c.length === 0 ? '' : '*';
  if (c.length === 2) return `${c[0]}*`;
  return `${c[0]}${'*'.repeat(c.length - 2)}${c[c.length - 1]}`;
}

function keepEnds(c: string[], head: number, tail: number): string {
  // Too short to show both ends without revealing most of the value: hide everything.
  if (c.length <= head + tail) return '*'.repeat(c.length);
  return c.slice(0, head).join('') + '*'.repeat(c.length - head - tail) + c.slice(c.length - tail).join('');
}

/** First 3 and last 4 characters: 11010519491231002X → 110***********002X. */
export function maskIdNumber(idNumber: string): string {
  return keepEnds(
    chars(idNumber.toUpperCase()).filter((ch) => !/\s/.test(ch)),
    3,
    4,
  );
}

/** 13812345678 → 138****5678; a +86 prefix or separators do not shift what is revealed. */
export function maskMobile(mobile: string): string {
  const parsed = parseMobile(mobile);
  const digits = parsed.ok ? parsed.normalized : mobile.replace(/[\s-]/g, '');
  return keepEnds(chars(digits), 3, 4);
}
