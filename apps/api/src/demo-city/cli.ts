// npm run demo-city -- --size tiny|demo|city|megacity [--seed N]
// Migrates the configured database and loads the demo city 江川市 with one account per role.
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { loadConfig } from '../config';
import { createPii } from '../core/pii';
import { type Database, DataDirLockedError, type Db, openDatabase, wrapPool } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import * as schema from '../db/schema';
import { formatAccountsTable } from './accounts-table';
import { DEMO_SIZES, type DemoSize, SHAPES } from './city-plan';
import { type LoadOptions, type LoadResult, loadDemoCity } from './load';
import { hasRegistry, REGISTRY_RESIDENTS } from './residents';
import { DEFAULT_SEED } from './rng';

/** Sizes whose 70k rows want COPY and a real server; PGlite would take minutes and gigabytes. */
const SERVER_ONLY: readonly DemoSize[] = ['city', 'megacity'];

function parseCli(config: ReturnType<typeof loadConfig>): { size: DemoSize; seed: number } {
  const { values } = parseArgs({ options: { size: { type: 'string' }, seed: { type: 'string' } } });
  const size = (values.size ?? config.demoSize) as DemoSize;
  if (!DEMO_SIZES.includes(size)) fail(`--size must be one of ${DEMO_SIZES.join(', ')}`);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
    fail('--seed must be an integer 0…4294967295');
  if (SERVER_ONLY.includes(size) && !config.databaseUrl) {
    fail(
      `--size ${size} needs PostgreSQL: set DATABASE_URL (the embedded PGlite database is for tiny and demo)`,
    );
  }
  return { size, seed };
}

function fail(message: string): never {
  console.error(`demo-city: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const { size, seed } = parseCli(config);
  const shape = SHAPES[size];
  const residents = REGISTRY_RESIDENTS[size];
  console.log(
    `Loading 江川市 (${size}: districts ${shape.districts}, streets ${shape.streets}, ` +
      `communities ${shape.communities}, grids ${shape.grids}` +
      `${residents ? `, about ${residents.toLocaleString('en-US')} residents` : ''}; seed ${seed}) …`,
  );
  if (!hasRegistry(size)) console.log('The megacity size has no registry: residents are left out.');
  const started = performance.now();
  const base = {
    size,
    seed,
    demoMode: config.demoMode,
    pii: createPii(config.pii),
    onProgress: progressPrinter(started),
  };
  const { result, loadMs } = config.databaseUrl
    ? await onPostgres(config.databaseUrl, base)
    : await onPglite(config.dataDir, base);
  const total = seconds(performance.now() - started);
  if (result.skipped) {
    console.log(
      result.registry
        ? `The demo city is already loaded (${result.nodes} nodes); its empty registry has been filled.`
        : `The demo city is already loaded (${result.nodes} nodes); nothing written.`,
    );
  } else {
    console.log(
      `Loaded ${result.nodes} org nodes and ${result.accounts.length} accounts in ${seconds(loadMs)} s ` +
        `(${total} s with opening and migrating the database).`,
    );
  }
  const r = result.registry;
  if (r) {
    const n = (x: number) => x.toLocaleString('en-US');
    console.log(
      `Registry: ${n(r.residents)} residents in ${n(r.households)} households, ${n(r.houses)} houses in ` +
        `${n(r.buildings)} buildings, ${n(r.floating)} floating registrations, ${n(r.tags)} tags, ` +
        `${n(r.units)} units.`,
    );
  }
  console.log(`\n${formatAccountsTable(result.accounts)}\n`);
  if (!config.demoMode) {
    console.log('Not in demo mode: each account must change its password at first login.');
  }
}

type Base = Omit<LoadOptions, 'kind' | 'copyClient'>;

/** A line per tenth of the registry written, for the sizes that take more than a few seconds. */
function progressPrinter(started: number): LoadOptions['onProgress'] {
  let shown = 0;
  return (done, expected) => {
    if (expected < 100_000 || done < ((shown + 1) * expected) / 10) return;
    shown = Math.floor((done * 10) / expected);
    console.log(`  … ${done.toLocaleString('en-US')} residents (${seconds(performance.now() - started)} s)`);
  };
}
type Timed = { result: LoadResult; loadMs: number };

const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function timed(load: () => Promise<LoadResult>): Promise<Timed> {
  const started = performance.now();
  const result = await load();
  return { result, loadMs: performance.now() - started };
}

async function onPglite(dataDir: string, base: Base): Promise<Timed> {
  let database: Database;
  try {
    database = await openDatabase({ dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) fail(err.message);
    throw err;
  }
  try {
    await migrateDatabase(database);
    return await timed(() => loadDemoCity(database.db, { ...base, kind: 'pglite' }));
  } finally {
    await database.close();
  }
}

/** One pooled client carries the whole load, so COPY runs inside the Drizzle transaction. */
async function onPostgres(databaseUrl: string, base: Base): Promise<Timed> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await migrateDatabase(wrapPool(pool));
    const client = await pool.connect();
    try {
      const db = drizzle({ client, schema }) as unknown as Db;
      const copyClient = SERVER_ONLY.includes(base.size) ? client : undefined;
      return await timed(() => loadDemoCity(db, { ...base, kind: 'postgres', copyClient }));
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
