// The kept scratch database of the `cases` dashboard bench: the city-size tree with ten million cases
// over the last year and their statistics. Loading takes a long while, so a run reuses it when complete.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../../apps/api/src/config';
import { type Db, rowsOf, wrapPool } from '../../apps/api/src/db/client';
import { migrateDatabase, migrationsApplied } from '../../apps/api/src/db/migrate';
import * as schema from '../../apps/api/src/db/schema';
import { buildCaseStats, type GeneratedCases, generateCases } from '../../apps/api/src/demo-city/cases-data';
import { recordAudit } from '../../apps/api/src/modules/audit';
import { seedDefaultCalendar } from '../../apps/api/src/modules/calendar';
import { seedDefaultCategories } from '../../apps/api/src/modules/cases';
import { createScratch, loadCity } from './scratch-db';

export const CASES_DB = 'linli_bench_cases';
/** BENCH_CASES overrides the count (a quick dry run); the kept database is reloaded when it differs. */
const COUNT = Number(process.env.BENCH_CASES ?? 10_000_000);
const DAYS = 365;
const SEED = 20261122;
/** Written last in the load's transaction: if it is there, all of it is. */
const LOADED = 'demo_city.cases';

export interface CasesData extends GeneratedCases {
  count: number;
  /** Where the generated year ends (the stories are cut here). */
  asOf: Date;
}

/**
 * The kept database, loaded first when missing, incomplete or `fresh`: `log` narrates. Drop it with
 * `drop database linli_bench_cases`.
 */
export async function keptCasesDb(
  adminUrl: string,
  url: string,
  config: Config,
  opts: { fresh: boolean; log: (line: string) => void },
): Promise<CasesData> {
  const found = opts.fresh ? null : await loaded(adminUrl, url, opts.log);
  if (found) {
    opts.log(
      `scratch database ${CASES_DB}: ${found.count.toLocaleString('en-US')} cases found, reused (--fresh reloads)`,
    );
    return found;
  }
  opts.log(
    `scratch database ${CASES_DB}: ${opts.fresh ? 'reload asked for (--fresh)' : 'not there or incomplete'}; ` +
      `loading the city and ${COUNT.toLocaleString('en-US')} cases (a long while) …`,
  );
  await createScratch(adminUrl, CASES_DB);
  const started = performance.now();
  const city = await loadCity(url, config, 'city', { registry: false });
  opts.log(`city tree loaded (${city.nodes} org nodes) in ${secs(started)} s`);
  const data = await loadCases(url, opts.log);
  opts.log(`loaded in ${secs(started)} s in all`);
  return data;
}

const secs = (since: number) => ((performance.now() - since) / 1000).toFixed(0);

async function loaded(adminUrl: string, url: string, log: (line: string) => void): Promise<CasesData | null> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [CASES_DB]);
    if (!rowCount) return null;
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const database = wrapPool(pool);
    if (!(await migrationsApplied(database.db))) {
      // Migrations added since the load are applied to the kept data, as an upgrade would apply them.
      log(`scratch database ${CASES_DB}: applying the migrations added since it was loaded …`);
      await migrateDatabase(database);
    }
    const { rows } = await pool.query<{ details: Omit<CasesData, 'asOf'> & { asOf: string } }>(
      'select details from audit_log where action = $1 order by id desc limit 1',
      [LOADED],
    );
    const d = rows[0]?.details;
    if (d?.count !== COUNT) return null;
    return { ...d, asOf: new Date(d.asOf) };
  } catch {
    return null;
  } finally {
    await pool.end();
  }
}

/**
 * Categories and calendar as a new installation seeds them, then in one transaction: the cases with
 * the secondary indexes dropped (rebuilt after the rows, much faster than maintained row by row) and,
 * where the account may, foreign-key triggers off (checked afterwards with one anti-join each); the
 * statistics by one aggregate statement; the audit entry. Then VACUUM ANALYZE.
 */
async function loadCases(url: string, log: (line: string) => void): Promise<CasesData> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const client = await pool.connect();
  try {
    const db = drizzle({ client, schema }) as unknown as Db;
    await seedDefaultCalendar(db);
    await seedDefaultCategories(db);
    const asOf = new Date();
    const data = await db.transaction(async (txn) => {
      const tx = txn as unknown as Db;
      await tx.execute(sql`set local work_mem = '512MB'`);
      await tx.execute(sql`set local maintenance_work_mem = '1GB'`);
      const [me] = rowsOf<{ rolsuper: boolean }>(
        await tx.execute(sql`select rolsuper from pg_roles where rolname = current_user`),
      );
      if (me?.rolsuper) await tx.execute(sql`set local session_replication_role = replica`);
      const indexes = rowsOf<{ indexname: string; indexdef: string }>(
        await tx.execute(sql`select indexname, indexdef from pg_indexes
          where schemaname = 'public' and tablename = 'cases' and indexname <> 'cases_pkey'`),
      );
      for (const i of indexes) await tx.execute(sql.raw(`drop index "${i.indexname}"`));
      let started = performance.now();
      const range = await generateCases(tx, {
        count: COUNT,
        seed: SEED,
        asOf,
        days: DAYS,
        onProgress: (n) => log(`  ${n.toLocaleString('en-US')} cases written (${secs(started)} s)`),
      });
      started = performance.now();
      await buildCaseStats(tx, range, asOf);
      log(`  case_stats built by one aggregate statement in ${secs(started)} s`);
      started = performance.now();
      for (const i of indexes) await tx.execute(sql.raw(i.indexdef));
      log(`  ${indexes.length} indexes of cases rebuilt in ${secs(started)} s`);
      await checkReferences(tx);
      const details = { count: COUNT, seed: SEED, days: DAYS, ...range, asOf: asOf.toISOString() };
      await recordAudit(tx, { actor: null, action: LOADED, recordType: 'case', details });
      return { count: COUNT, ...range, asOf };
    });
    await client.query('vacuum analyze cases');
    await client.query('vacuum analyze case_stats');
    return data;
  } finally {
    client.release();
    await pool.end();
  }
}

/** The foreign keys of the generated rows, checked in bulk (their triggers were off during the load). */
async function checkReferences(db: Db): Promise<void> {
  const [r] = rowsOf<Record<string, string>>(
    await db.execute(sql`
    select
      (select count(*) from cases c where not exists (select 1 from org_nodes n where n.id = c.org_node_id)) as org_node,
      (select count(*) from cases c where c.assignee_node_id is not null
         and not exists (select 1 from org_nodes n where n.id = c.assignee_node_id)) as assignee,
      (select count(*) from cases c where c.category_id is not null
         and not exists (select 1 from case_categories k where k.id = c.category_id)) as category`),
  );
  const broken = Object.entries(r ?? {}).filter(([, n]) => Number(n) > 0);
  if (broken.length) throw new Error(`generated cases with dangling references: ${JSON.stringify(broken)}`);
}
