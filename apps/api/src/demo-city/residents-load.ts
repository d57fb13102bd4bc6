import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Pii } from '../core/pii';
import { type Db, rowsOf } from '../db/client';
import { accounts } from '../modules/accounts/accounts.schema';
import {
  buildings,
  floatingRegistrations,
  households,
  houses,
  residentEvents,
  residents,
  residentTags,
  residentUnits,
} from '../modules/registry/registry.schema';
import type { DemoSize, PlanNode } from './city-plan';
import { DEMO_RESIDENT_MOBILE } from './people';
import {
  emptyBatch,
  REGISTRY_TABLES,
  type RegistryBatch,
  type RegistryCounts,
  RegistryGenerator,
  type RegistryTable,
} from './residents';

/**
 * Writes the demo registry with COPY, on PostgreSQL (pg-copy-streams on the load's own connection)
 * and on PGlite (`COPY … FROM '/dev/blob'`), inside the caller's transaction. Batches of grids are
 * generated while the previous batch streams, so Node and the database work at the same time. For
 * the city size the registry's secondary indexes and foreign keys are dropped for the load and
 * rebuilt from their catalogue definitions afterwards (as pg_restore does): one sort per index is
 * several times faster than three million inserts into each of them.
 */

export interface RegistryLoadOptions {
  size: DemoSize;
  seed: number;
  nodes: readonly PlanNode[];
  pii: Pii;
  kind: 'pglite' | 'postgres';
  /** The pg client the transaction runs on; found from the transaction when not given. */
  copyClient?: PoolClient | undefined;
  onProgress?: ((residents: number, expected: number) => void) | undefined;
}

/** Residents per COPY round (one COPY per table): ~20 MB of CSV. */
const FLUSH_AT = 25_000;
/**
 * From this many residents, indexes and foreign keys are rebuilt after the load rather than kept up
 * row by row (demo size on PGlite: 7.6 s against 12.2 s for the whole load; tiny stays incremental).
 */
const BULK_FROM = 10_000;
/** Generation yields to the event loop this often, so the COPY in flight keeps streaming. */
const YIELD_MS = 15;

interface TableSpec {
  table: PgTable;
  name: string;
  columns: string[];
  keys: string[];
  tsvector: boolean[];
}

const SOURCES: Record<RegistryTable, PgTable> = {
  buildings,
  houses,
  households,
  residents,
  tags: residentTags,
  floating: floatingRegistrations,
  events: residentEvents,
  units: residentUnits,
};

/** Every column the generator fills, in the table's own order; the rest take their defaults. */
const KEYS: Record<RegistryTable, string[]> = {
  buildings: ['id', 'orgNodeId', 'districtId', 'name', 'address', 'floors', 'units'],
  houses: [
    'id',
    'buildingId',
    'orgNodeId',
    'districtId',
    'unitNo',
    'floor',
    'roomNo',
    'address',
    'area',
    'use',
    'tenure',
  ],
  households: ['id', 'orgNodeId', 'districtId', 'householdNo', 'type', 'houseId', 'address', 'headId'],
  residents: [
    'id',
    'orgNodeId',
    'districtId',
    'householdId',
    'relation',
    'houseId',
    'name',
    'searchTerms',
    'gender',
    'birthDate',
    'idDocType',
    'idNumberEnc',
    'idNumberIndex',
    'idNumberMasked',
    'phoneEnc',
    'phoneIndex',
    'phoneMasked',
    'ethnicity',
    'education',
    'politicalStatus',
    'maritalStatus',
    'employmentStatus',
    'hukouAddress',
    'actualAddress',
    'movedInOn',
    'residenceType',
    'status',
    'accountId',
  ],
  tags: [
    'id',
    'residentId',
    'category',
    'tagEnc',
    'tagIndex',
    'detailEnc',
    'source',
    'startsOn',
    'endsOn',
    'setBy',
  ],
  floating: [
    'id',
    'residentId',
    'orgNodeId',
    'arrivedOn',
    'origin',
    'reason',
    'expectedUntil',
    'departedOn',
    'createdBy',
  ],
  events: ['id', 'residentId', 'kind', 'at', 'by', 'summary'],
  units: [
    'id',
    'orgNodeId',
    'districtId',
    'name',
    'creditCode',
    'kind',
    'contactName',
    'contactPhoneEnc',
    'contactPhoneMasked',
    'staffCount',
    'address',
  ],
};

const SPECS: Record<RegistryTable, TableSpec> = Object.fromEntries(
  REGISTRY_TABLES.map((t) => {
    const table = SOURCES[t];
    const columns = getTableColumns(table);
    const keys = KEYS[t];
    const col = (k: string) => {
      const c = columns[k];
      if (!c) throw new Error(`demo registry: ${getTableName(table)} has no column ${k}`);
      return c;
    };
    return [
      t,
      {
        table,
        name: getTableName(table),
        columns: keys.map((k) => col(k).name),
        keys,
        tsvector: keys.map((k) => col(k).getSQLType() === 'tsvector'),
      },
    ];
  }),
) as Record<RegistryTable, TableSpec>;

export const REGISTRY_TABLE_NAMES: readonly string[] = REGISTRY_TABLES.map((t) => SPECS[t].name);

/**
 * The text form of a tsvector holding exactly these lexemes (what `array_to_tsvector` gives): each
 * lexeme single-quoted, with `'` doubled and `\` escaped, separated by spaces.
 */
export function tsvectorLiteral(terms: readonly string[]): string {
  return terms.map((t) => `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(' ');
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** CSV as COPY reads it: an unquoted empty field is NULL, text is always quoted (so '' stays ''). */
function csvField(value: unknown, tsvector: boolean): string {
  if (value === null || value === undefined) return '';
  if (tsvector) return quote(tsvectorLiteral(value as string[]));
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return quote(value);
  if (value instanceof Date) return value.toISOString();
  return quote(JSON.stringify(value));
}

export function csvChunks(spec: TableSpec, rows: readonly object[], perChunk = 2_000): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += perChunk) {
    let chunk = '';
    for (const row of rows.slice(i, i + perChunk)) {
      const r = row as Record<string, unknown>;
      let line = '';
      for (let k = 0; k < spec.keys.length; k++) {
        if (k > 0) line += ',';
        line += csvField(r[spec.keys[k]!], spec.tsvector[k]!);
      }
      chunk += `${line}\n`;
    }
    chunks.push(chunk);
  }
  return chunks;
}

type Copier = (spec: TableSpec, chunks: string[]) => Promise<void>;

const copyStatement = (spec: TableSpec, source: string) =>
  `COPY ${quoteIdent(spec.name)} (${spec.columns.map(quoteIdent).join(', ')}) FROM ${source} WITH (FORMAT csv)`;
const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** What pg clients and PGlite transactions have in common. */
interface RawClient {
  query<R>(query: string, params?: unknown[]): Promise<{ rows: R[] }>;
}
interface LiteClient extends RawClient {
  query<R>(query: string, params?: unknown[], options?: { blob: Blob }): Promise<{ rows: R[] }>;
}

/** The raw driver client under a Drizzle transaction (a pg client, or PGlite's transaction). */
function sessionClient(tx: Db): unknown {
  return (tx as unknown as { session?: { client?: unknown } }).session?.client;
}

function copier(tx: Db, opts: RegistryLoadOptions): { copy: Copier; raw: RawClient } {
  const client = opts.copyClient ?? sessionClient(tx);
  if (!client || typeof (client as { query?: unknown }).query !== 'function') {
    throw new Error('demo registry: no database client under the transaction to COPY with');
  }
  if (opts.kind === 'postgres') {
    const pg = client as PoolClient;
    return {
      raw: pg as unknown as RawClient,
      copy: async (spec, chunks) => {
        const stream = pg.query(copyFrom(copyStatement(spec, 'STDIN')));
        await pipeline(Readable.from(chunks), stream);
      },
    };
  }
  const lite = client as LiteClient;
  return {
    raw: lite,
    copy: async (spec, chunks) => {
      await lite.query(copyStatement(spec, `'/dev/blob'`), [], { blob: new Blob(chunks) });
    },
  };
}

async function writeBatch(copy: Copier, batch: RegistryBatch): Promise<void> {
  // Parents before children: houses need their building, residents their household and house.
  for (const t of REGISTRY_TABLES) {
    const rows = batch[t];
    if (rows.length) await copy(SPECS[t], csvChunks(SPECS[t], rows));
  }
}

const one = <T>(res: unknown) => rowsOf<T>(res)[0];

async function firstIds(tx: Db): Promise<RegistryCounts> {
  const out = {} as RegistryCounts;
  for (const t of REGISTRY_TABLES) {
    const row = one<{ n: number | string | null }>(
      await tx.execute(sql`select coalesce(max(id), 0) + 1 as n from ${SPECS[t].table}`),
    );
    out[t] = Number(row?.n ?? 1);
  }
  return out;
}

async function residentAccountId(tx: Db, pii: Pii): Promise<number | null> {
  const row = one<{ id: number }>(
    await tx.execute(
      sql`select ${accounts.id} as id from ${accounts} where ${accounts.kind} = 'resident' and ${accounts.mobileIndex} = ${pii.blindIndex(DEMO_RESIDENT_MOBILE)} limit 1`,
    ),
  );
  return row ? Number(row.id) : null;
}

/** Fills the registry for the placed plan, in the caller's transaction; returns the rows written per table. */
export async function loadRegistry(tx: Db, opts: RegistryLoadOptions): Promise<RegistryCounts> {
  const generator = new RegistryGenerator({
    size: opts.size,
    seed: opts.seed,
    nodes: opts.nodes,
    pii: opts.pii,
    residentAccountId: await residentAccountId(tx, opts.pii),
    firstIds: await firstIds(tx),
  });
  const { copy, raw } = copier(tx, opts);
  const expected = generator.expectedResidents();
  const restore = expected >= BULK_FROM ? await deferIndexes(raw, opts.kind) : null;

  let inFlight: Promise<void> = Promise.resolve();
  const send = async (batch: RegistryBatch) => {
    await inFlight;
    inFlight = writeBatch(copy, batch);
    // Observed later by the next `await inFlight`; without a handler now, a failed COPY would be
    // reported as unhandled while generation is still running.
    inFlight.catch(() => {});
  };
  let batch = emptyBatch();
  let lastYield = performance.now();
  for (const grid of generator.grids) {
    generator.generateGrid(grid, batch);
    if (batch.residents.length >= FLUSH_AT) {
      await send(batch);
      batch = emptyBatch();
      opts.onProgress?.(generator.counts.residents, expected);
    }
    if (performance.now() - lastYield > YIELD_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  await send(batch);
  await inFlight;
  opts.onProgress?.(generator.counts.residents, expected);

  for (const t of REGISTRY_TABLES) {
    await tx.execute(
      sql`select setval(pg_get_serial_sequence(${SPECS[t].name}, 'id'), max(id)) from ${SPECS[t].table}`,
    );
  }
  if (restore) await restore();
  return generator.counts;
}

/**
 * Drops the registry tables' secondary indexes and foreign keys, and returns how to put them back
 * exactly as the catalogue had them (primary keys, and indexes a constraint owns or points at, stay).
 */
async function deferIndexes(
  client: RawClient,
  kind: RegistryLoadOptions['kind'],
): Promise<() => Promise<void>> {
  const tables = REGISTRY_TABLE_NAMES as string[];
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid = any($1::regclass[]) and not i.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [tables],
  );
  const { rows: fks } = await client.query<{ tbl: string; name: string; def: string }>(
    `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
       from pg_constraint where contype = 'f' and conrelid = any($1::regclass[])`,
    [tables],
  );
  for (const fk of fks) await client.query(`alter table ${fk.tbl} drop constraint ${quoteIdent(fk.name)}`);
  for (const index of indexes) await client.query(`drop index ${index.name}`);
  return async () => {
    // Index builds sort in memory up to this much (the GIN over search lexemes is the big one); PGlite
    // keeps its default, its memory is the server process's own.
    if (kind === 'postgres') await client.query(`set local maintenance_work_mem = '512MB'`);
    for (const index of indexes) await client.query(index.def);
    for (const fk of fks) {
      await client.query(`alter table ${fk.tbl} add constraint ${quoteIdent(fk.name)} ${fk.def}`);
    }
  };
}

/** Fresh planner statistics for the registry (run after the load's transaction has committed). */
export async function analyzeRegistry(db: Db): Promise<void> {
  for (const name of REGISTRY_TABLE_NAMES) await db.execute(sql.raw(`analyze ${quoteIdent(name)}`));
}
