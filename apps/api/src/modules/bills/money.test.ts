import { describe, expect, it } from 'vitest';
import { centsOfNumber, chineseAmount, formatYuan, parseYuan } from './money';
import { sign, signatureMatches, verify } from './payments/signature';

describe('money', () => {
  it('parses yuan without floating point', () => {
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('1,234.5')).toBe(123450);
    expect(parseYuan('12')).toBe(1200);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('-3')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
    expect(centsOfNumber(12.3)).toBe(1230);
    expect(centsOfNumber(12.345)).toBeNull();
    expect(formatYuan(123450)).toBe('1234.50');
  });

  it('writes the capital amount of receipts', () => {
    expect(chineseAmount(123450)).toBe('壹仟贰佰叁拾肆元伍角整');
    expect(chineseAmount(100005)).toBe('壹仟元零伍分');
    expect(chineseAmount(30)).toBe('叁角整');
    expect(chineseAmount(1_000_000_00)).toBe('壹佰万元整');
    expect(chineseAmount(10_050_000)).toBe('壹拾万零伍佰元整');
    expect(chineseAmount(1001_00)).toBe('壹仟零壹元整');
    expect(chineseAmount(1_000_010_000)).toBe('壹仟万零壹佰元整');
    expect(chineseAmount(10_000_010_000)).toBe('壹亿零壹佰元整');
    expect(chineseAmount(4507)).toBe('肆拾伍元零柒分');
    expect(chineseAmount(0)).toBe('零元整');
  });
});

describe('payment signature', () => {
  const secret = 'x'.repeat(32);
  const body = '{"orderId":"LL1"}';
  const now = Date.parse('2026-12-04T12:00:00Z');
  const ts = String(now / 1000);

  it('verifies its own signature and refuses any change', () => {
    const sig = sign(secret, ts, body);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(verify(secret, ts, body, sig, now)).toBeNull();
    expect(verify(secret, ts, `${body} `, sig, now)).toBe('signature_bad');
    expect(verify(secret, String(Number(ts) + 1), body, sig, now)).toBe('signature_bad');
    expect(verify('y'.repeat(32), ts, body, sig, now)).toBe('signature_bad');
    expect(verify(secret, ts, body, undefined, now)).toBe('signature_missing');
    expect(verify(secret, ts, body, 'zz', now)).toBe('signature_bad');
    expect(signatureMatches(secret, ts, body, sig)).toBe(true);
  });

  it('refuses a timestamp more than five minutes away', () => {
    const old = String(now / 1000 - 301);
    expect(verify(secret, old, body, sign(secret, old, body), now)).toBe('timestamp_stale');
    const recent = String(now / 1000 - 299);
    expect(verify(secret, recent, body, sign(secret, recent, body), now)).toBeNull();
  });
});
