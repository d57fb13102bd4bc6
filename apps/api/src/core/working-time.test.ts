import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingHours,
  calendarOverrides,
  defaultChinaHolidays2026,
  isWorkingDay,
  WORKING_HOURS,
  WORKING_MS_PER_DAY,
  workingMsBetween,
} from './working-time';

const HOUR = 3_600_000;
const CN2026 = calendarOverrides(defaultChinaHolidays2026());
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();

describe('calendar', () => {
  it('lists only weekdays off and adjusted weekend workdays for 2026', () => {
    const list = defaultChinaHolidays2026();
    const days = (kind: string) => list.filter((e) => e.kind === kind).map((e) => e.day);
    expect(days('holiday')).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-23',
      '2026-04-06',
      '2026-05-01',
      '2026-05-04',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(days('workday')).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(list.find((e) => e.day === '2026-02-17')?.name).toBe('春节');
    expect(list.find((e) => e.day === '2026-10-10')?.name).toContain('国庆节');
  });

  it('gives 2026 its 248 working days', () => {
    let count = 0;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 24 * HOUR) {
      if (isWorkingDay(new Date(t).toISOString().slice(0, 10), CN2026)) count++;
    }
    expect(count).toBe(248);
  });

  it('judges the day in Shanghai time, not UTC', () => {
    // 2026-03-15T17:00Z is Monday 01:00 in Shanghai but still Sunday in UTC.
    expect(isWorkingDay(new Date('2026-03-15T17:00:00Z'))).toBe(true);
    expect(isWorkingDay(new Date('2026-03-15T15:00:00Z'))).toBe(false);
    expect(isWorkingDay('2026-10-10', CN2026)).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(false);
    expect(isWorkingDay('2026-10-08', CN2026)).toBe(true);
  });

  it('exports 7 working hours a day', () => {
    expect(WORKING_HOURS).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(WORKING_MS_PER_DAY).toBe(7 * HOUR);
  });
});

describe('addWorkingHours', () => {
  it.each([
    ['Friday 16:00 + 2 h (1.5 h left on Friday)', '2026-03-13T16:00:00', 2, '2026-03-16T09:30:00'],
    ['Friday 16:30 + 2 h', '2026-03-13T16:30:00', 2, '2026-03-16T10:00:00'],
    ['morning into afternoon, skipping lunch', '2026-03-16T11:00:00', 2, '2026-03-16T14:30:00'],
    ['ending exactly at noon', '2026-03-16T10:00:00', 2, '2026-03-16T12:00:00'],
    ['starting at lunch', '2026-03-16T12:30:00', 1, '2026-03-16T14:30:00'],
    ['starting before office hours', '2026-03-16T07:00:00', 1, '2026-03-16T10:00:00'],
    ['starting on Sunday', '2026-03-15T10:00:00', 7, '2026-03-16T17:30:00'],
    ['across 国庆 (Oct 1–7 off, Oct 8 Thursday)', '2026-09-30T16:30:00', 2, '2026-10-08T10:00:00'],
    ['the adjusted Saturday Oct 10 counts', '2026-10-09T16:30:00', 2, '2026-10-10T10:00:00'],
    ['the adjusted Sunday Sep 20 counts', '2026-09-19T10:00:00', 1, '2026-09-20T10:00:00'],
    ['zero hours is the instant itself', '2026-03-15T10:00:00', 0, '2026-03-15T10:00:00'],
  ])('%s', (_label, from, hours, expected) => {
    expect(iso(addWorkingHours(at(from), hours, CN2026))).toBe(iso(at(expected)));
  });

  it('without overrides an adjusted Saturday is just a weekend day', () => {
    expect(iso(addWorkingHours(at('2026-10-09T16:30:00'), 2))).toBe(iso(at('2026-10-12T10:00:00')));
  });

  it('rejects negative or non-finite hours', () => {
    expect(() => addWorkingHours(at('2026-03-16T10:00:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingHours(at('2026-03-16T10:00:00'), Number.NaN)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['in hours: receipt day not counted', '2026-03-16T10:00:00', 1, '2026-03-17T17:30:00'],
    ['n = 0 is the end of the receipt day', '2026-03-16T10:00:00', 0, '2026-03-16T17:30:00'],
    ['before 09:00 counts as that day', '2026-03-16T08:00:00', 1, '2026-03-17T17:30:00'],
    ['at 17:30 counts from the next working day', '2026-03-16T17:30:00', 1, '2026-03-18T17:30:00'],
    ['Friday evening', '2026-03-13T18:00:00', 1, '2026-03-17T17:30:00'],
    ['Saturday gives the same deadline as Friday evening', '2026-03-14T10:00:00', 1, '2026-03-17T17:30:00'],
    ['across 春节, using the Feb 14 Saturday workday', '2026-02-12T10:00:00', 3, '2026-02-24T17:30:00'],
    ['received during 春节', '2026-02-18T10:00:00', 1, '2026-02-25T17:30:00'],
    ['five working days across 国庆', '2026-09-28T09:30:00', 5, '2026-10-10T17:30:00'],
  ])('%s', (_label, from, n, expected) => {
    expect(iso(addWorkingDays(at(from), n, CN2026))).toBe(iso(at(expected)));
  });

  it('rejects fractional or negative day counts', () => {
    expect(() => addWorkingDays(at('2026-03-16T10:00:00'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(at('2026-03-16T10:00:00'), -1)).toThrow(RangeError);
  });
});

describe('workingMsBetween', () => {
  it('counts only working periods', () => {
    expect(workingMsBetween(at('2026-03-13T16:00:00'), at('2026-03-16T09:30:00'), CN2026)).toBe(2 * HOUR);
    expect(workingMsBetween(at('2026-03-16T11:00:00'), at('2026-03-16T14:00:00'), CN2026)).toBe(1.5 * HOUR);
    expect(workingMsBetween(at('2026-09-30T00:00:00'), at('2026-10-09T00:00:00'), CN2026)).toBe(2 * 7 * HOUR);
    expect(workingMsBetween(at('2026-03-14T00:00:00'), at('2026-03-15T23:59:00'), CN2026)).toBe(0);
  });

  it('is negative when the end is before the start', () => {
    expect(workingMsBetween(at('2026-03-16T09:30:00'), at('2026-03-13T16:00:00'), CN2026)).toBe(-2 * HOUR);
  });
});

describe('properties (starting inside working hours, 2025–2027, 2026 calendar)', () => {
  const MINUTES_PER_DAY = 7 * 60;
  const insideWorkingHours = fc
    .record({
      dayOffset: fc.integer({ min: 0, max: 3 * 365 }),
      minute: fc.integer({ min: 0, max: MINUTES_PER_DAY - 1 }),
      ms: fc.integer({ min: 0, max: 59_999 }),
    })
    .map(({ dayOffset, minute, ms }) => {
      const day = new Date(Date.UTC(2025, 0, 1) + dayOffset * 24 * HOUR).toISOString().slice(0, 10);
      const local = minute < 180 ? 9 * 60 + minute : 13 * 60 + 30 + (minute - 180);
      const hh = String(Math.floor(local / 60)).padStart(2, '0');
      const mm = String(local % 60).padStart(2, '0');
      return { day, instant: new Date(at(`${day}T${hh}:${mm}:00`).getTime() + ms) };
    })
    .filter(({ day }) => isWorkingDay(day, CN2026))
    .map(({ instant }) => instant);
  const hours = fc.integer({ min: 0, max: 200 * 60 }).map((minutes) => minutes / 60);

  it('addWorkingHours is additive', () => {
    fc.assert(
      fc.property(insideWorkingHours, hours, hours, (a, h1, h2) => {
        const once = addWorkingHours(a, h1 + h2, CN2026);
        const twice = addWorkingHours(addWorkingHours(a, h1, CN2026), h2, CN2026);
        expect(iso(twice)).toBe(iso(once));
      }),
    );
  });

  it('workingMsBetween inverts addWorkingHours', () => {
    fc.assert(
      fc.property(insideWorkingHours, hours, (a, h) => {
        expect(workingMsBetween(a, addWorkingHours(a, h, CN2026), CN2026)).toBe(Math.round(h * HOUR));
      }),
    );
  });

  it('addWorkingDays always lands at 17:30 Shanghai on a working day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2025-06-01T00:00:00'), max: at('2026-12-01T00:00:00'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 30 }),
        (instant, n) => {
          const deadline = addWorkingDays(instant, n, CN2026);
          expect(isWorkingDay(deadline, CN2026)).toBe(true);
          expect(new Date(deadline.getTime() + 8 * HOUR).toISOString().slice(11, 16)).toBe('17:30');
          expect(deadline.getTime()).toBeGreaterThan(instant.getTime());
        },
      ),
    );
  });
});
