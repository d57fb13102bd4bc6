import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_CATEGORIES,
  makeCreditCode,
  makeResidentIdNumber,
  parseCreditCode,
  parseDivisionCode,
  parseGridCode,
  parseMobile,
  parseResidentIdNumber,
} from './validators';

const TODAY = new Date('2026-03-15T12:00:00+08:00');
const PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51]
  .concat([52, 53, 54, 61, 62, 63, 64, 65])
  .map(String);

describe('parseResidentIdNumber', () => {
  it('accepts the GB 11643 example and published valid numbers', () => {
    expect(parseResidentIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
      kind: 'citizen',
    });
    for (const id of ['34052419800101001X', '513101198201130014']) {
      expect(parseResidentIdNumber(id, TODAY).ok).toBe(true);
    }
    expect(parseResidentIdNumber('513101198201130014', TODAY)).toMatchObject({ gender: 'male' });
    // Its check character is right, but an 1880 birth date is below our 1890 floor.
    expect(parseResidentIdNumber('440524188001010014', TODAY)).toEqual({ ok: false, reason: 'id.birthDate' });
  });

  it('computes every check character like an independent implementation', () => {
    // Generated outside this module (weights 2^(17-i) mod 11 for i = 0..16, check (12 - S mod 11) mod 11):
    // one number per check character.
    const vectors = ['0002', '0010', '0029', '0037', '0045', '0053', '0061', '007X', '0088', '0096', '0184'];
    for (const tail of vectors) expect(parseResidentIdNumber(`32010219900101${tail}`, TODAY).ok).toBe(true);
  });

  it('normalizes lower-case x, spaces and full-width digits', () => {
    expect(parseResidentIdNumber(' 110105 19491231 002x ', TODAY)).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
    });
    expect(parseResidentIdNumber('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toMatchObject({ ok: true });
  });

  it('accepts residence permits and the 2023 foreign permanent-resident number', () => {
    for (const region of ['810000', '820000', '830000', '710000']) {
      const id = makeResidentIdNumber(region, '1990-05-17', 31);
      expect(parseResidentIdNumber(id, TODAY)).toMatchObject({ ok: true, kind: 'residencePermit' });
    }
    const foreign = makeResidentIdNumber('931156', '1985-02-28', 12);
    expect(parseResidentIdNumber(foreign, TODAY)).toMatchObject({
      ok: true,
      kind: 'foreignPermanentResident',
    });
  });

  it('reports every failure reason', () => {
    const reason = (id: string) => {
      const r = parseResidentIdNumber(id, TODAY);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason('1101051949123100')).toBe('id.length');
    expect(reason('11010519491231002XX')).toBe('id.length');
    expect(reason('1101051949123100XX')).toBe('id.format');
    expect(reason('11010519491231A02X')).toBe('id.format');
    expect(reason(makeResidentIdNumber('160101', '1990-01-01', 1))).toBe('id.region');
    expect(reason(makeResidentIdNumber('811000', '1990-01-01', 1))).toBe('id.region');
    expect(reason(makeResidentIdNumber('991156', '1990-01-01', 1))).toBe('id.region');
    expect(reason('110105194902300020')).toBe('id.birthDate'); // 30 February
    expect(reason('110105194913010020')).toBe('id.birthDate'); // month 13
    expect(reason(makeResidentIdNumber('110105', '1889-12-31', 2))).toBe('id.birthDate');
    expect(reason(makeResidentIdNumber('110105', '1890-01-01', 2))).toBe('ok');
    expect(reason(makeResidentIdNumber('110105', '2026-03-16', 2))).toBe('id.future');
    expect(reason(makeResidentIdNumber('110105', '2026-03-15', 2))).toBe('ok');
    expect(reason('110105194912310021')).toBe('id.checksum');
  });

  it('judges "today" by the Shanghai calendar day', () => {
    const id = makeResidentIdNumber('110105', '2026-03-16', 2);
    // 2026-03-15T16:30Z is already 2026-03-16 00:30 in Shanghai.
    expect(parseResidentIdNumber(id, new Date('2026-03-15T16:30:00Z')).ok).toBe(true);
    expect(parseResidentIdNumber(id, new Date('2026-03-15T15:30:00Z')).ok).toBe(false);
  });

  it('makeResidentIdNumber rejects bad inputs', () => {
    expect(() => makeResidentIdNumber('11010', '1990-01-01', 1)).toThrow(RangeError);
    expect(() => makeResidentIdNumber('110105', '1990-02-30', 1)).toThrow(RangeError);
    expect(() => makeResidentIdNumber('110105', '1990-01-01', 1000)).toThrow(RangeError);
  });

  const validId = fc
    .record({
      province: fc.constantFrom(...PROVINCES),
      rest: fc.integer({ min: 0, max: 9999 }),
      date: fc.date({
        min: new Date('1890-01-01T00:00:00Z'),
        max: new Date('2026-03-14T00:00:00Z'),
        noInvalidDate: true,
      }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ province, rest, date, sequence }) => {
      const regionCode = province + String(rest).padStart(4, '0');
      const birthDate = date.toISOString().slice(0, 10);
      return { regionCode, birthDate, sequence, id: makeResidentIdNumber(regionCode, birthDate, sequence) };
    });

  it('round-trips generated numbers (property)', () => {
    fc.assert(
      fc.property(validId, ({ regionCode, birthDate, sequence, id }) => {
        const parsed = parseResidentIdNumber(id, TODAY);
        expect(parsed).toEqual({
          ok: true,
          normalized: id,
          birthDate,
          gender: sequence % 2 === 1 ? 'male' : 'female',
          regionCode,
          kind: 'citizen',
        });
      }),
    );
  });

  it('rejects any single-character substitution (property)', () => {
    fc.assert(
      fc.property(validId, fc.nat(17), fc.integer({ min: 1, max: 10 }), ({ id }, pos, shift) => {
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const current = alphabet.indexOf(id[pos]!);
        const replacement = alphabet[(current + shift) % alphabet.length]!;
        fc.pre(replacement !== id[pos]);
        const mutated = id.slice(0, pos) + replacement + id.slice(pos + 1);
        expect(parseResidentIdNumber(mutated, TODAY).ok).toBe(false);
      }),
    );
  });
});

describe('parseCreditCode', () => {
  it('accepts the published valid code', () => {
    expect(parseCreditCode('11320000MB151840XJ')).toEqual({
      ok: true,
      normalized: '11320000MB151840XJ',
      warnings: [],
      authority: '1',
      category: '1',
      regionCode: '320000',
    });
    expect(parseCreditCode('91350100m000100y43')).toMatchObject({
      ok: true,
      normalized: '91350100M000100Y43',
    });
  });

  it('matches the standard worked example: check character of 91350100M000100Y4? is 3', () => {
    // Z is outside the GB 32100 alphabet, so it can never be a check character.
    expect(parseCreditCode('91350100M000100Y4Z')).toEqual({ ok: false, reason: 'creditCode.format' });
    expect(parseCreditCode('91350100M000100Y43').ok).toBe(true);
    for (const wrong of CREDIT_CODE_ALPHABET.replace('3', '')) {
      expect(parseCreditCode(`91350100M000100Y4${wrong}`)).toEqual({
        ok: false,
        reason: 'creditCode.checksum',
      });
    }
  });

  it('rejects the Fujian pilot code with a wrong GB 32100 check (its GB 11714 part is fine) unless overridden', () => {
    expect(parseCreditCode('91350100M0001TGQXM')).toEqual({ ok: false, reason: 'creditCode.checksum' });
    expect(parseCreditCode('91350100M0001TGQXM', { allowBadChecksum: true })).toMatchObject({
      ok: true,
      warnings: ['creditCode.checksum'],
    });
  });

  it('warns, without rejecting, when the embedded GB 11714 check fails', () => {
    // Body M000100Y has GB 11714 check 4; put 5 there and recompute the outer check so only the inner one fails.
    const code = makeCreditCode({
      authority: '9',
      category: '1',
      regionCode: '350100',
      entityBody: 'M000100Y',
    });
    expect(code).toBe('91350100M000100Y43');
    const first17 = '91350100M000100Y5';
    const outer = CREDIT_CODE_ALPHABET.split('').find((c) => parseCreditCode(first17 + c).ok);
    expect(outer).toBeDefined();
    expect(parseCreditCode(first17 + outer)).toMatchObject({
      ok: true,
      warnings: ['creditCode.orgCodeChecksum'],
    });
  });

  it('checks the embedded GB 11714 code like an independent implementation', () => {
    // Generated outside this module: one code per GB 11714 check character (0–9, X), outer check valid.
    const vectors = ['3FLC1626XR', '3JJL6B3H6W', 'AY4CL12T25', 'B97R5NQ739', 'D1TJ3Y7L4D', 'E9K23GD57B']
      .concat(['H3BJ1XG69F', 'H3J9HTM509', 'KWKT0FXL88', 'LJY1JJC156', 'N2J1K6FM1U'])
      .map((tail) => `N2330106${tail}`);
    for (const code of vectors) {
      expect(parseCreditCode(code)).toMatchObject({ ok: true, warnings: [], authority: 'N', category: '2' });
    }
  });

  it('reports every failure reason', () => {
    expect(parseCreditCode('11320000MB151840X')).toEqual({ ok: false, reason: 'creditCode.length' });
    expect(parseCreditCode('11320000MB151840XJ0')).toEqual({ ok: false, reason: 'creditCode.length' });
    expect(parseCreditCode('1132000OMB151840XJ')).toEqual({ ok: false, reason: 'creditCode.format' }); // letter O in region
    expect(parseCreditCode('11320000MI151840XJ')).toEqual({ ok: false, reason: 'creditCode.format' }); // I never used
    expect(parseCreditCode('94320000MB151840XJ')).toEqual({ ok: false, reason: 'creditCode.category' });
    expect(parseCreditCode('B1320000MB151840XJ')).toEqual({ ok: false, reason: 'creditCode.category' });
    expect(parseCreditCode('11320000MB151840XK')).toEqual({ ok: false, reason: 'creditCode.checksum' });
  });

  const creditChar = fc.constantFrom(...CREDIT_CODE_ALPHABET.split(''));
  const validCredit = fc
    .record({
      pair: fc.constantFrom(
        ...Object.entries(CREDIT_CODE_CATEGORIES).flatMap(([a, cats]) =>
          cats.split('').map((c) => [a, c] as const),
        ),
      ),
      regionCode: fc.integer({ min: 110000, max: 659999 }).map(String),
      entityBody: fc.array(creditChar, { minLength: 8, maxLength: 8 }).map((a) => a.join('')),
    })
    .map(({ pair: [authority, category], regionCode, entityBody }) => ({
      authority,
      category,
      regionCode,
      code: makeCreditCode({ authority, category, regionCode, entityBody }),
    }));

  it('round-trips generated codes (property)', () => {
    fc.assert(
      fc.property(validCredit, ({ authority, category, regionCode, code }) => {
        expect(parseCreditCode(code)).toEqual({
          ok: true,
          normalized: code,
          warnings: [],
          authority,
          category,
          regionCode,
        });
      }),
    );
  });

  it('rejects any single-character substitution (property)', () => {
    fc.assert(
      fc.property(validCredit, fc.nat(17), fc.integer({ min: 1, max: 30 }), ({ code }, pos, shift) => {
        const replacement = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(code[pos]!) + shift) % 31]!;
        const mutated = code.slice(0, pos) + replacement + code.slice(pos + 1);
        expect(parseCreditCode(mutated).ok).toBe(false);
      }),
    );
  });
});

describe('parseMobile', () => {
  it('normalizes prefixes and separators', () => {
    for (const input of [
      '13812345678',
      '+86 138-1234-5678',
      '0086 13812345678',
      '8613812345678',
      '138 1234 5678',
    ]) {
      expect(parseMobile(input)).toEqual({ ok: true, normalized: '13812345678', warnings: [] });
    }
  });

  it('warns about network codes MIIT has not allocated', () => {
    for (const prefix of ['145', '162', '174', '192', '199']) {
      expect(parseMobile(`${prefix}12345678`)).toMatchObject({ ok: true, warnings: [] });
    }
    for (const prefix of ['154', '164', '194', '179']) {
      expect(parseMobile(`${prefix}12345678`)).toMatchObject({ ok: true, warnings: ['mobile.unallocated'] });
    }
  });

  it('rejects what cannot be a mobile number', () => {
    for (const input of ['12812345678', '1381234567', '138123456789', '+8712812345678', '1381234567a', '']) {
      expect(parseMobile(input)).toEqual({ ok: false, reason: 'mobile.format' });
    }
  });
});

describe('parseDivisionCode', () => {
  it.each([
    ['110000', 'province'],
    ['110100', 'prefecture'],
    ['110101', 'county'],
    ['110101000000', 'county'],
    ['110101001', 'township'],
    ['110101001000', 'township'],
    ['110101001001', 'village'],
    ['469001', 'county'],
    ['810000', 'province'],
  ] as const)('%s is a %s', (code, level) => {
    expect(parseDivisionCode(code)).toMatchObject({ ok: true, code, level });
  });

  it('splits parts and types township and village segments', () => {
    expect(parseDivisionCode('410102003201')).toEqual({
      ok: true,
      code: '410102003201',
      level: 'village',
      parts: { province: '41', prefecture: '01', county: '02', township: '003', village: '201' },
      townshipType: 'street',
      villageType: 'village',
      synthetic: false,
    });
    const type = (code: string) => {
      const r = parseDivisionCode(code);
      return r.ok ? [r.townshipType, r.villageType] : r.reason;
    };
    expect(type('110101001001')).toEqual(['street', 'community']);
    expect(type('110101099199')).toEqual(['street', 'community']);
    expect(type('110101100200')).toEqual(['town', 'village']);
    expect(type('110101199399')).toEqual(['town', 'village']);
    expect(type('110101200400')).toEqual(['township', 'other']);
    expect(type('110101399599')).toEqual(['township', 'other']);
    expect(type('110101400001')).toEqual(['other', 'community']);
    expect(type('110101599598')).toEqual(['other', 'other']);
  });

  it('flags the synthetic xx99 prefecture used by the demo city', () => {
    expect(parseDivisionCode('329901001001')).toMatchObject({ ok: true, synthetic: true });
  });

  it('reports every failure reason', () => {
    const reason = (code: string) => {
      const r = parseDivisionCode(code);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason('11010')).toBe('division.length');
    expect(reason('1101011')).toBe('division.length');
    expect(reason('11010a')).toBe('division.format');
    expect(reason('160101')).toBe('division.province');
    expect(reason('830000')).toBe('division.province');
    expect(reason('110001')).toBe('division.segment'); // county without prefecture
    expect(reason('110101000001')).toBe('division.segment'); // village without township
    expect(reason('117101')).toBe('division.segment');
    expect(reason('110101600')).toBe('division.segment');
    expect(reason('110101001600')).toBe('division.segment');
  });
});

describe('parseGridCode', () => {
  it('accepts a village-level code and serial', () => {
    expect(parseGridCode('110101001001-007')).toEqual({
      ok: true,
      communityCode: '110101001001',
      serial: '007',
    });
  });

  it.each([
    '110101001001-000',
    '110101001001-7',
    '110101001001007',
    '110101001000-001',
    '160101001001-001',
    '',
  ])('rejects %j', (code) => {
    expect(parseGridCode(code)).toEqual({ ok: false, reason: 'grid.format' });
  });
});
