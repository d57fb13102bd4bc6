import type { STATE_TYPES } from '@linli/contract';
import { badRequest } from './open311.errors';

/**
 * The GET requests filters (GeoReport §GET service requests) plus the `page` / `page_size`
 * extension most 311 servers implement. Without dates the window is the last 90 days; a window
 * never spans more than 90 days, and a page holds at most 1000 requests, so the default answer is
 * "the last 90 days or the first 1000 requests, whichever is smaller".
 */
export const WINDOW_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
/** The spec's default volume, so a client that knows nothing of paging gets what the spec promises. */
export const DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE;
const MAX_IDS = 1000;
const DAY_MS = 86_400_000;

export type PublicStatus = Exclude<(typeof STATE_TYPES)[number], 'hidden'>;
const STATUSES: readonly PublicStatus[] = ['open', 'closed'];

export interface RequestFilter {
  /** `service_request_id` overrides every other filter. */
  ids: number[] | null;
  codes: string[] | null;
  statuses: PublicStatus[] | null;
  /** The window on requested_datetime (none when asking for ids). */
  from: Date | null;
  to: Date | null;
  page: number;
  pageSize: number;
}

export type Query = Record<string, string | string[] | undefined>;

/** One parameter's value: a repeated parameter keeps its first value, an empty one is absent. */
export function param(query: Query, name: string): string | undefined {
  const raw = query[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.trim() ? value.trim() : undefined;
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export function parseFilter(query: Query, now = new Date()): RequestFilter {
  const page = positiveInt(query, 'page', 1, Number.MAX_SAFE_INTEGER);
  const pageSize = positiveInt(query, 'page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const ids = list(param(query, 'service_request_id'));
  if (ids?.length) {
    if (ids.length > MAX_IDS) throw badRequest('too_many', { field: 'service_request_id', max: MAX_IDS });
    const bad = ids.find((id) => !/^[1-9]\d{0,15}$/.test(id));
    if (bad) throw badRequest('invalid_value', { field: 'service_request_id', value: bad });
    return { ids: ids.map(Number), codes: null, statuses: null, from: null, to: null, page, pageSize };
  }
  const statuses = list(param(query, 'status'));
  const badStatus = statuses?.find((s) => !STATUSES.includes(s as PublicStatus));
  if (badStatus) throw badRequest('invalid_value', { field: 'status', value: badStatus });
  const codes = list(param(query, 'service_code'));
  if (codes && codes.length > MAX_IDS) throw badRequest('too_many', { field: 'service_code', max: MAX_IDS });
  return {
    ids: null,
    codes: codes?.length ? codes : null,
    statuses: statuses?.length ? (statuses as PublicStatus[]) : null,
    ...window(dateParam(query, 'start_date'), dateParam(query, 'end_date'), now),
    page,
    pageSize,
  };
}

/** One bound alone opens a 90-day window from it; none means the last 90 days. */
function window(start: Date | null, end: Date | null, now: Date): { from: Date; to: Date } {
  if (start && end) {
    if (start > end) throw badRequest('date_order');
    if (end.getTime() - start.getTime() > WINDOW_DAYS * DAY_MS) throw badRequest('date_span');
    return { from: start, to: end };
  }
  if (start) return { from: start, to: new Date(start.getTime() + WINDOW_DAYS * DAY_MS) };
  const to = end ?? now;
  return { from: new Date(to.getTime() - WINDOW_DAYS * DAY_MS), to };
}

function positiveInt(query: Query, name: string, fallback: number, max: number): number {
  const value = param(query, name);
  if (value === undefined) return fallback;
  if (!/^\d{1,16}$/.test(value) || Number(value) < 1)
    throw badRequest('invalid_value', { field: name, value });
  if (Number(value) > max) throw badRequest('out_of_range', { field: name });
  return Number(value);
}

// A W3C date-time with a mandatory zone. An unencoded `+` in a query string arrives as a space, so
// a space stands for `+` in the offset.
const W3C = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+\- ]\d{2}:\d{2})$/;

export function parseW3cDate(text: string): Date | null {
  const m = W3C.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', zone] = m as unknown as string[];
  const offset = zone === 'Z' ? 'Z' : `${zone!.replace(' ', '+')}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject dates the calendar does not have (2026-02-30): read the wall clock back in its own zone.
  const offsetMs = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * zoneMinutes(offset) * 60_000;
  const wall = new Date(date.getTime() + offsetMs).toISOString();
  return wall.startsWith(`${y}-${mo}-${d}T${h}:${mi}`) ? date : null;
}

const zoneMinutes = (offset: string) => Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6));

function dateParam(query: Query, name: string): Date | null {
  const value = param(query, name);
  if (value === undefined) return null;
  const date = parseW3cDate(value);
  if (!date) throw badRequest('date', { field: name });
  return date;
}
