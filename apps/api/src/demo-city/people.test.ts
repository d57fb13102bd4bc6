import { parseMobile, parseResidentIdNumber } from '@linli/contract';
import { describe, expect, it } from 'vitest';
import {
  createIdAllocator,
  DEMO_RESIDENT_MOBILE,
  DEMO_TODAY,
  generateHousehold,
  type Person,
} from './people';
import { pickSurname, TOP_SURNAMES } from './person-names';
import { createRng } from './rng';

function population(seed: number, households: number): Person[][] {
  const rng = createRng(seed);
  const ids = createIdAllocator();
  return Array.from(
    { length: households },
    () => generateHousehold(rng, { regionCode: '329901', ids }).members,
  );
}

const ageOn = (birthDate: string, today: string) => {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
};

describe('generateHousehold', () => {
  it('is deterministic per seed', () => {
    expect(population(42, 50)).toEqual(population(42, 50));
    expect(population(42, 50)).not.toEqual(population(43, 50));
  });

  it('builds valid, unique ID numbers that agree with birth date, age and gender', () => {
    const people = population(1, 1500).flat();
    for (const p of people) {
      const id = parseResidentIdNumber(p.idNumber);
      expect(id.ok, p.idNumber).toBe(true);
      if (!id.ok) continue;
      expect(id.birthDate).toBe(p.birthDate);
      expect(id.gender).toBe(p.gender);
      expect(id.regionCode).toBe('329901');
      expect(ageOn(p.birthDate, DEMO_TODAY)).toBe(p.age);
    }
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(people.length);
  });

  it('has census-like household sizes and age mix', () => {
    const households = population(7, 5000);
    const people = households.flat();
    const mean = people.length / households.length;
    expect(mean).toBeGreaterThan(2.45);
    expect(mean).toBeLessThan(2.75);
    const share = (pred: (p: Person) => boolean) => people.filter(pred).length / people.length;
    expect(share((p) => p.age <= 14)).toBeGreaterThan(0.12);
    expect(share((p) => p.age <= 14)).toBeLessThan(0.24);
    expect(share((p) => p.age >= 60)).toBeGreaterThan(0.14);
    expect(share((p) => p.age >= 60)).toBeLessThan(0.26);
    expect(Math.max(...households.map((h) => h.length))).toBeLessThanOrEqual(6);
    expect(households.every((h) => h.filter((p) => p.relation === 'head').length === 1)).toBe(true);
  });

  it('gives mobiles with allocated network codes to people old enough, never the demo login', () => {
    const people = population(9, 2000).flat();
    for (const p of people) {
      if (p.age < 12) expect(p.mobile).toBeNull();
      if (p.mobile === null) continue;
      const m = parseMobile(p.mobile);
      expect(m.ok && m.warnings).toEqual([]);
      expect(p.mobile).not.toBe(DEMO_RESIDENT_MOBILE);
    }
  });

  it('writes Chinese names: children share the head’s family name', () => {
    for (const members of population(11, 500)) {
      for (const p of members) expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      const head = members[0]!;
      for (const child of members.filter((p) => p.relation === 'child'))
        expect(child.name[0]).toBe(head.name[0]);
    }
  });
});

describe('surnames', () => {
  it('follow the frequency table (top 5 ≈ 31 %, top 100 ≈ 86 %)', () => {
    const rng = createRng(5);
    const draws = Array.from({ length: 50_000 }, () => pickSurname(rng));
    const top5 = new Set(TOP_SURNAMES.slice(0, 5));
    const top100 = new Set(TOP_SURNAMES);
    expect(TOP_SURNAMES).toHaveLength(100);
    expect(draws.filter((s) => top5.has(s)).length / draws.length).toBeCloseTo(0.31, 1);
    expect(draws.filter((s) => top100.has(s)).length / draws.length).toBeCloseTo(0.86, 1);
  });
});
