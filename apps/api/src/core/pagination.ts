import { invalid } from './errors';

/** Cursors are opaque to clients: base64url JSON of the sort key of the last row served. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string | undefined,
): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object') return value as T;
  } catch {
    // fall through to the field error
  }
  throw invalid('cursor', 'invalid_format');
}

/** Fetch limit + 1 rows; this trims the extra one and says where the next page starts. */
export function pageFrom<R>(rows: R[], limit: number, keyOf: (row: R) => Record<string, string | number>) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
