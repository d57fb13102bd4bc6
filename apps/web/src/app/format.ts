const TIME_ZONE = 'Asia/Shanghai';

const dateTimeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(value: string | Date): Record<string, string> | null {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of dateTimeParts.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** `2026-11-21 14:05` in Asia/Shanghai, whatever the browser's own zone. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : '—';
}

/** `2026-11-21` in Asia/Shanghai. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day}` : '—';
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Numbers with thousands separators (the same in both languages). */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : integer.format(n);
}

/** Turns a `YYYY-MM-DD` picked in the UI into the start or end of that day in Asia/Shanghai. */
export function shanghaiDayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return end ? `${day}T23:59:59.999+08:00` : `${day}T00:00:00.000+08:00`;
}

/** True when the ISO instant lies in the future. */
export function isFuture(value: string | null | undefined): boolean {
  return !!value && new Date(value).getTime() > Date.now();
}
