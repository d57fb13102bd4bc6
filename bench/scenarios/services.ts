// Hotline provider search (issue 5 §8): GET /api/hotline/providers/match (category + 1,200 m radius)
// over 50,000 providers spread over a city, next to GET /readyz through the same app and socket.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../apps/api/src/app';
import { parsePiiKeys } from '../../apps/api/src/config';
import { createPii } from '../../apps/api/src/core/pii';
import { wrapPool } from '../../apps/api/src/db/client';
import { testConfig } from '../../apps/api/src/test/harness';
import { alternateWithReadyz, percentile } from '../lib/alternate';
import { HttpSession } from '../lib/http-session';
import { machine } from '../lib/report';
import {
  createScratch,
  DEFAULT_ADMIN_URL,
  dropScratch,
  loadCity,
  serverFacts,
  urlFor,
} from '../lib/scratch-db';

const SCRATCH = 'linli_bench_services';
const PROVIDERS = 50_000;
/** About 33 km × 33 km around the first grid: a city's worth of providers, most far from any one point. */
const SPREAD_DEGREES = 0.3;
const CATEGORIES = ['appliance_repair', 'meals', 'housekeeping'] as const;
const key = (label: string) => createHash('sha256').update(`linli-bench-services:${label}`).digest('base64');
const PII_KEYS = parsePiiKeys(`bench:${key('pii')}`, key('index'));
const log = (line: string) => console.log(`· ${line}`);

export async function services(opts: { seconds: number }): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const url = urlFor(adminUrl, SCRATCH);
  const config = testConfig({
    logLevel: 'silent',
    demoMode: true,
    jobsEnabled: false,
    databaseUrl: url,
    pii: PII_KEYS,
  });
  const postgresVersion = await serverFacts(adminUrl);
  await createScratch(adminUrl, SCRATCH);
  await loadCity(url, config, 'tiny', { registry: false });
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  let app: FastifyInstance | undefined;
  try {
    const centre = await seedProviders(pool, createPii(PII_KEYS).encrypt('13800000000'));
    app = await buildApp({ config, database: wrapPool(pool), startWorker: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const session = new HttpSession(`http://127.0.0.1:${address.port}`);
    await session.login('hotline', 'Linli@2026demo');
    console.log(
      '\ntarget                                   found  p50 ms  p99 ms  readyz p50  readyz p99  p99 ratio',
    );
    for (const category of CATEGORIES) {
      const path = `/api/hotline/providers/match?category=${category}&lat=${centre.lat}&lng=${centre.lng}`;
      const found = (await session.json<unknown[]>(path)).length;
      const r = await alternateWithReadyz(session, path, { seconds: opts.seconds });
      const [p50, p99, r50, r99] = [
        percentile(r.endpoint, 50),
        percentile(r.endpoint, 99),
        percentile(r.readyz, 50),
        percentile(r.readyz, 99),
      ];
      console.log(
        `match ${category.padEnd(34)} ${String(found).padStart(5)}  ${p50.toFixed(2).padStart(6)}  ${p99
          .toFixed(2)
          .padStart(
            6,
          )}  ${r50.toFixed(2).padStart(10)}  ${r99.toFixed(2).padStart(10)}  ${(p99 / r99).toFixed(2).padStart(9)}`,
      );
    }
    session.close();
    console.log('\nmachine:');
    for (const l of machine(postgresVersion)) console.log(`  ${l}`);
  } finally {
    await app?.close();
    await pool.end();
    await dropScratch(adminUrl, SCRATCH);
  }
}

/** 50,000 approved providers (one in ten suspended) by INSERT … SELECT, two categories each. */
async function seedProviders(pool: pg.Pool, phoneEnc: string): Promise<{ lat: number; lng: number }> {
  const { rows } = await pool.query<{ lat: number; lng: number }>(`
    select avg(p[2])::float8 as lat, avg(p[1])::float8 as lng from (
      select array[(c->>0)::float8, (c->>1)::float8] as p
      from org_nodes n, jsonb_array_elements(n.boundary->'coordinates'->0) c
      where n.level = 'grid' and n.boundary is not null limit 200) s`);
  const centre = rows[0]!;
  const started = performance.now();
  await pool.query(
    `insert into service_providers (name, type, categories, lat, lng, address, hours, phone_enc, status, status_reason)
     select 'provider ' || g, 'merchant',
       array[(array['meals','recruitment','appliance_repair','home_services','housekeeping','elderly_care','education',
              'plumbing','moving','laundry','hairdressing','nursing','rehabilitation','legal_aid','psychological',
              'childcare','lock_repair','pest_control','errand','medical_escort','water_delivery','recycling'])[1 + g % 22],
             (array['meals','housekeeping','errand'])[1 + g % 3]],
       $1::float8 + (random() - 0.5) * $3::float8, $2::float8 + (random() - 0.5) * $3::float8,
       'address ' || g, '9:00-18:00', $4, case when g % 10 = 0 then 'suspended' else 'approved' end, 'bench'
     from generate_series(1, ${PROVIDERS}) g`,
    [centre.lat, centre.lng, SPREAD_DEGREES, phoneEnc],
  );
  await pool.query('analyze service_providers');
  log(
    `${PROVIDERS.toLocaleString('en-US')} providers written in ${Math.round(performance.now() - started)} ms`,
  );
  return centre;
}
