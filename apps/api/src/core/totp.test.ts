import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  totpCode,
  totpStep,
  totpUri,
  verifyTotp,
} from './totp';

// RFC 6238 appendix B uses the ASCII seed "12345678901234567890" for SHA-1.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('base32', () => {
  it('matches the RFC 4648 test vectors (unpadded)', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    }
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('decodes leniently but rejects foreign characters', () => {
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow();
  });

  it('round-trips arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...base32Decode(base32Encode(bytes))]).toEqual([...bytes]);
      }),
    );
  });
});

describe('totpCode', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('RFC 6238 SHA-1 vector at T=%i is %s', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(expected);
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(expected.slice(2));
  });

  it('keeps a code for the whole 30 s step', () => {
    expect(totpCode(RFC_SECRET, 30_000)).toBe(totpCode(RFC_SECRET, 59_999));
    expect(totpCode(RFC_SECRET, 59_999)).not.toBe(totpCode(RFC_SECRET, 60_000));
  });
});

describe('generateTotpSecret', () => {
  it('produces 20 random bytes in base32', () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(a);
  });
});

describe('verifyTotp', () => {
  // Fixed inputs keep the test deterministic: no accidental code collisions between neighbouring steps.
  const secret = RFC_SECRET;
  const now = 1_760_000_000_000;
  const step = totpStep(now);

  it('accepts the current code and reports its step', () => {
    expect(verifyTotp(secret, totpCode(secret, now), now)).toEqual({ ok: true, step });
    expect(verifyTotp(secret, ` ${totpCode(secret, now).replace(/(\d{3})/, '$1 ')}`, now)).toEqual({
      ok: true,
      step,
    });
  });

  it('accepts one step of drift either way by default, not two', () => {
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now)).toEqual({ ok: true, step: step + 1 });
    const twoBack = totpCode(secret, now - 60_000);
    expect(verifyTotp(secret, twoBack, now)).toEqual({ ok: false });
    expect(verifyTotp(secret, twoBack, now, 2)).toEqual({ ok: true, step: step - 2 });
    expect(verifyTotp(secret, totpCode(secret, now + 60_000), now)).toEqual({ ok: false });
  });

  it('window 0 accepts only the current step', () => {
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now, 0)).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCode(secret, now), now, 0)).toEqual({ ok: true, step });
  });

  it('rejects malformed or wrong codes', () => {
    const code = totpCode(secret, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(secret, wrong, now)).toEqual({ ok: false });
    expect(verifyTotp(secret, code.slice(0, 5), now)).toEqual({ ok: false });
    expect(verifyTotp(secret, `${code}0`, now)).toEqual({ ok: false });
    expect(verifyTotp(secret, 'abcdef', now)).toEqual({ ok: false });
  });

  it('checks 8-digit codes when asked', () => {
    expect(verifyTotp(RFC_SECRET, '94287082', 59_000, 1, 8)).toEqual({ ok: true, step: 1 });
    expect(verifyTotp(RFC_SECRET, '287082', 59_000, 1, 8)).toEqual({ ok: false });
  });
});

describe('totpUri', () => {
  it('builds an otpauth key URI with an escaped label', () => {
    const uri = totpUri({ secret: 'JBSWY3DPEHPK3PXP', account: 'zhang.san@例子.cn', issuer: 'Linli' });
    expect(uri).toBe(
      'otpauth://totp/Linli:zhang.san%40%E4%BE%8B%E5%AD%90.cn?secret=JBSWY3DPEHPK3PXP&issuer=Linli&algorithm=SHA1&digits=6&period=30',
    );
    expect(totpUri({ secret: 'JBSWY3DPEHPK3PXP', account: 'a' })).toContain('issuer=Linli');
  });
});
