import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn, PgSession, PgTable, SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import { type Db, rowsOf } from './client';

/*
 * Statements on the hottest write path (a grid worker's report) written once instead of rebuilt by the
 * query builder on every call: drizzle's building was about a quarter of the main thread's time per
 * report (bench/README.md, `cases`). They run through the database's or transaction's own drizzle
 * session, so they take part in the transaction and come back mapped exactly as drizzle maps them. On
 * PostgreSQL the name makes each a prepared statement, parsed and planned once per connection; PGlite
 * has one connection and ignores the name.
 *
 * The session is drizzle's (internal, stable since 0.28) `PgDatabase.session`; the HTTP tests of every
 * caller go through these statements on both drivers, so a change there fails loudly.
 */
function sessionOf(db: Db): PgSession {
  return (db as unknown as { session: PgSession }).session;
}

/** A statement with `$1 …` parameters, run as is; returns the driver's rows, unmapped. */
export function preparedStatement<R>(name: string, text: string) {
  return async (db: Db, params: unknown[]): Promise<R[]> => {
    const q = sessionOf(db).prepareQuery({ sql: text, params }, undefined, name, false);
    return rowsOf<R>(await q.execute());
  };
}

/** A statement whose result rows are mapped by drizzle into objects along the fields' paths. */
export function preparedMapped<R>(name: string, text: string, fields: SelectedFieldsOrdered) {
  return async (db: Db, params: unknown[]): Promise<R[]> => {
    const q = sessionOf(db).prepareQuery({ sql: text, params }, fields, name, true);
    return (await q.execute()) as R[];
  };
}

export type InsertValues<T extends PgTable, K extends keyof T['$inferInsert']> = {
  [P in K]-?: T['$inferInsert'][P] | null;
};

/**
 * The columns `keys` of `table`, for writing an INSERT by hand: their quoted names, their SQL types
 * (for casts where PostgreSQL cannot infer a parameter's type, as in `insert … select $1`), and the
 * values encoded as the query builder encodes them (null is SQL NULL).
 */
export function insertColumns<T extends PgTable, K extends keyof T['$inferInsert'] & string>(
  table: T,
  keys: readonly K[],
) {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const written = keys.map((k) => {
    const column = columns[k];
    if (!column) throw new Error(`${getTableName(table)} has no column ${k}`);
    return column;
  });
  return {
    names: written.map((c) => `"${c.name}"`).join(', '),
    types: written.map((c) => c.getSQLType()),
    encode: (values: InsertValues<T, K>): unknown[] =>
      keys.map((k, i) => {
        const value = values[k];
        return value === null || value === undefined ? null : written[i]!.mapToDriverValue(value);
      }),
  };
}

/** Every column of `table`: `"a", "b" …` (qualified by `alias` if given) and drizzle's fields under `path`. */
export function allColumns(table: PgTable, path: string[] = [], alias?: string) {
  const entries = Object.entries(getTableColumns(table) as Record<string, PgColumn>);
  const prefix = alias ? `"${alias}".` : '';
  return {
    list: entries.map(([, c]) => `${prefix}"${c.name}"`).join(', '),
    fields: entries.map(([key, column]) => ({
      path: [...path, key],
      field: column,
    })) as SelectedFieldsOrdered,
  };
}

/**
 * A one-row INSERT of exactly `keys` (every other column takes its default), optionally `on conflict do
 * nothing`, returning the whole row (undefined when the conflict skipped it, or with `returning: false`).
 */
export function preparedInsert<T extends PgTable, K extends keyof T['$inferInsert'] & string>(
  name: string,
  table: T,
  keys: readonly K[],
  opts: { onConflictDoNothing?: boolean; returning?: boolean } = {},
) {
  const returning = opts.returning ?? true;
  const columns = insertColumns(table, keys);
  const all = allColumns(table);
  const text =
    `insert into "${getTableName(table)}" (${columns.names}) ` +
    `values (${keys.map((_, i) => `$${i + 1}`).join(', ')})` +
    (opts.onConflictDoNothing ? ' on conflict do nothing' : '') +
    (returning ? ` returning ${all.list}` : '');
  const plain = preparedStatement(name, text);
  const mapped = preparedMapped<T['$inferSelect']>(name, text, all.fields);
  return async (db: Db, values: InsertValues<T, K>): Promise<T['$inferSelect'] | undefined> => {
    const params = columns.encode(values);
    if (!returning) {
      await plain(db, params);
      return undefined;
    }
    return (await mapped(db, params))[0];
  };
}
