import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleLite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { withBeforeCommit } from './before-commit';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database or a transaction: services accept either, so they compose inside one transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/**
 * PGlite normally starts with `-F` (fsync off). We drop it so PostgreSQL asks for fsync at commit,
 * the same durability request a server makes; see docs/adr/0002-embedded-pglite.md.
 */
export const PGLITE_START_PARAMS = [
  '--single',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'io_method=sync',
  '-c',
  'max_parallel_maintenance_workers=0',
];

export async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  return PGlite.create({ dataDir, extensions: { pg_trgm }, startParams: PGLITE_START_PARAMS });
}

export function wrapPglite(lite: PGlite, onClose: () => void = () => {}): Database {
  return {
    db: withBeforeCommit(drizzleLite({ client: lite, schema }) as unknown as Db),
    kind: 'pglite',
    close: async () => {
      await lite.close();
      onClose();
    },
  };
}

export function wrapPool(pool: pg.Pool): Database {
  return {
    db: withBeforeCommit(drizzlePg({ client: pool, schema }) as unknown as Db),
    kind: 'postgres',
    close: () => pool.end(),
  };
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    await pool.query('select 1');
    return wrapPool(pool);
  }
  const release = lockDataDir(opts.dataDir);
  try {
    const lite = await openPglite(join(opts.dataDir, 'pg'));
    return wrapPglite(lite, release);
  } catch (err) {
    release();
    throw err;
  }
}

export class DataDirLockedError extends Error {}

/**
 * PGlite is one process per directory: two processes on one directory silently lose commits. A lock
 * file holding our pid refuses a second opener; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'linli.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by another Linli process (pid ${holder}). ` +
            'Stop that process first, or set LINLI_DATA_DIR to another directory.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `db.execute` returns each driver's own result type; both carry `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
