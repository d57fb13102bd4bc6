import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parsePiiKeys } from '../config';
import { createPii } from '../core/pii';
import { type Db, wrapPool } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import * as schema from '../db/schema';
import { planCity } from './city-plan';
import { loadDemoCity } from './load';

const url = process.env.TEST_DATABASE_URL;

/** The COPY path needs a real server; it runs when TEST_DATABASE_URL is set (as in CI), else it is skipped. */
describe.skipIf(!url)('loadDemoCity with COPY on PostgreSQL', () => {
  it('streams the city size inside one transaction and reads back exactly the plan', async () => {
    const name = `linli_democity_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: target.toString(), max: 2 });
    try {
      await migrateDatabase(wrapPool(pool));
      const client = await pool.connect();
      const pii = createPii(
        parsePiiKeys(`t1:${randomBytes(32).toString('base64')}`, randomBytes(32).toString('base64')),
      );
      try {
        const db = drizzle({ client, schema }) as unknown as Db;
        const opts = {
          size: 'city',
          seed: 1,
          demoMode: true,
          pii,
          kind: 'postgres',
          copyClient: client,
          // The org tree only: 3 million residents are the registry bench's job, not a unit test's.
          registry: false,
        } as const;
        const result = await loadDemoCity(db, opts);
        const plan = planCity('city', 1);
        expect(result).toMatchObject({ nodes: plan.nodes.length, skipped: false });
        const { rows } = await client.query(
          'select id, parent_id, level, code, name, path, community_type, department_type, households, ' +
            'permanent_population, floating_population, boundary from org_nodes order by id',
        );
        expect(rows.map(fromRow)).toEqual(plan.nodes);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  });
});

const fromRow = (r: Record<string, unknown>) => ({
  id: r.id,
  parentId: r.parent_id,
  path: r.path,
  households: r.households,
  permanentPopulation: r.permanent_population,
  floatingPopulation: r.floating_population,
  level: r.level,
  code: r.code,
  name: r.name,
  communityType: r.community_type,
  departmentType: r.department_type,
  boundary: r.boundary,
});
