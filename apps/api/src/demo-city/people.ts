import { makeResidentIdNumber } from '@linli/contract';
import { type Gender, givenName, personName, pickSurname } from './person-names';
import type { Rng } from './rng';

/**
 * Pure generators of synthetic residents for the registry and the other modules' seeds. Households
 * follow the 7th census (size 1/2/3/4/5/6 ≈ 25/30/21/13/7/4 %, mean ≈ 2.6; roughly 18 % aged 0–14 and
 * 19 % aged 60+). ID numbers carry the fictional prefecture's region codes (3299xx), so they have
 * valid check digits yet can never be a real person's number.
 */

/** Ages are computed against a fixed day, not the clock, so a seed gives the same people every year. */
export const DEMO_TODAY = '2026-11-21';

export type Relation = 'head' | 'spouse' | 'child' | 'parent';

export interface Person {
  name: string;
  gender: Gender;
  birthDate: string;
  age: number;
  idNumber: string;
  /** Null for small children and some of the very old. */
  mobile: string | null;
  relation: Relation;
  ethnicity: string;
}

export interface Household {
  members: Person[];
}

export interface HouseholdOptions {
  /** Six-digit county code of the registration, e.g. '329901'. */
  regionCode: string;
  today?: string;
  /** Share one allocator across a whole registry so that no two people get the same ID number. */
  ids?: IdAllocator;
}

const SIZE_WEIGHTS = [25, 30, 21, 13, 7, 4];
const SIZES = [1, 2, 3, 4, 5, 6];

export function generateHousehold(rng: Rng, opts: HouseholdOptions): Household {
  const today = opts.today ?? DEMO_TODAY;
  const ids = opts.ids ?? createIdAllocator();
  const ethnicity = pickEthnicity(rng);
  const skeleton = composeHousehold(rng, rng.weighted(SIZES, SIZE_WEIGHTS));
  const familyName = pickSurname(rng);
  const members = skeleton.map((m): Person => {
    const birthDate = birthDateFor(rng, m.age, today);
    const year = Number(birthDate.slice(0, 4));
    // Children and the head's father carry the family name; spouses and mothers keep their own.
    const family =
      m.relation === 'head' || m.relation === 'child' || (m.relation === 'parent' && m.gender === 'male');
    return {
      name: family ? familyName + givenName(rng, m.gender, year) : personName(rng, m.gender, year).name,
      gender: m.gender,
      birthDate,
      age: m.age,
      idNumber: ids.allocate(rng, opts.regionCode, birthDate, m.gender),
      mobile: hasMobile(rng, m.age) ? mobileNumber(rng) : null,
      relation: m.relation,
      ethnicity,
    };
  });
  return { members };
}

interface Skeleton {
  relation: Relation;
  gender: Gender;
  age: number;
}

/** The family shape for a size: who lives together, with ages that fit one another. */
function composeHousehold(rng: Rng, size: number): Skeleton[] {
  if (size === 1) {
    // One-person households are mostly young workers or the elderly living alone (独居).
    const age = rng.chance(0.4) ? rng.int(62, 92) : rng.int(20, 59);
    return [{ relation: 'head', gender: rng.chance(age >= 62 ? 0.4 : 0.55) ? 'male' : 'female', age }];
  }
  if (size === 2 && rng.chance(0.2)) {
    const head = { relation: 'head' as const, gender: gender(rng, 0.3), age: rng.int(28, 55) };
    return [head, child(rng, head.age)];
  }
  const headAge = size === 2 ? rng.int(24, 85) : rng.int(25, 48);
  const couple = coupleOf(rng, headAge);
  const layout: Record<number, () => Skeleton[]> = {
    2: () => [],
    3: () => (rng.chance(0.88) ? [child(rng, headAge)] : [parent(rng, headAge)]),
    4: () =>
      rng.chance(0.5)
        ? [child(rng, headAge), child(rng, headAge)]
        : [child(rng, headAge), parent(rng, headAge)],
    5: () =>
      rng.chance(0.6)
        ? [child(rng, headAge), ...parents(rng, headAge)]
        : [child(rng, headAge), child(rng, headAge), parent(rng, headAge)],
    6: () => [child(rng, headAge), child(rng, headAge), ...parents(rng, headAge)],
  };
  return [...couple, ...(layout[size] ?? layout[2]!)()];
}

const gender = (rng: Rng, maleShare: number): Gender => (rng.chance(maleShare) ? 'male' : 'female');

function coupleOf(rng: Rng, headAge: number): Skeleton[] {
  // Most registered heads of household are men; the spouse is within a few years of the head.
  const headGender = gender(rng, 0.7);
  const spouseAge = Math.max(20, Math.min(95, headAge + rng.int(-4, 4)));
  return [
    { relation: 'head', gender: headGender, age: headAge },
    { relation: 'spouse', gender: headGender === 'male' ? 'female' : 'male', age: spouseAge },
  ];
}

function child(rng: Rng, parentAge: number): Skeleton {
  const gap = rng.int(22, Math.max(22, Math.min(36, parentAge)));
  // Births are about 52–53 % boys (2020 registrations).
  return { relation: 'child', gender: gender(rng, 0.525), age: Math.max(0, parentAge - gap) };
}

function parent(rng: Rng, childAge: number): Skeleton {
  // Widowed grandmothers outnumber widowed grandfathers.
  return { relation: 'parent', gender: gender(rng, 0.4), age: Math.min(98, childAge + rng.int(24, 34)) };
}

function parents(rng: Rng, childAge: number): Skeleton[] {
  const father = Math.min(98, childAge + rng.int(25, 34));
  return [
    { relation: 'parent', gender: 'male', age: father },
    { relation: 'parent', gender: 'female', age: Math.max(childAge + 20, father - rng.int(0, 4)) },
  ];
}

/** A birth date making the person exactly `age` on `today`: the age-th anniversary minus 0–364 days. */
export function birthDateFor(rng: Rng, age: number, today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  let anniversary = new Date(Date.UTC(y - age, m - 1, d));
  // 29 February in a common year would roll over to 1 March, a day too late.
  if (anniversary.getUTCMonth() !== m - 1) anniversary = new Date(Date.UTC(y - age, m - 1, 28));
  const back = rng.int(0, 364);
  return new Date(anniversary.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

function hasMobile(rng: Rng, age: number): boolean {
  if (age < 12) return false;
  if (age < 18) return rng.chance(0.7);
  if (age < 70) return rng.chance(0.98);
  return rng.chance(age < 80 ? 0.8 : 0.5);
}

/**
 * Network codes MIIT has allocated to the three operators (standards-data §1.3), without the MVNO and
 * satellite blocks; weighted roughly by operator share (China Mobile ≈ 60 %).
 */
const MOBILE_PREFIXES = {
  mobile: '134 135 136 137 138 139 147 150 151 152 157 158 159 172 178 182 183 184 187 188 195 197 198',
  unicom: '130 131 132 145 155 156 166 175 176 185 186 196',
  telecom: '133 149 153 173 177 180 181 189 190 191 193 199',
};
const operators = Object.values(MOBILE_PREFIXES).map((list) => list.split(' '));
/** The demo resident's login; generated people never get it. */
export const DEMO_RESIDENT_MOBILE = '13800138000';

export function mobileNumber(rng: Rng): string {
  for (;;) {
    const prefixes = rng.weighted(operators, [60, 18, 22]);
    const number = rng.pick(prefixes) + String(rng.int(0, 99_999_999)).padStart(8, '0');
    if (number !== DEMO_RESIDENT_MOBILE) return number;
  }
}

/** 7th census shares (per cent); the remaining peoples are folded into the last entries. */
const ETHNICITIES = ['汉族', '壮族', '回族', '满族', '维吾尔族', '苗族', '彝族', '土家族', '藏族', '蒙古族'];
const ETHNICITY_WEIGHTS = [91.1, 1.4, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7, 0.5, 0.5];

function pickEthnicity(rng: Rng): string {
  return rng.weighted(ETHNICITIES, ETHNICITY_WEIGHTS);
}

export interface IdAllocator {
  /** A valid 18-digit number for this region, birth date and gender that was not handed out before. */
  allocate(rng: Rng, regionCode: string, birthDate: string, gender: Gender): string;
}

/**
 * The 3-digit sequence is odd for men and even for women; within one region and birth date there are
 * 500 of each. Random sequences would collide (tens of duplicates in a 40k registry), so the allocator
 * starts at a random sequence of the right parity and steps to the next free one.
 */
export function createIdAllocator(): IdAllocator {
  const used = new Set<string>();
  return {
    allocate(rng, regionCode, birthDate, g) {
      const parity = g === 'male' ? 1 : 0;
      const start = rng.int(0, 499);
      for (let k = 0; k < 500; k++) {
        const sequence = ((start + k) % 500) * 2 + parity;
        const key = `${regionCode}${birthDate}${sequence}`;
        if (used.has(key)) continue;
        used.add(key);
        return makeResidentIdNumber(regionCode, birthDate, sequence);
      }
      throw new RangeError(`no free ID sequence left for ${regionCode} ${birthDate} ${g}`);
    },
  };
}
