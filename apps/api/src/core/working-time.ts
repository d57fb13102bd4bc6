// Working-day arithmetic for statutory deadlines (e.g. "reply within 5 working days").
// Pure: the holiday calendar is passed in, so the same code serves tests, the API and the job runner.
// Days are Asia/Shanghai calendar days. China has had no DST since 1991, so a fixed +08:00 offset is
// exact and avoids depending on the ICU time-zone data of whatever Node build runs this.

export type DayKind = 'holiday' | 'workday';
/** 'YYYY-MM-DD' → override. 'holiday' = a weekday off; 'workday' = an adjusted working Saturday/Sunday. */
export type CalendarOverrides = ReadonlyMap<string, DayKind>;
export type CalendarEntry = { day: string; kind: DayKind; name: string };

/** Office hours in Shanghai time: 7 working hours a day. */
export const WORKING_HOURS = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
] as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const NO_OVERRIDES: CalendarOverrides = new Map();

const toMs = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h! * 60 + m!) * 60_000;
};
const PERIODS = WORKING_HOURS.map((p) => [toMs(p.start), toMs(p.end)] as const);
const END_OF_DAY_MS = PERIODS[PERIODS.length - 1]![1];
export const WORKING_MS_PER_DAY = PERIODS.reduce((sum, [start, end]) => sum + end - start, 0);

/** Shanghai calendar day of an instant. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** UTC milliseconds of 00:00 Shanghai time on `day`. */
function dayStartMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) - SHANGHAI_OFFSET_MS;
}

function addDays(day: string, delta: number): string {
  return shanghaiDay(new Date(dayStartMs(day) + delta * DAY_MS));
}

export function isWorkingDay(date: Date | string, overrides: CalendarOverrides = NO_OVERRIDES): boolean {
  const day = typeof date === 'string' ? date : shanghaiDay(date);
  const override = overrides.get(day);
  if (override) return override === 'workday';
  const weekday = new Date(dayStartMs(day) + SHANGHAI_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function nextWorkingDay(day: string, overrides: CalendarOverrides): string {
  let next = addDays(day, 1);
  while (!isWorkingDay(next, overrides)) next = addDays(next, 1);
  return next;
}

/** Working periods of a day as absolute [start, end) UTC milliseconds; empty on days off. */
function periodsOn(day: string, overrides: CalendarOverrides): Array<readonly [number, number]> {
  if (!isWorkingDay(day, overrides)) return [];
  const base = dayStartMs(day);
  return PERIODS.map(([start, end]) => [base + start, base + end] as const);
}

/**
 * Deadline of "within n working days", following the civil-law rule that the day of receipt is not
 * counted (民法典 §201): the result is 17:30 Shanghai on the n-th working day after the day of receipt.
 * Something received at or after 17:30, or on a day off, is deemed received on the next working day,
 * so Friday 18:00, Saturday and Sunday all give the same deadline. Before 09:00 counts as that day.
 * n = 0 means "by the end of the day of receipt".
 */
export function addWorkingDays(instant: Date, n: number, overrides: CalendarOverrides = NO_OVERRIDES): Date {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`working days must be a non-negative integer: ${n}`);
  let day = shanghaiDay(instant);
  if (!isWorkingDay(day, overrides) || instant.getTime() >= dayStartMs(day) + END_OF_DAY_MS) {
    day = nextWorkingDay(day, overrides);
  }
  for (let i = 0; i < n; i++) day = nextWorkingDay(day, overrides);
  return new Date(dayStartMs(day) + END_OF_DAY_MS);
}

/**
 * Walks the working periods from `instant`; outside hours the clock starts at the next period.
 * Landing exactly on a period end returns that end (10:00 + 2 h = 12:00, not 13:30), and adding
 * 0 hours returns the instant unchanged, so that adding h1 then h2 equals adding h1 + h2.
 */
export function addWorkingHours(
  instant: Date,
  hours: number,
  overrides: CalendarOverrides = NO_OVERRIDES,
): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be >= 0: ${hours}`);
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining === 0) return new Date(instant.getTime());
  let cursor = instant.getTime();
  let day = shanghaiDay(instant);
  for (;;) {
    for (const [periodStart, periodEnd] of periodsOn(day, overrides)) {
      const start = Math.max(periodStart, cursor);
      if (start >= periodEnd) continue;
      if (remaining <= periodEnd - start) return new Date(start + remaining);
      remaining -= periodEnd - start;
      cursor = periodEnd;
    }
    day = addDays(day, 1);
  }
}

/**
 * Working milliseconds in [a, b), for "time left" displays. Negative when b is before a, so an
 * overdue item shows how much working time it is late by.
 */
export function workingMsBetween(a: Date, b: Date, overrides: CalendarOverrides = NO_OVERRIDES): number {
  if (b.getTime() < a.getTime()) return -workingMsBetween(b, a, overrides);
  const from = a.getTime();
  const to = b.getTime();
  let total = 0;
  const lastDay = shanghaiDay(b);
  for (let day = shanghaiDay(a); day <= lastDay; day = addDays(day, 1)) {
    for (const [periodStart, periodEnd] of periodsOn(day, overrides)) {
      total += Math.max(0, Math.min(periodEnd, to) - Math.max(periodStart, from));
    }
  }
  return total;
}

export function calendarOverrides(entries: Iterable<Pick<CalendarEntry, 'day' | 'kind'>>): CalendarOverrides {
  return new Map(Array.from(entries, (e) => [e.day, e.kind] as const));
}

// State Council notice of 2025-11-04 (国务院办公厅关于2026年部分节假日安排的通知).
const ARRANGEMENT_2026: Array<{ name: string; from: string; to: string; workdays: string[] }> = [
  { name: '元旦', from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
  { name: '春节', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
  { name: '清明节', from: '2026-04-04', to: '2026-04-06', workdays: [] },
  { name: '劳动节', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
  { name: '端午节', from: '2026-06-19', to: '2026-06-21', workdays: [] },
  { name: '中秋节', from: '2026-09-25', to: '2026-09-27', workdays: [] },
  { name: '国庆节', from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
];

/**
 * Seed calendar for 2026. Weekend days inside a holiday range are left out because they are off
 * anyway; the ranges are expanded in code so the list cannot drift from the notice's wording.
 */
export function defaultChinaHolidays2026(): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const { name, from, to, workdays } of ARRANGEMENT_2026) {
    for (let day = from; day <= to; day = addDays(day, 1)) {
      if (isWorkingDay(day)) entries.push({ day, kind: 'holiday', name });
    }
    for (const day of workdays) entries.push({ day, kind: 'workday', name: `${name}调休上班` });
  }
  return entries.sort((x, y) => x.day.localeCompare(y.day));
}
