// The `cases` scenario (issue 4): case intake through the real API next to pgbench running the same
// SQL, and the city's indicator dashboard over ten million cases next to GET /readyz.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../apps/api/src/app';
import type { Config } from '../../apps/api/src/config';
import { wrapPool } from '../../apps/api/src/db/client';
import { DEMO_PASSWORD } from '../../apps/api/src/demo-city/demo-accounts';
import { centroid, type Polygon } from '../../apps/api/src/demo-city/geometry';
import { seedDefaultCalendar } from '../../apps/api/src/modules/calendar';
import { seedDefaultCategories } from '../../apps/api/src/modules/cases';
import { testConfig } from '../../apps/api/src/test/harness';
import { alternateWithReadyz, percentile } from '../lib/alternate';
import { type CapturedQuery, inline, installRecorder, pgbenchScript } from '../lib/capture';
import { CASES_DB, type CasesData, keptCasesDb } from '../lib/cases-db';
import type { LoadResult } from '../lib/http-load';
import { HttpSession } from '../lib/http-session';
import { type PgbenchResult, runPgbench } from '../lib/pgbench';
import { elideColumns, machine, type Row, ratio, table, truncate } from '../lib/report';
import {
  createScratch,
  DEFAULT_ADMIN_URL,
  dropScratch,
  loadCity,
  serverFacts,
  urlFor,
} from '../lib/scratch-db';
import { loadWrites } from '../lib/write-load';

export interface CasesOptions {
  seconds: number;
  connections: number;
  /** Reload the kept ten-million-case database. */
  fresh: boolean;
  /** Measure one part only ('intake' or 'dashboard'); the figures of record come from a run of both. */
  only?: string;
}

const INTAKE_DB = 'linli_bench_cases_intake';
const REPORTER = 'grid';
const CITY_USER = 'civil.city';
const CATEGORY = 'E0101';
// The app's pool, and pgbench's clients: the same number of server connections on both sides.
const POOL = 10;
const PGBENCH_THREADS = 2;
const INTAKE_TARGET = 0.5;
const DASHBOARD_TARGET = 5;
const OUT_DIR = fileURLToPath(new URL('../out', import.meta.url));

const log = (line: string) => console.log(`· ${line}`);
const pct = (share: number) => `${Math.round(share * 100)} %`;

function benchConfig(databaseUrl: string): Config {
  return testConfig({
    logLevel: 'silent',
    demoMode: true,
    demoSize: 'city',
    jobsEnabled: false,
    databaseUrl,
  });
}

/** The real app on a random 127.0.0.1 port, on a pool whose SQL can be recorded. */
async function startApp(url: string, config: Config) {
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  // pool.end() resolves before every socket is closed; dropping the database right after ends the
  // rest from the server side, which an idle client reports as an error. Only one before closing counts.
  let closing = false;
  pool.on('error', (err) => {
    if (!closing) console.error('database pool:', err.message);
  });
  const recorder = installRecorder(pool);
  const database = wrapPool(pool);
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({ config, database, startWorker: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (err) {
    await app?.close();
    await database.close();
    throw err;
  }
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const running = app;
  return {
    pool,
    recorder,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      closing = true;
      await running.close();
      await database.close();
    },
  };
}

export async function cases(opts: CasesOptions): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const postgresVersion = await serverFacts(adminUrl);
  const intake = opts.only === 'dashboard' ? null : await measureIntake(adminUrl, opts);
  const dashboard = opts.only === 'intake' ? null : await measureDashboard(adminUrl, opts);
  console.log(`\ncases — ${opts.seconds} s per target`);
  if (intake) printIntake(opts, intake);
  if (dashboard) printDashboard(opts, dashboard);
  console.log('\nmachine:');
  for (const line of machine(postgresVersion)) console.log(`  ${line}`);
  console.log(
    `\nThe scratch database ${CASES_DB} is kept for the next run. Drop it with\n` +
      `  psql '${adminUrl}' -c 'drop database ${CASES_DB}'\n` +
      'or reload it with `npm run bench -- cases --fresh`.',
  );
}

// --- intake ---

interface Intake {
  endpoint: LoadResult;
  bench: PgbenchResult;
  /** The same script with each statement prepared once per client: the stricter baseline. */
  benchPrepared: PgbenchResult;
  queries: CapturedQuery[];
  scriptFile: string;
  created: number;
}

/**
 * A grid worker's report, the whole loop of intake in one request: session, validation, scope, the
 * point's grid, the deadline, the case, its timeline entry, counters, audit and the intake job in one
 * transaction, and the detail view read back. Every request creates a case and must answer 201.
 */
async function measureIntake(adminUrl: string, opts: CasesOptions): Promise<Intake> {
  const url = urlFor(adminUrl, INTAKE_DB);
  const config = benchConfig(url);
  await createScratch(adminUrl, INTAKE_DB);
  const interrupted = () => {
    void dropScratch(adminUrl, INTAKE_DB).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  let grid: HttpSession | undefined;
  try {
    const started = performance.now();
    const city = await loadCity(url, config, 'city', { registry: false });
    await seedInstallation(url);
    log(
      `scratch database ${INTAKE_DB}: city loaded (${city.nodes} org nodes), categories and calendar seeded ` +
        `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    app = await startApp(url, config);
    grid = new HttpSession(app.baseUrl);
    await grid.login(REPORTER, DEMO_PASSWORD);
    const body = JSON.stringify(await reportBody(grid));
    const reporter = grid;
    const report = () => reporter.post<{ id: number; state: string }>('/api/cases', JSON.parse(body), 201);
    const first = await report();
    if (first.state !== 'reported') throw new Error(`a report came back ${first.state}`);
    // The first report warmed the pool, the grid locator and the calendar cache: record a steady one.
    const queries = await app.recorder.record(async () => {
      await report();
    });
    if (queries.length === 0) throw new Error('no SQL captured: was the recorder installed too late?');
    log(`app on ${app.baseUrl}, logged in as ${REPORTER}; one report runs ${queries.length} statements`);

    mkdirSync(OUT_DIR, { recursive: true });
    const scriptFile = join(OUT_DIR, 'cases-intake.pgbench.sql');
    writeFileSync(scriptFile, pgbenchScript(queries));

    const before = await countCases(app.pool);
    const load = {
      url: `${app.baseUrl}/api/cases`,
      method: 'POST' as const,
      headers: grid.writeHeaders(),
      body,
      connections: opts.connections,
    };
    log(`measuring POST /api/cases (${opts.seconds} s, ${opts.connections} connections, after 2 s warm-up)`);
    await loadWrites({ ...load, seconds: 2 });
    const warm = await countCases(app.pool);
    const endpoint = await loadWrites({ ...load, seconds: opts.seconds });
    const created = (await countCases(app.pool)) - warm;
    // At the end autocannon drops the requests still in flight, which the server may still commit: a
    // few more cases than answers, never fewer.
    if (endpoint.non2xx > 0 || endpoint.errors > 0 || endpoint.total === 0 || created < endpoint.total) {
      throw new Error(
        `POST /api/cases: ${endpoint.non2xx} non-2xx, ${endpoint.errors} errors (${endpoint.timeouts} timeouts), ` +
          `${endpoint.total} answers but ${created} cases created — the figure would not measure intake`,
      );
    }
    log(
      `${(warm - before).toLocaleString('en-US')} cases in warm-up, ${created.toLocaleString('en-US')} measured`,
    );
    log(`measuring pgbench with the captured SQL (${opts.seconds} s, ${POOL} clients)`);
    const bench = await runPgbench({
      url,
      scriptFile,
      clients: POOL,
      threads: PGBENCH_THREADS,
      seconds: opts.seconds,
    });
    if (bench.failed > 0) throw new Error(`pgbench: ${bench.failed} failed transactions\n${bench.output}`);
    log(`measuring pgbench -M prepared with the captured SQL (${opts.seconds} s, ${POOL} clients)`);
    const benchPrepared = await runPgbench({
      url,
      scriptFile,
      clients: POOL,
      threads: PGBENCH_THREADS,
      seconds: opts.seconds,
      mode: 'prepared',
    });
    if (benchPrepared.failed > 0)
      throw new Error(`pgbench: ${benchPrepared.failed} failed transactions\n${benchPrepared.output}`);
    return { endpoint, bench, benchPrepared, queries, scriptFile, created };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    grid?.close();
    await app?.close();
    await dropScratch(adminUrl, INTAKE_DB);
  }
}

/** What a new installation seeds besides the tree (setup.ts): the holiday calendar, the categories. */
async function seedInstallation(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const { db } = wrapPool(pool);
    await seedDefaultCalendar(db);
    await seedDefaultCategories(db);
  } finally {
    await pool.end();
  }
}

/** A report at the centre of the grid worker's own grid, in a category, as the phone sends it. */
async function reportBody(grid: HttpSession) {
  const me = await grid.json<{ roles: Array<{ orgNodeId: number }> }>('/api/auth/me');
  const gridId = me.roles[0]?.orgNodeId;
  if (!gridId) throw new Error(`${REPORTER} has no role`);
  const boundary = await grid.json<Polygon | null>(`/api/org/nodes/${gridId}/boundary`);
  if (boundary?.type !== 'Polygon') throw new Error(`grid ${gridId} has no polygon boundary`);
  const [lng, lat] = centroid(boundary);
  const categories = await grid.json<Array<{ id: number; code: string }>>('/api/cases/categories');
  const categoryId = categories.find((c) => c.code === CATEGORY)?.id;
  if (!categoryId) throw new Error(`no category ${CATEGORY}`);
  return {
    title: '小区门口暴露垃圾',
    description: '垃圾桶旁堆放多袋生活垃圾，气味较大。',
    lat,
    lng,
    categoryId,
  };
}

async function countCases(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from cases');
  return rows[0]!.n;
}

function printIntake(opts: CasesOptions, r: Intake): void {
  const inTransaction = statementsInTransaction(r.queries);
  const rows: Row[] = [
    {
      target: 'POST /api/cases (grid worker report)',
      unit: 'req/s',
      rate: r.endpoint.requestsPerSecond,
      p50Ms: r.endpoint.p50Ms,
      p99Ms: r.endpoint.p99Ms,
      note: `${opts.connections} conns; server loop busy ${pct(r.endpoint.loopBusy)}; ${r.created.toLocaleString('en-US')} cases created`,
    },
    {
      target: `pgbench -M simple, same SQL (${r.queries.length} statements/tx)`,
      unit: 'tps',
      rate: r.bench.tps,
      p50Ms: null,
      p99Ms: null,
      note: `${POOL} clients; mean latency ${r.bench.latencyAvgMs ?? '?'} ms`,
    },
    {
      target: `pgbench -M prepared, same SQL`,
      unit: 'tps',
      rate: r.benchPrepared.tps,
      p50Ms: null,
      p99Ms: null,
      note: `${POOL} clients; mean latency ${r.benchPrepared.latencyAvgMs ?? '?'} ms`,
    },
  ];
  // The target is judged against the faster baseline, whichever it is on the day.
  const baseline = Math.max(r.bench.tps, r.benchPrepared.tps);
  const share = r.endpoint.requestsPerSecond / baseline;
  console.log('\nintake\n');
  console.log(table(rows));
  console.log('');
  console.log(ratio('intake / pgbench -M simple', r.endpoint.requestsPerSecond, r.bench.tps));
  console.log(
    `${ratio('intake / pgbench -M prepared', r.endpoint.requestsPerSecond, r.benchPrepared.tps)}` +
      `  target ≥ ${INTAKE_TARGET} against the faster pgbench${share >= INTAKE_TARGET ? ' — met' : ' — missed'}`,
  );
  console.log(
    `\nSQL of one report (what pgbench ran, in order; ${
      inTransaction > 0
        ? `${inTransaction} of ${r.queries.length} inside BEGIN … COMMIT`
        : 'no BEGIN … COMMIT: each statement is its own transaction'
    }):`,
  );
  r.queries.forEach((q, i) => {
    console.log(`  ${String(i + 1).padStart(2)}. ${truncate(elideColumns(inline(q)), 200)}`);
  });
  console.log(`  (full script: ${r.scriptFile})`);
  console.log(`pgbench: ${r.bench.command}`);
  console.log(`pgbench: ${r.benchPrepared.command}`);
}

/** Statements from BEGIN to COMMIT, both included. */
function statementsInTransaction(queries: readonly CapturedQuery[]): number {
  const begin = queries.findIndex((q) => /^\s*begin/i.test(q.text));
  const commit = queries.findIndex((q) => /^\s*commit/i.test(q.text));
  return begin >= 0 && commit > begin ? commit - begin + 1 : 0;
}

// --- dashboard ---

interface Dashboard {
  data: CasesData;
  caseRows: number;
  statRows: number;
  path: string;
  from: string;
  to: string;
  measured: { endpoint: number[]; readyz: number[] };
  statements: number;
  statsRead: { rows: number; ms: number } | null;
}

/** Asia/Shanghai calendar day of an instant. */
const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The city's indicator dashboard as the city's civil-affairs user opens it: this month so far (the
 * month of the data's last day, when the kept data ended before this month), over ten million cases.
 */
async function measureDashboard(adminUrl: string, opts: CasesOptions): Promise<Dashboard> {
  const url = urlFor(adminUrl, CASES_DB);
  const config = benchConfig(url);
  const data = await keptCasesDb(adminUrl, url, config, { fresh: opts.fresh, log });
  const today = shanghaiDay(new Date());
  // ISO days sort as strings: the earlier of today and the data's last day.
  const to = [shanghaiDay(data.asOf), today].sort()[0]!;
  const from = `${to.slice(0, 8)}01`;
  const path = `/api/cases/indicators?from=${from}&to=${to}`;
  const app = await startApp(url, config);
  const civil = new HttpSession(app.baseUrl);
  try {
    const { rows } = await app.pool.query<{ cases: number; stats: number }>(
      'select (select count(*) from cases)::int as cases, (select count(*) from case_stats)::int as stats',
    );
    await civil.login(CITY_USER, DEMO_PASSWORD);
    const first = await civil.json<{ nodeName: string; total: { counters: { reported: number } } }>(path);
    if (!(first.total.counters.reported > 0))
      throw new Error(
        `${path}: no reported cases in the window — the figure would not measure the dashboard`,
      );
    const queries = await app.recorder.record(async () => {
      await civil.json(path);
    });
    const statsRead = await explainStatsRead(app.pool, queries);
    log(
      `app up, logged in as ${CITY_USER} (${first.nodeName}); ${path}: ` +
        `${first.total.counters.reported.toLocaleString('en-US')} cases reported in the window, ${queries.length} statements`,
    );
    log(`measuring ${path}: ${opts.seconds} s, one request at a time, alternating with GET /readyz`);
    const measured = await alternateWithReadyz(civil, path, { seconds: opts.seconds });
    return {
      data,
      caseRows: rows[0]!.cases,
      statRows: rows[0]!.stats,
      path,
      from,
      to,
      measured,
      statements: queries.length,
      statsRead,
    };
  } finally {
    civil.close();
    await app.close();
  }
}

/** EXPLAIN ANALYZE of the request's read of case_stats (rows and execution time). */
async function explainStatsRead(pool: pg.Pool, queries: CapturedQuery[]) {
  const read = queries.find((q) => /from "case_stats"/.test(q.text) && /^\s*select/i.test(q.text));
  if (!read) return null;
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${inline(read)}`);
  const plan = rows.map((r) => r['QUERY PLAN']);
  const top = /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(plan[0] ?? '');
  return {
    rows: Number(top?.[1] ?? Number.NaN),
    ms: Number(/Execution Time: ([\d.]+)/.exec(plan.at(-1) ?? '')?.[1] ?? Number.NaN),
  };
}

function printDashboard(opts: CasesOptions, d: Dashboard): void {
  const n = (x: number) => x.toLocaleString('en-US');
  const { endpoint, readyz } = d.measured;
  const p99Ratio = percentile(endpoint, 99) / percentile(readyz, 99);
  console.log(
    `\ncity dashboard — ${opts.seconds} s, one request at a time, as ${CITY_USER}, ${d.from} … ${d.to}` +
      `\ndata: ${n(d.caseRows)} cases (reported over the year to ${d.data.asOf.toISOString()}), ` +
      `${n(d.statRows)} case_stats rows\n`,
  );
  const head = ['target', 'requests', 'p50 ms', 'p99 ms', 'readyz p50', 'readyz p99', 'p99 ratio'];
  const cells = [
    `GET ${d.path}`,
    String(endpoint.length),
    percentile(endpoint, 50).toFixed(2),
    percentile(endpoint, 99).toFixed(2),
    percentile(readyz, 50).toFixed(2),
    percentile(readyz, 99).toFixed(2),
    `${p99Ratio.toFixed(1)}×${p99Ratio <= DASHBOARD_TARGET ? '' : ' !'}`,
  ];
  const widths = head.map((h, i) => Math.max(h.length, cells[i]!.length));
  const line = (cs: string[]) =>
    cs.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log([line(head), line(widths.map((w) => '-'.repeat(w))), line(cells)].join('\n'));
  console.log(
    `\np99 ratio = p99(dashboard) / p99(GET /readyz), measured alternately in the same run; target ≤ ${DASHBOARD_TARGET}× ('!' marks a miss).`,
  );
  const read = d.statsRead
    ? `; its case_stats read: ${d.statsRead.rows} rows in ${d.statsRead.ms.toFixed(2)} ms (EXPLAIN ANALYZE)`
    : '';
  console.log(`one dashboard request: ${d.statements} statements${read}`);
}
