import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePiiKeys } from '../config';
import { createPii } from './pii';

const keys = () =>
  parsePiiKeys(`a1:${randomBytes(32).toString('base64')}`, randomBytes(32).toString('base64'));

describe('field encryption', () => {
  it('round-trips, uses a fresh IV per value, and names its key', () => {
    const pii = createPii(keys());
    const a = pii.encrypt('11010519491231002X');
    const b = pii.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1:a1:')).toBe(true);
    expect(pii.decrypt(a)).toBe('11010519491231002X');
  });

  it('never repeats an IV, also across refills of the IV pool', () => {
    const pii = createPii(keys());
    const ivs = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const stored = pii.encrypt(`1381234${String(i).padStart(4, '0')}`);
      ivs.add(Buffer.from(stored.split(':')[2]!, 'base64').subarray(0, 12).toString('hex'));
      if (i % 997 === 0) expect(pii.decrypt(stored)).toBe(`1381234${String(i).padStart(4, '0')}`);
    }
    expect(ivs.size).toBe(5_000);
  });

  it('detects tampering and refuses an unknown key id', () => {
    const pii = createPii(keys());
    const stored = pii.encrypt('13812345678');
    const [v, id, b64] = stored.split(':');
    const blob = Buffer.from(b64!, 'base64');
    blob[14]! ^= 1;
    expect(() => pii.decrypt(`${v}:${id}:${blob.toString('base64')}`)).toThrow();
    expect(() => pii.decrypt(`v1:zz:${b64}`)).toThrow();
    expect(() => createPii(keys()).decrypt(stored)).toThrow();
  });

  it('blind index: deterministic per key, different across keys, not the plain hash', () => {
    const k = keys();
    expect(createPii(k).blindIndex('13812345678')).toBe(createPii(k).blindIndex('13812345678'));
    expect(createPii(k).blindIndex('13812345678')).not.toBe(createPii(keys()).blindIndex('13812345678'));
    expect(createPii(k).blindIndex('13812345678')).not.toBe(createPii(k).blindIndex('13812345679'));
  });

  it('rejects malformed key configuration', () => {
    expect(() => parsePiiKeys('k1:short', randomBytes(32).toString('base64'))).toThrow();
    expect(() => parsePiiKeys(`k1:${randomBytes(32).toString('base64')}`, 'c2hvcnQ=')).toThrow();
  });
});
