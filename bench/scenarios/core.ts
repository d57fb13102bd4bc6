// The `core` scenario: how fast is one authenticated, scope-filtered list endpoint of the real app,
// next to the two things it is built from — a bare Fastify route, and the SQL it sends to PostgreSQL.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../apps/api/src/app';
import { wrapPool } from '../../apps/api/src/db/client';
import { DEMO_PASSWORD } from '../../apps/api/src/demo-city/demo-accounts';
import { testConfig } from '../../apps/api/src/test/harness';
import { type CapturedQuery, inline, installRecorder, pgbenchScript } from '../lib/capture';
import { type LoadResult, load, warmUp } from '../lib/http-load';
import { runPgbench } from '../lib/pgbench';
import { elideColumns, machine, type Row, ratio, table, truncate } from '../lib/report';
import {
  createScratch,
  DEFAULT_ADMIN_URL,
  dropScratch,
  loadCity,
  serverFacts,
  urlFor,
} from '../lib/scratch-db';

export interface CoreOptions {
  seconds: number;
  connections: number;
}

const SCRATCH = 'linli_bench';
const ENDPOINT = '/api/org/search?level=grid&limit=50';
const LOGIN = 'street';
const PAGE = 50;
// pgbench's side of the comparison: as many server connections as the app's pool (max 10).
const PGBENCH_CLIENTS = 10;
const PGBENCH_THREADS = 2;

const OUT_DIR = fileURLToPath(new URL('../out', import.meta.url));

const log = (line: string) => console.log(`· ${line}`);

/** Undo steps, run newest first on success, failure and Ctrl-C alike. */
class Cleanup {
  private steps: Array<() => Promise<unknown>> = [];
  add(step: () => Promise<unknown>) {
    this.steps.push(step);
  }
  async run() {
    for (const step of this.steps.splice(0).reverse()) {
      await step().catch((err: unknown) => console.error('cleanup step failed:', err));
    }
  }
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

async function login(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: LOGIN, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login as ${LOGIN}: HTTP ${res.status} ${await res.text()}`);
  const sid = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('linli_sid='));
  if (!sid) throw new Error('login succeeded without a linli_sid cookie');
  return sid;
}

/** The page must be full: a 200 with fewer rows would measure a cheaper query than intended. */
async function checkEndpoint(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie } });
  const body = (await res.json()) as { items?: unknown[] };
  if (res.status !== 200 || body.items?.length !== PAGE) {
    throw new Error(`${ENDPOINT}: HTTP ${res.status} with ${body.items?.length ?? 'no'} items, want ${PAGE}`);
  }
}

function assertClean(target: string, r: LoadResult): void {
  if (r.non2xx > 0 || r.errors > 0 || r.total === 0) {
    throw new Error(
      `${target}: ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts) in ${r.total} ` +
        'requests — the figure would not measure the endpoint',
    );
  }
}

export async function core(opts: CoreOptions): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const benchUrl = urlFor(adminUrl, SCRATCH);
  const config = testConfig({
    logLevel: 'silent',
    demoMode: true,
    demoSize: 'city',
    jobsEnabled: false,
    databaseUrl: benchUrl,
  });
  const cleanup = new Cleanup();
  const interrupted = () => {
    console.error('\ninterrupted: cleaning up');
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const postgresVersion = await serverFacts(adminUrl);
    await createScratch(adminUrl, SCRATCH);
    cleanup.add(() => dropScratch(adminUrl, SCRATCH));
    const started = performance.now();
    // The core scenario measures the tree and accounts; it needs no residents.
    const city = await loadCity(benchUrl, config, 'city', { registry: false });
    log(
      `scratch database ${SCRATCH}: migrated, city loaded (${city.nodes} org nodes, ` +
        `${city.accounts.length} accounts) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const pool = new pg.Pool({ connectionString: benchUrl, max: 10 });
    const recorder = installRecorder(pool);
    const database = wrapPool(pool);
    cleanup.add(() => database.close());
    const app = await buildApp({ config, database, startWorker: false });
    cleanup.add(() => app.close());
    const appUrl = await listen(app);
    const cookie = await login(appUrl);
    const endpointUrl = `${appUrl}${ENDPOINT}`;
    await checkEndpoint(endpointUrl, cookie);
    // The first request warmed the pool and Fastify's caches; record the second, a steady one.
    const queries = await recorder.record(() => checkEndpoint(endpointUrl, cookie));
    if (queries.length === 0) throw new Error('no SQL captured: was the recorder installed too late?');
    log(`app on ${appUrl}, logged in as ${LOGIN}; one request runs ${queries.length} statements`);

    const bare = Fastify();
    bare.get('/hello', async () => ({ hello: 'world' }));
    cleanup.add(() => bare.close());
    const bareUrl = `${await listen(bare)}/hello`;

    // Kept after the run (bench/out is git-ignored) so the full statements can be read or EXPLAINed.
    mkdirSync(OUT_DIR, { recursive: true });
    const scriptFile = join(OUT_DIR, 'core.pgbench.sql');
    writeFileSync(scriptFile, pgbenchScript(queries));

    const http = { connections: opts.connections };
    log(`measuring ${ENDPOINT} (${opts.seconds} s, ${opts.connections} connections, after 2 s warm-up)`);
    await warmUp({ ...http, url: endpointUrl, headers: { cookie } });
    const endpoint = await load({ ...http, url: endpointUrl, headers: { cookie }, seconds: opts.seconds });
    assertClean(ENDPOINT, endpoint);
    log(`measuring bare Fastify GET /hello (${opts.seconds} s)`);
    await warmUp({ ...http, url: bareUrl });
    const hello = await load({ ...http, url: bareUrl, seconds: opts.seconds });
    assertClean('/hello', hello);
    log(`measuring pgbench with the captured SQL (${opts.seconds} s, ${PGBENCH_CLIENTS} clients)`);
    const bench = await runPgbench({
      url: benchUrl,
      scriptFile,
      clients: PGBENCH_CLIENTS,
      threads: PGBENCH_THREADS,
      seconds: opts.seconds,
    });
    if (bench.failed > 0) throw new Error(`pgbench: ${bench.failed} failed transactions\n${bench.output}`);

    printReport({ opts, endpoint, hello, bench, queries, scriptFile, postgresVersion });
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanup.run();
  }
}

interface Figures {
  opts: CoreOptions;
  endpoint: LoadResult;
  hello: LoadResult;
  bench: Awaited<ReturnType<typeof runPgbench>>;
  queries: CapturedQuery[];
  scriptFile: string;
  postgresVersion: string;
}

function printReport({ opts, endpoint, hello, bench, queries, scriptFile, postgresVersion }: Figures): void {
  const http = `${opts.connections} conns`;
  const rows: Row[] = [
    {
      target: `GET ${ENDPOINT}`,
      unit: 'req/s',
      rate: endpoint.requestsPerSecond,
      ...ms(endpoint),
      note: `${http}; server loop busy ${pct(endpoint.loopBusy)}`,
    },
    {
      target: 'GET /hello (bare Fastify)',
      unit: 'req/s',
      rate: hello.requestsPerSecond,
      ...ms(hello),
      note: `${http}; server loop busy ${pct(hello.loopBusy)}`,
    },
    {
      target: `pgbench, same SQL (${queries.length} statements/tx)`,
      unit: 'tps',
      rate: bench.tps,
      p50Ms: null,
      p99Ms: null,
      note: `${PGBENCH_CLIENTS} clients; mean latency ${bench.latencyAvgMs ?? '?'} ms`,
    },
  ];
  console.log(`\ncore — ${opts.seconds} s per target\n`);
  console.log(table(rows));
  console.log('');
  console.log(ratio('endpoint / bare Fastify', endpoint.requestsPerSecond, hello.requestsPerSecond));
  console.log(ratio('endpoint / pgbench (same SQL)', endpoint.requestsPerSecond, bench.tps));
  console.log('\nSQL of one request (what pgbench ran, in order):');
  queries.forEach((q, i) => {
    console.log(`  ${i + 1}. ${truncate(elideColumns(inline(q)), 260)}`);
  });
  console.log(`  (full script: ${scriptFile})`);
  console.log(`\npgbench: ${bench.command}`);
  console.log('\nmachine:');
  for (const line of machine(postgresVersion)) console.log(`  ${line}`);
}

const pct = (share: number) => `${Math.round(share * 100)} %`;
const ms = (r: LoadResult) => ({ p50Ms: r.p50Ms, p99Ms: r.p99Ms });
