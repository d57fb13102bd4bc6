// A throwaway PostgreSQL database holding the migrated schema and a demo city, loaded the way
// `npm run demo-city -- --size city` does it on PostgreSQL (COPY inside the load transaction).
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../../apps/api/src/config';
import { createPii } from '../../apps/api/src/core/pii';
import { type Db, wrapPool } from '../../apps/api/src/db/client';
import { migrateDatabase } from '../../apps/api/src/db/migrate';
import * as schema from '../../apps/api/src/db/schema';
import type { DemoSize } from '../../apps/api/src/demo-city/city-plan';
import { type LoadResult, loadDemoCity } from '../../apps/api/src/demo-city/load';
import { DEFAULT_SEED } from '../../apps/api/src/demo-city/rng';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The same server and credentials as `adminUrl`, another database. */
export function urlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

// The name is a constant identifier of ours, never user input, so it is safe to splice in.
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Drops any leftover from an aborted run (WITH FORCE ends its sessions) and creates it empty. */
export async function createScratch(adminUrl: string, name: string): Promise<void> {
  await onAdmin(adminUrl, async (c) => {
    await c.query(`drop database if exists ${ident(name)} with (force)`);
    await c.query(`create database ${ident(name)}`);
  });
}

export async function dropScratch(adminUrl: string, name: string): Promise<void> {
  await onAdmin(adminUrl, (c) => c.query(`drop database if exists ${ident(name)} with (force)`));
}

export async function serverFacts(adminUrl: string): Promise<string> {
  return onAdmin(adminUrl, async (c) => {
    const { rows } = await c.query<{ v: string }>('select version() as v');
    return rows[0]?.v ?? 'unknown';
  });
}

/** Migrates and loads the city on one pooled client, so COPY runs inside the Drizzle transaction. */
export async function loadCity(
  url: string,
  config: Config,
  size: DemoSize,
  opts: { registry?: boolean } = {},
): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await migrateDatabase(wrapPool(pool));
    const client = await pool.connect();
    try {
      const db = drizzle({ client, schema }) as unknown as Db;
      const result = await loadDemoCity(db, {
        size,
        seed: DEFAULT_SEED,
        demoMode: config.demoMode,
        pii: createPii(config.pii),
        kind: 'postgres',
        copyClient: client,
        registry: opts.registry ?? true,
      });
      // Fresh statistics, as a long-running installation would have; otherwise the planner guesses.
      await client.query('vacuum analyze');
      return result;
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}
