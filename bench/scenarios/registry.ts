// The `registry` scenario: resident search through the real API on the city-size registry (3 M
// residents), each kind of search measured next to GET /readyz through the same stack.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { pinyin } from 'pinyin-pro';
import { buildApp } from '../../apps/api/src/app';
import { parsePiiKeys } from '../../apps/api/src/config';
import { createPii, type Pii } from '../../apps/api/src/core/pii';
import { wrapPool } from '../../apps/api/src/db/client';
import { migrateDatabase, migrationsApplied } from '../../apps/api/src/db/migrate';
import { DEMO_PASSWORD } from '../../apps/api/src/demo-city/demo-accounts';
import { DEMO_TODAY } from '../../apps/api/src/demo-city/people';
import { testConfig } from '../../apps/api/src/test/harness';
import { type CapturedQuery, inline, installRecorder } from '../lib/capture';
import { machine, truncate } from '../lib/report';
import { createScratch, DEFAULT_ADMIN_URL, loadCity, serverFacts, urlFor } from '../lib/scratch-db';
import { registryImport } from './registry-import';

export interface RegistryOptions {
  seconds: number;
  /** Drop and reload the scratch database even when it holds a complete city. */
  fresh: boolean;
}

const SCRATCH = 'linli_bench_registry';
const LOGIN = 'street';
const SAMPLE = 200;
/** Search requests per kind at least (a slow kind runs past --duration to get them) … */
const MIN_REQUESTS = 50;
/** … but for no more than this many times --duration. */
const MAX_STRETCH = 6;
/** What the brief asks of a search: p99 at most this many times the p99 of /readyz. */
const TARGET_RATIO = 5;
const OUT_DIR = fileURLToPath(new URL('../out', import.meta.url));

/**
 * Fixed keys for the kept scratch database: a new run must read what an earlier run encrypted and
 * find what it indexed. Benchmark-only keys over fictional people; never use them for real data.
 */
const key = (label: string) => createHash('sha256').update(`linli-bench-registry:${label}`).digest('base64');
const BENCH_PII_KEYS = parsePiiKeys(`bench:${key('pii')}`, key('index'));

const log = (line: string) => console.log(`· ${line}`);

export async function registry(opts: RegistryOptions): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const benchUrl = urlFor(adminUrl, SCRATCH);
  const config = testConfig({
    logLevel: 'silent',
    demoMode: true,
    demoSize: 'city',
    jobsEnabled: false,
    databaseUrl: benchUrl,
    pii: BENCH_PII_KEYS,
  });
  const pii = createPii(BENCH_PII_KEYS);
  const postgresVersion = await serverFacts(adminUrl);

  const missing = opts.fresh ? 'rebuild asked for (--fresh)' : await incomplete(adminUrl, benchUrl, pii);
  if (missing) {
    log(`scratch database ${SCRATCH}: ${missing}; loading the city size (3 M residents, several minutes) …`);
    await createScratch(adminUrl, SCRATCH);
    const started = performance.now();
    const city = await loadCity(benchUrl, config, 'city');
    log(
      `loaded ${city.nodes} org nodes, ${city.registry?.residents.toLocaleString('en-US')} residents ` +
        `(COPY, indexes rebuilt, VACUUM ANALYZE) in ${seconds(performance.now() - started)} s`,
    );
  } else {
    log(`scratch database ${SCRATCH}: complete city found, reused (--fresh rebuilds it)`);
  }

  const pool = new pg.Pool({ connectionString: benchUrl, max: 10 });
  const recorder = installRecorder(pool);
  const database = wrapPool(pool);
  let app: FastifyInstance | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const facts = await datasetFacts(pool);
    app = await buildApp({ config, database, startWorker: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const client = new HttpClient(`http://127.0.0.1:${address.port}`, agent);
    await client.login(LOGIN, DEMO_PASSWORD);
    const scope = await streetScope(pool);
    const sample = await sampleResidents(pool, scope.path, pii);
    log(
      `app up, logged in as ${LOGIN} (${scope.name}: ${scope.residents.toLocaleString('en-US')} residents in scope); ` +
        `${sample.length} sampled residents give the queries`,
    );

    const targets = searchTargets(sample);
    for (const t of targets) await t.check(client);
    const plans = await explainTargets(pool, recorder, client, targets);

    const results: Measured[] = [];
    for (const t of targets) {
      log(`measuring ${t.label}: ${opts.seconds} s, one request at a time, alternating with GET /readyz`);
      results.push(await measure(client, t, opts.seconds));
    }
    printReport({ opts, facts, scope: scope.name, results, plans, postgresVersion });
    // The registry import (./registry-import.ts): a CSV of BENCH_IMPORT_ROWS generated residents
    // (default 1,000,000; 0 skips it) uploaded, validated and committed through the API's jobs, next to
    // raw COPY of the same rows, in its own scratch database; the server's RSS is sampled throughout.
    const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
    if (importRows > 0) await registryImport({ rows: importRows });
  } finally {
    agent.destroy();
    await app?.close();
    await database.close();
  }
  console.log(
    `\nThe scratch database ${SCRATCH} is kept for the next run. Drop it with\n` +
      `  psql '${adminUrl}' -c 'drop database ${SCRATCH}'\n` +
      'or rebuild it with `npm run bench -- registry --fresh`.',
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Why the kept database cannot be reused, or null when it holds a complete city-size registry. */
async function incomplete(adminUrl: string, benchUrl: string, pii: Pii): Promise<string | null> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [SCRATCH]);
    if (!rowCount) return 'not there yet';
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: benchUrl, max: 1 });
  try {
    if (!(await migrationsApplied(wrapPool(pool).db))) {
      // Migrations added since the load are applied to the kept data, as an upgrade would apply them.
      log(`scratch database ${SCRATCH}: applying the migrations added since it was loaded …`);
      await migrateDatabase(wrapPool(pool));
      if (!(await migrationsApplied(wrapPool(pool).db))) return 'schema older than the migrations';
    }
    // The load is one transaction that ends with this audit entry: if it is there, all of it is.
    const { rows } = await pool.query<{ details: { size?: string; residents?: number } }>(
      `select details from audit_log where action = 'demo_city.load' order by id desc limit 1`,
    );
    const details = rows[0]?.details;
    if (details?.size !== 'city' || !details.residents) return 'no complete city-size load in it';
    const { rows: one } = await pool.query<{ id_number_enc: string }>(
      'select id_number_enc from residents where id_number_enc is not null limit 1',
    );
    try {
      pii.decrypt(one[0]?.id_number_enc ?? '');
    } catch {
      return 'written under other PII keys';
    }
    return null;
  } catch (err) {
    return `unreadable (${(err as Error).message})`;
  } finally {
    await pool.end();
  }
}

interface Facts {
  residents: number;
  households: number;
  tags: number;
  floating: number;
  searchIndexMb: number;
}

async function datasetFacts(pool: pg.Pool): Promise<Facts> {
  const { rows } = await pool.query<Record<keyof Facts, string>>(`
    select (select reltuples from pg_class where relname = 'residents')::bigint as residents,
           (select reltuples from pg_class where relname = 'households')::bigint as households,
           (select reltuples from pg_class where relname = 'resident_tags')::bigint as tags,
           (select reltuples from pg_class where relname = 'floating_registrations')::bigint as floating,
           pg_relation_size('residents_search_idx') / 1048576 as "searchIndexMb"`);
  const r = rows[0]!;
  return {
    residents: Number(r.residents),
    households: Number(r.households),
    tags: Number(r.tags),
    floating: Number(r.floating),
    searchIndexMb: Number(r.searchIndexMb),
  };
}

async function streetScope(pool: pg.Pool): Promise<{ name: string; path: string; residents: number }> {
  const { rows } = await pool.query<{ name: string; path: string; n: string }>(
    `select n.name, n.path,
            (select count(*) from residents r where r.org_node_id in
               (select id from org_nodes where path like n.path || '%')) as n
       from accounts a join role_assignments g on g.account_id = a.id and g.revoked_at is null
       join org_nodes n on n.id = g.org_node_id
      where a.username = $1`,
    [LOGIN],
  );
  const r = rows[0];
  if (!r) throw new Error(`no account ${LOGIN} with a role`);
  return { name: r.name, path: r.path, residents: Number(r.n) };
}

interface Sampled {
  id: number;
  name: string;
  idNumber: string;
}

/**
 * A fixed pseudo-random sample of adults the street officer may see (the under-14 rule would hide
 * children from an ID search), the same every run.
 */
async function sampleResidents(pool: pg.Pool, path: string, pii: Pii): Promise<Sampled[]> {
  const { rows } = await pool.query<{ id: number; name: string; id_number_enc: string }>(
    `select r.id, r.name, r.id_number_enc from residents r
      where r.org_node_id in (select id from org_nodes where path like $1 || '%')
        and r.status = 'active' and r.birth_date <= $2::date - interval '18 years'
      order by md5(r.id::text) limit $3`,
    [path, DEMO_TODAY, SAMPLE],
  );
  if (rows.length < SAMPLE) throw new Error(`only ${rows.length} residents in the street's scope`);
  return rows.map((r) => ({ id: r.id, name: r.name, idNumber: pii.decrypt(r.id_number_enc) }));
}

interface Page {
  items: Array<{ id: number }>;
  total: number | null;
}

interface Target {
  label: string;
  queries: string[];
  /** The first query of the kind answers 200 with what it should (a wrong 200 would be cheap). */
  check(client: HttpClient): Promise<void>;
}

const residentsUrl = (q: string) => `/api/registry/residents?q=${encodeURIComponent(q)}`;

function syllables(name: string): string[] {
  return pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true }).map((s) =>
    s.toLowerCase().replace(/[^a-z]/g, ''),
  );
}

function searchTargets(sample: Sampled[]): Target[] {
  const prefixes = sample.map((s) => [...s.name].slice(0, 2).join(''));
  // Surname reading plus the given name's first letter: what someone types for 张伟 → "zhangw".
  const pinyinPrefixes = sample.map((s) => {
    const [surname, given] = syllables(s.name);
    return `${surname}${given?.[0] ?? ''}`;
  });
  const initials = sample.map((s) =>
    syllables(s.name)
      .map((x) => x[0])
      .join(''),
  );
  const expectHit = (label: string, q: string, id: number) => async (client: HttpClient) => {
    const page = await client.json<Page>(residentsUrl(q));
    if (!page.items.length && !page.total)
      throw new Error(`${label} '${q}': no match (resident ${id} should)`);
  };
  return [
    {
      label: 'name prefix (surname + 1 char)',
      queries: prefixes.map(residentsUrl),
      check: expectHit('name prefix', prefixes[0]!, sample[0]!.id),
    },
    {
      label: 'pinyin prefix (e.g. zhangw)',
      queries: pinyinPrefixes.map(residentsUrl),
      check: expectHit('pinyin prefix', pinyinPrefixes[0]!, sample[0]!.id),
    },
    {
      label: 'pinyin initials (e.g. zxm)',
      queries: initials.map(residentsUrl),
      check: expectHit('initials', initials[0]!, sample[0]!.id),
    },
    {
      label: 'exact ID number (18 digits)',
      queries: sample.map((s) => residentsUrl(s.idNumber)),
      check: async (client) => {
        const page = await client.json<Page>(residentsUrl(sample[0]!.idNumber));
        if (page.items.length !== 1 || page.items[0]!.id !== sample[0]!.id) {
          throw new Error(
            `ID search for resident ${sample[0]!.id} gave ${JSON.stringify(page.items.map((i) => i.id))}`,
          );
        }
      },
    },
  ];
}

/** Keep-alive HTTP/1.1 on one socket: one request at a time, as a person at a desk searches. */
class HttpClient {
  private cookie = '';
  constructor(
    private readonly base: string,
    private readonly agent: http.Agent,
  ) {}

  async login(login: string, password: string): Promise<void> {
    const res = await this.request('POST', '/api/auth/login', JSON.stringify({ login, password }));
    if (res.status !== 200) throw new Error(`login as ${login}: HTTP ${res.status} ${res.body}`);
    const sid = res.cookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith('linli_sid='));
    if (!sid) throw new Error('login succeeded without a linli_sid cookie');
    this.cookie = sid;
  }

  async json<T>(path: string): Promise<T> {
    const res = await this.request('GET', path);
    if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${truncate(res.body, 300)}`);
    return JSON.parse(res.body) as T;
  }

  /** The status and the wall time from sending the request to the last byte of the body. */
  timed(path: string): Promise<{ status: number; ms: number; body: string }> {
    const started = performance.now();
    return this.request('GET', path).then((r) => ({
      status: r.status,
      ms: performance.now() - started,
      body: r.body,
    }));
  }

  private request(method: string, path: string, body?: string) {
    return new Promise<{ status: number; body: string; cookies: string[] }>((resolve, reject) => {
      const headers: Record<string, string> = { cookie: this.cookie };
      if (body) headers['content-type'] = 'application/json';
      const req = http.request(`${this.base}${path}`, { method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookies: res.headers['set-cookie'] ?? [],
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

interface Measured {
  label: string;
  search: number[];
  readyz: number[];
  totals: number[];
}

/**
 * Search and /readyz alternate, request by request, for the whole run: both see the same machine at
 * the same moments, so their ratio holds even when the absolute figures move with the load around.
 */
async function measure(client: HttpClient, target: Target, secs: number): Promise<Measured> {
  const out: Measured = { label: target.label, search: [], readyz: [], totals: [] };
  const pair = async (i: number, record: boolean) => {
    const s = await client.timed(target.queries[i % target.queries.length]!);
    if (s.status !== 200) throw new Error(`${target.label}: HTTP ${s.status} ${truncate(s.body, 300)}`);
    const r = await client.timed('/readyz');
    if (r.status !== 200) throw new Error(`/readyz: HTTP ${r.status}`);
    if (!record) return;
    out.search.push(s.ms);
    out.readyz.push(r.ms);
    out.totals.push((JSON.parse(s.body) as Page).total ?? 0);
  };
  const warm = performance.now() + 2_000;
  for (let i = 0; performance.now() < warm; i++) await pair(i, false);
  // At least MIN_REQUESTS pairs, so a slow kind still has a p99 worth the name; never past the cap.
  const started = performance.now();
  const done = () => {
    const elapsed = performance.now() - started;
    return (
      (elapsed >= secs * 1_000 && out.search.length >= MIN_REQUESTS) || elapsed >= secs * 1_000 * MAX_STRETCH
    );
  };
  for (let i = 0; !done(); i++) await pair(i, true);
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Plan {
  label: string;
  statements: Array<{ sql: string; ms: number; plan: string[] }>;
}

/**
 * The SQL one request of each kind sends (recorded from the app's pool), and EXPLAIN ANALYZE of the
 * statements that read the registry; the full plans go to bench/out/registry.explain.txt.
 */
async function explainTargets(
  pool: pg.Pool,
  recorder: ReturnType<typeof installRecorder>,
  client: HttpClient,
  targets: Target[],
): Promise<Plan[]> {
  const plans: Plan[] = [];
  for (const t of targets) {
    const path = t.queries[0]!;
    await client.json(path);
    const queries: CapturedQuery[] = await recorder.record(async () => {
      await client.json(path);
    });
    const statements: Plan['statements'] = [];
    for (const q of queries.filter((x) => /"residents"/.test(x.text))) {
      const text = inline(q);
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`);
      const plan = rows.map((r) => r['QUERY PLAN']);
      const ms = Number(/Execution Time: ([\d.]+)/.exec(plan.at(-1) ?? '')?.[1] ?? Number.NaN);
      statements.push({ sql: text, ms, plan });
    }
    plans.push({ label: `${t.label}: GET ${decodeURIComponent(path)}`, statements });
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, 'registry.explain.txt');
  writeFileSync(
    file,
    plans
      .map((p) =>
        [`## ${p.label}`, ...p.statements.map((s) => `${s.sql}\n\n${s.plan.join('\n')}\n`)].join('\n\n'),
      )
      .join('\n\n'),
  );
  return plans;
}

interface Report {
  opts: RegistryOptions;
  facts: Facts;
  scope: string;
  results: Measured[];
  plans: Plan[];
  postgresVersion: string;
}

function printReport({ opts, facts, scope, results, plans, postgresVersion }: Report): void {
  const n = (x: number) => x.toLocaleString('en-US');
  console.log(
    `\nregistry — ${opts.seconds} s per search kind, one request at a time, as ${LOGIN} (${scope})`,
  );
  console.log(
    `data: ${n(facts.residents)} residents, ${n(facts.households)} households, ${n(facts.tags)} tags, ` +
      `${n(facts.floating)} floating registrations; search index ${n(facts.searchIndexMb)} MB\n`,
  );
  const head = [
    'target',
    'requests',
    'p50 ms',
    'p99 ms',
    'readyz p50',
    'readyz p99',
    'p99 ratio',
    'mean total',
  ];
  const rows = results.map((r) => {
    const ratio = percentile(r.search, 99) / percentile(r.readyz, 99);
    return [
      r.label,
      String(r.search.length),
      percentile(r.search, 50).toFixed(2),
      percentile(r.search, 99).toFixed(2),
      percentile(r.readyz, 50).toFixed(2),
      percentile(r.readyz, 99).toFixed(2),
      `${ratio.toFixed(1)}×${ratio <= TARGET_RATIO ? '' : ' !'}`,
      n(Math.round(r.totals.reduce((a, b) => a + b, 0) / Math.max(1, r.totals.length))),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log([line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  console.log(
    `\np99 ratio = p99(search) / p99(GET /readyz), measured alternately in the same run; target ≤ ${TARGET_RATIO}× ` +
      "('!' marks a miss). mean total = the page's total (all matches in scope).",
  );
  console.log('\nEXPLAIN ANALYZE of the registry statements of one request of each kind (execution time):');
  for (const p of plans) {
    console.log(`  ${p.label}`);
    for (const s of p.statements) {
      const top = s.plan.find((l) => /Scan|Join|Sort|Limit|Aggregate/.test(l))?.trim() ?? '';
      console.log(`    ${s.ms.toFixed(2)} ms  ${truncate(top, 110)}`);
    }
  }
  console.log(`  (plans in full: ${join(OUT_DIR, 'registry.explain.txt')})`);
  console.log('\nmachine:');
  for (const l of machine(postgresVersion)) console.log(`  ${l}`);
}
