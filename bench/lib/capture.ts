// Records the SQL the app sends through its pg.Pool, so pgbench can replay exactly one request's
// queries. This is instrumentation, not a mock: every call is forwarded unchanged to the real client.
import type pg from 'pg';

export interface CapturedQuery {
  text: string;
  values: unknown[];
}

export interface SqlRecorder {
  /** Records every query sent while `run` is pending (run one request at a time). */
  record(run: () => Promise<void>): Promise<CapturedQuery[]>;
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Wraps `query` on each client the pool creates. Pool.query delegates to a client's query and
 * transactions use pool.connect(), so the client level sees every statement exactly once.
 * Must be installed before the pool opens its first connection.
 */
export function installRecorder(pool: pg.Pool): SqlRecorder {
  let sink: CapturedQuery[] | null = null;
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as QueryFn;
    (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
      if (sink) {
        const captured = describe(args);
        if (captured) sink.push(captured);
      }
      return original(...args);
    };
  });
  return {
    async record(run) {
      const queries: CapturedQuery[] = [];
      sink = queries;
      try {
        await run();
      } finally {
        sink = null;
      }
      return queries;
    },
  };
}

/** query(text, values?) or query({ text, values }, values?) — Drizzle uses the config form. */
function describe(args: unknown[]): CapturedQuery | null {
  const [first, second] = args;
  if (typeof first === 'string') return { text: first, values: Array.isArray(second) ? second : [] };
  if (first && typeof first === 'object' && 'text' in first) {
    const config = first as { text: string; values?: unknown[] };
    return { text: config.text, values: Array.isArray(second) ? second : (config.values ?? []) };
  }
  return null; // a Submittable such as COPY; the request under test sends none
}

/**
 * A string literal. pgbench reads `:name` in a script as a variable in every mode but 'simple' (and
 * JSON such as `{"public":true}` has them), so a string with a colon is written as an escape string
 * with the colon as `\x3a`: the same untyped literal with the same value, safe in any mode.
 */
function quote(s: string): string {
  if (!s.includes(':')) return `'${s.replaceAll("'", "''")}'`;
  return `E'${s.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll(':', '\\x3a')}'`;
}

/** An array element inside a '{…}' literal: double-quoted, with \ and " escaped. */
function arrayElement(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return `{${v.map(arrayElement).join(',')}}`;
  const s = v instanceof Date ? v.toISOString() : String(v);
  return `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * A parameter as a SQL literal. Quoted literals stay untyped, so PostgreSQL resolves them from
 * context just as it resolves an untyped bind parameter; the plans therefore match the app's.
 */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return quote(v.toISOString());
  if (Buffer.isBuffer(v)) return `'\\x${v.toString('hex')}'::bytea`;
  if (Array.isArray(v)) return quote(`{${v.map(arrayElement).join(',')}}`);
  if (typeof v === 'object') return quote(JSON.stringify(v));
  return quote(String(v));
}

/**
 * Substitutes $1…$n (highest index wins, so $12 is not read as $1 followed by "2"). Drizzle puts
 * every value in a parameter, so the text has no string literals that could contain a "$n".
 */
export function inline(q: CapturedQuery): string {
  const text = q.text.replace(/\$(\d+)/g, (match, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= q.values.length) throw new Error(`no value for ${match} in: ${q.text}`);
    return literal(q.values[index]);
  });
  return text.replace(/\s+/g, ' ').trim();
}

/** One pgbench transaction = the request's statements in order, one per line, as the app sent them. */
export function pgbenchScript(queries: readonly CapturedQuery[]): string {
  return `${queries.map((q) => `${inline(q).replace(/;+$/, '')};`).join('\n')}\n`;
}
