import { makeResidentIdNumber } from '@linli/contract';
import { describe, expect, it } from 'vitest';
import { IdSet, idNumberKey } from './id-set';

describe('IdSet', () => {
  it('remembers the first row of every number, across growth, exactly', () => {
    const set = new IdSet();
    const ids: string[] = [];
    for (let d = 0; d < 400; d++) {
      const day = new Date(Date.UTC(1950, 0, 1) + d * 86_400_000 * 37).toISOString().slice(0, 10);
      for (let s = 0; s < 300; s++)
        ids.push(makeResidentIdNumber(`3299${String(1 + (s % 9)).padStart(2, '0')}`, day, s));
    }
    ids.forEach((id, i) => {
      expect(set.firstSeen(id, i + 2)).toBeUndefined();
    });
    ids.forEach((id, i) => {
      if (i % 997 === 0) expect(set.firstSeen(id, 0)).toBe(i + 2);
    });
  });

  it('keys differ when any part differs, and other documents use their text', () => {
    const a = makeResidentIdNumber('110101', '1990-03-07', 1);
    expect(idNumberKey(a)).not.toBe(idNumberKey(makeResidentIdNumber('110101', '1990-03-07', 3)));
    expect(idNumberKey(a)).not.toBe(idNumberKey(makeResidentIdNumber('110102', '1990-03-07', 1)));
    expect(idNumberKey(a)).not.toBe(idNumberKey(makeResidentIdNumber('110101', '1990-03-08', 1)));
    expect(idNumberKey('E12345678')).toBeNull();
    const set = new IdSet();
    expect(set.firstSeen('E12345678', 5)).toBeUndefined();
    expect(set.firstSeen('E12345678', 9)).toBe(5);
  });
});
