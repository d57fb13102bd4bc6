// Registry import throughput: a CSV of N generated residents (default 1,000,000) uploaded, validated
// and committed through the real API and its background jobs, next to a raw COPY of the very rows the
// import stored; the server runs in a child process of its own, whose resident memory is sampled all
// along. Called from the `registry`
// scenario (bench/scenarios/registry.ts), or alone:
//   node --import tsx bench/scenarios/registry-import.ts [--rows 100000]
import { type ChildProcess, execFile, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { buildApp } from '../../apps/api/src/app';
import { type Config, parsePiiKeys } from '../../apps/api/src/config';
import { wrapPool } from '../../apps/api/src/db/client';
import { DEMO_PASSWORD } from '../../apps/api/src/demo-city/demo-accounts';
import { createIdAllocator, generateHousehold } from '../../apps/api/src/demo-city/people';
import { createRng } from '../../apps/api/src/demo-city/rng';
import { testConfig } from '../../apps/api/src/test/harness';
import { machine } from '../lib/report';
import {
  createScratch,
  DEFAULT_ADMIN_URL,
  dropScratch,
  loadCity,
  serverFacts,
  urlFor,
} from '../lib/scratch-db';

const SCRATCH = 'linli_bench_import';
const LOGIN = 'worker';
const RSS_LIMIT_MB = 600;
const TARGET_RATIO = 0.25;
const THIS_FILE = fileURLToPath(import.meta.url);

const log = (line: string) => console.log(`· ${line}`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export interface ImportBenchOptions {
  rows: number;
}

export interface ImportBenchResult {
  rows: number;
  fileMb: number;
  uploadMs: number;
  validateMs: number;
  commitMs: number;
  copyMs: number;
  baseRssMb: number;
  peakRssMb: { upload: number; validate: number; commit: number };
}

// ------------------------------------------------------------------ the CSV (in a child process)

const RELATION: Record<string, string> = { head: '户主', spouse: '配偶', child: '子女', parent: '父母' };

/** Writes `rows` generated people as the CSV a community would upload (households by 户号). */
async function generateCsv(file: string, rows: number): Promise<void> {
  const rng = createRng(20261122);
  const ids = createIdAllocator();
  const out = createWriteStream(file);
  out.write('姓名,性别,出生日期,身份证号,手机号,民族,户号,与户主关系\n');
  let written = 0;
  let household = 0;
  while (written < rows) {
    household++;
    const regionCode = `3299${String(1 + (household % 9)).padStart(2, '0')}`;
    let chunk = '';
    for (const p of generateHousehold(rng, { regionCode, ids }).members) {
      if (written >= rows) break;
      chunk += `${p.name},${p.gender === 'male' ? '男' : '女'},${p.birthDate},${p.idNumber},${p.mobile ?? ''},${p.ethnicity},H${household},${RELATION[p.relation] ?? '其他'}\n`;
      written++;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

// ------------------------------------------------------------------ the server, in its own process

/** What the server process needs to build the same app as the bench expects. */
interface ServeSpec {
  url: string;
  dataDir: string;
  piiSpec: string;
  indexKey: string;
}

const SERVE_ENV = 'LINLI_BENCH_IMPORT_SERVE';

function configFor(spec: ServeSpec): Config {
  return testConfig({
    logLevel: 'silent',
    demoMode: true,
    demoSize: 'tiny',
    jobsEnabled: true,
    databaseUrl: spec.url,
    dataDir: spec.dataDir,
    pii: parsePiiKeys(spec.piiSpec, spec.indexKey),
  });
}

type ServerMessage = { port?: number; rss: number };

/**
 * The child: the real app with its job worker (pg pool 10) on a random 127.0.0.1 port, reporting the
 * port once and its VmRSS every 200 ms, until told to stop. The server's memory is then the server's
 * own, not the load generator's or what an earlier scenario in the bench process left behind.
 */
async function serve(spec: ServeSpec): Promise<void> {
  const database = wrapPool(new pg.Pool({ connectionString: spec.url, max: 10 }));
  const app = await buildApp({ config: configFor(spec), database, startWorker: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const send = (m: ServerMessage) => process.send?.(m);
  send({ port: address.port, rss: process.memoryUsage.rss() });
  const timer = setInterval(() => send({ rss: process.memoryUsage.rss() }), 200);
  const stop = async () => {
    clearInterval(timer);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void stop();
  });
  process.on('disconnect', () => process.exit(1));
}

/** The server's VmRSS as it reports it, peak per phase. */
class RssSampler {
  private peak = 0;
  private last = 0;
  constructor(child: ChildProcess) {
    child.on('message', (m: ServerMessage) => {
      this.last = m.rss;
      this.peak = Math.max(this.peak, m.rss);
    });
  }
  /** The peak since the last call (at least the latest report). */
  take(): number {
    const p = Math.max(this.peak, this.last);
    this.peak = 0;
    return mb(p);
  }
}

async function startServer(spec: ServeSpec): Promise<{ child: ChildProcess; port: number; rss: RssSampler }> {
  const child = fork(THIS_FILE, ['--serve'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [SERVE_ENV]: JSON.stringify(spec) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const rss = new RssSampler(child);
  const port = await new Promise<number>((resolve, reject) => {
    const onMessage = (m: ServerMessage) => {
      if (m.port) resolve(m.port);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before listening`)));
  });
  return { child, port, rss };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.send('stop');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill();
}

// ------------------------------------------------------------------ the API

interface Session {
  base: string;
  cookie: string;
  csrf: string;
}

async function login(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: LOGIN, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login as ${LOGIN}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('linli_sid='))!;
  return { base, cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

type ImportState = {
  id: number;
  status: string;
  rows: number | null;
  processed: number;
  errorCount: number;
  problem: string | null;
};

async function call(s: Session, method: string, path: string, init: RequestInit = {}): Promise<ImportState> {
  const res = await fetch(`${s.base}${path}`, {
    method,
    ...init,
    headers: {
      cookie: s.cookie,
      ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }),
      ...(init.body === undefined && method !== 'GET' ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string>),
    },
    ...(init.body === undefined && method !== 'GET' ? { body: '{}' } : {}),
  } as RequestInit);
  const body = (await res.json()) as ImportState;
  if (res.status !== 200) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function waitFor(s: Session, id: number, status: string, label: string): Promise<ImportState> {
  let last = '';
  for (;;) {
    const state = await call(s, 'GET', `/api/registry/imports/${id}`);
    if (state.status === status) return state;
    if (state.status === 'failed' || state.problem)
      throw new Error(`import ${label}: ${state.status} ${state.problem ?? ''} (${state.errorCount} errors)`);
    const line = `${label}: ${state.processed.toLocaleString('en-US')} rows`;
    if (line !== last && state.processed > 0) process.stdout.write(`\r· ${line}   `);
    last = line;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

// ------------------------------------------------------------------ raw COPY of the stored rows

const RESIDENT_COLUMNS =
  'org_node_id, district_id, household_id, relation, house_id, name, search_terms, gender, birth_date, ' +
  'id_doc_type, id_number_enc, id_number_index, id_number_masked, phone_enc, phone_index, phone_masked, ' +
  'ethnicity, education, political_status, marital_status, employment_status, hukou_address, ' +
  'actual_address, moved_in_on, residence_type';

/**
 * The baseline: the residents the import stored, dumped with COPY TO, the table emptied (households
 * stay, so the foreign keys are checked as in the import), then COPY FROM of exactly those rows in one
 * transaction, timed. Same table, same indexes, same data — minus everything the import does in Node.
 */
async function copyBaseline(url: string, dir: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const dump = join(dir, 'residents.copy');
    // The table held nothing before the import: every row in it is one the import wrote.
    await pipeline(
      client.query(copyTo(`COPY (select ${RESIDENT_COLUMNS} from residents order by id) TO STDOUT`)),
      createWriteStream(dump),
    );
    await client.query('truncate residents cascade');
    await client.query('checkpoint');
    const started = performance.now();
    await client.query('begin');
    await pipeline(
      createReadStream(dump),
      client.query(copyFrom(`COPY residents (${RESIDENT_COLUMNS}) FROM STDIN`)),
    );
    await client.query('commit');
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------ the run

export async function registryImport(opts: ImportBenchOptions): Promise<ImportBenchResult> {
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const url = urlFor(adminUrl, SCRATCH);
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-import-'));
  const spec: ServeSpec = {
    url,
    dataDir: dir,
    piiSpec: `bench:${randomBytes(32).toString('base64')}`,
    indexKey: randomBytes(32).toString('base64'),
  };
  const config = configFor(spec);
  const csv = join(dir, 'residents.csv');
  try {
    log(
      `generating ${opts.rows.toLocaleString('en-US')} residents into a CSV (demo-city people generator) …`,
    );
    let started = performance.now();
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', THIS_FILE, '--generate', csv, String(opts.rows)],
      {
        maxBuffer: 1024 * 1024,
      },
    );
    const fileMb = mb(statSync(csv).size);
    log(`CSV: ${fileMb} MB in ${seconds(performance.now() - started)} s`);

    await createScratch(adminUrl, SCRATCH);
    await loadCity(url, config, 'tiny');
    // The import and the COPY both start from an empty residents table.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('truncate residents, households cascade');
    await admin.query('vacuum analyze');
    const grid = (
      await admin.query<{ id: number }>(
        `select n.id from org_nodes n where n.level = 'grid' and n.parent_id = (select ra.org_node_id
           from role_assignments ra join accounts a on a.id = ra.account_id where a.username = $1 limit 1)
         order by n.id limit 1`,
        [LOGIN],
      )
    ).rows[0]!.id;
    await admin.end();

    const { child, port, rss } = await startServer(spec);
    let result: ImportBenchResult;
    try {
      const session = await login(`http://127.0.0.1:${port}`);
      const baseRssMb = rss.take();
      log(
        `app up in its own process (job worker on, pg pool 10), logged in as ${LOGIN}; ` +
          `server RSS ${baseRssMb} MB before the import`,
      );

      started = performance.now();
      const uploaded = await call(session, 'POST', `/api/registry/imports?nodeId=${grid}`, {
        body: createReadStream(csv) as unknown as RequestInit['body'],
        duplex: 'half',
        headers: { 'content-type': 'text/csv', 'x-file-name': 'residents.csv' },
      } as RequestInit);
      const uploadMs = performance.now() - started;
      const peakUpload = rss.take();
      log(`upload: ${seconds(uploadMs)} s (streamed to disk, encrypted); peak RSS ${peakUpload} MB`);

      started = performance.now();
      await call(session, 'POST', `/api/registry/imports/${uploaded.id}/validate`);
      const checked = await waitFor(session, uploaded.id, 'validated', 'validate');
      const validateMs = performance.now() - started;
      const peakValidate = rss.take();
      console.log();
      if (checked.errorCount > 0) throw new Error(`validation found ${checked.errorCount} problems`);
      log(
        `validate: ${checked.rows?.toLocaleString('en-US')} rows, 0 problems, ${seconds(validateMs)} s; peak RSS ${peakValidate} MB`,
      );

      started = performance.now();
      await call(session, 'POST', `/api/registry/imports/${uploaded.id}/commit`);
      await waitFor(session, uploaded.id, 'committed', 'commit');
      const commitMs = performance.now() - started;
      const peakCommit = rss.take();
      console.log();
      log(`commit: ${seconds(commitMs)} s (one transaction); peak RSS ${peakCommit} MB`);
      result = {
        rows: opts.rows,
        fileMb,
        uploadMs,
        validateMs,
        commitMs,
        copyMs: 0,
        baseRssMb,
        peakRssMb: { upload: peakUpload, validate: peakValidate, commit: peakCommit },
      };
    } finally {
      await stopServer(child);
    }
    log('raw COPY of the same rows into the emptied residents table …');
    result.copyMs = await copyBaseline(url, dir);
    printImportReport(result, await serverFacts(adminUrl));
    return result;
  } finally {
    await dropScratch(adminUrl, SCRATCH).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printImportReport(r: ImportBenchResult, postgresVersion: string): void {
  const rate = (ms: number) => Math.round(r.rows / (ms / 1000));
  const copy = rate(r.copyMs);
  const commit = rate(r.commitMs);
  const whole = rate(r.uploadMs + r.validateMs + r.commitMs);
  const peak = Math.max(r.peakRssMb.upload, r.peakRssMb.validate, r.peakRssMb.commit);
  const lines = [
    '',
    `registry import — ${r.rows.toLocaleString('en-US')} rows, ${r.fileMb} MB CSV`,
    '',
    'step                                   seconds     rows/s',
    '-------------------------------------  -------  ---------',
    `upload (stream to disk, encrypted)     ${seconds(r.uploadMs).padStart(7)}  ${'—'.padStart(9)}`,
    `validate (background job)              ${seconds(r.validateMs).padStart(7)}  ${rate(r.validateMs).toLocaleString('en-US').padStart(9)}`,
    `commit (background job, 1 transaction) ${seconds(r.commitMs).padStart(7)}  ${commit.toLocaleString('en-US').padStart(9)}`,
    `whole import (upload+validate+commit)  ${seconds(r.uploadMs + r.validateMs + r.commitMs).padStart(7)}  ${whole.toLocaleString('en-US').padStart(9)}`,
    `raw COPY of the stored rows            ${seconds(r.copyMs).padStart(7)}  ${copy.toLocaleString('en-US').padStart(9)}`,
    '',
    // The target is the whole import (what a person waits for from upload to committed), not its commit.
    `whole import / raw COPY                  ${(whole / copy).toFixed(3)}  (target ≥ ${TARGET_RATIO}${whole / copy >= TARGET_RATIO ? ', met' : ', NOT met'})`,
    `commit / raw COPY                        ${(commit / copy).toFixed(3)}`,
    `server RSS: ${r.baseRssMb} MB before; peak ${r.peakRssMb.upload} MB upload, ${r.peakRssMb.validate} MB validate, ${r.peakRssMb.commit} MB commit (limit ${RSS_LIMIT_MB} MB${peak < RSS_LIMIT_MB ? ', met' : ', NOT met'})`,
    '',
    'machine:',
    ...machine(postgresVersion).map((l) => `  ${l}`),
  ];
  console.log(lines.join('\n'));
}

// ------------------------------------------------------------------ standalone

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const { values } = parseArgs({
    options: { rows: { type: 'string' }, generate: { type: 'string' }, serve: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.serve) {
    await serve(JSON.parse(process.env[SERVE_ENV] ?? '{}') as ServeSpec);
  } else if (values.generate) {
    await generateCsv(values.generate, Number(process.argv.at(-1)));
  } else {
    await registryImport({ rows: Number(values.rows ?? 1_000_000) });
  }
}
