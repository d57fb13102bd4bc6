import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePiiKeys } from '../config';
import { createPii } from '../core/pii';
import { type Database, openPglite, wrapPglite } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { accounts, roleAssignments } from '../modules/accounts/accounts.schema';
import { auditLog } from '../modules/audit/audit.schema';
import { orgNodes } from '../modules/org/org.schema';
import { demoAccountsTable } from './accounts-table';
import { CITY_CODE, planCity } from './city-plan';
import { DEMO_PASSWORD } from './demo-accounts';
import { type LoadOptions, loadDemoCity } from './load';

const pii = createPii(
  parsePiiKeys(`t1:${randomBytes(32).toString('base64')}`, randomBytes(32).toString('base64')),
);
const options: LoadOptions = { size: 'tiny', seed: 20261121, demoMode: true, pii, kind: 'pglite' };

async function freshDb(): Promise<Database> {
  const database = wrapPglite(await openPglite(undefined));
  await migrateDatabase(database);
  return database;
}

describe('loadDemoCity', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDb();
  });
  afterAll(() => database.close());

  it('writes the tiny city with consistent paths, and one account per role', async () => {
    const result = await loadDemoCity(database.db, options);
    const plan = planCity('tiny');
    expect(result).toMatchObject({ nodes: plan.nodes.length, skipped: false });
    const rows = await database.db.select().from(orgNodes).orderBy(asc(orgNodes.id));
    expect(rows).toHaveLength(plan.nodes.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const row of rows) {
      const parentPath = row.parentId === null ? '/' : byId.get(row.parentId)!.path;
      expect(row.path).toBe(`${parentPath}${row.id}/`);
    }
    expect(rows.filter((r) => r.level === 'grid')).toHaveLength(8);
    expect(rows[0]).toMatchObject({ code: CITY_CODE, households: plan.nodes[0]!.households });

    const logins = result.accounts.map((a) => a.login);
    expect(logins).toEqual([
      'admin',
      'civil.city',
      'civil.district',
      'street',
      'street2',
      'leader',
      'worker',
      'grid',
      'grid2',
      'dept',
      'civil.dept',
      'hotline',
      'provider',
      'social',
      'party',
      'open311',
      '13800138000',
    ]);
    expect(result.accounts.find((a) => a.login === 'dept')?.orgNodeName).toBe('临江区城管局');
  });

  it('stores seeded accounts with the shared hash, roles on allowed levels, and the resident by blind index', async () => {
    const rows = await database.db
      .select({ a: accounts, role: roleAssignments.role, level: orgNodes.level })
      .from(accounts)
      .innerJoin(roleAssignments, eq(roleAssignments.accountId, accounts.id))
      .innerJoin(orgNodes, eq(orgNodes.id, roleAssignments.orgNodeId));
    expect(rows).toHaveLength(17);
    expect(rows.every((r) => r.a.seeded && r.a.mustChangePassword)).toBe(true);
    expect(new Set(rows.map((r) => r.a.passwordHash)).size).toBe(1);
    expect(await verify(rows[0]!.a.passwordHash, DEMO_PASSWORD)).toBe(true);
    const { ROLES } = await import('@linli/contract');
    for (const r of rows)
      expect(ROLES[r.role as keyof typeof ROLES].levels as readonly string[]).toContain(r.level);
    const resident = rows.find((r) => r.a.kind === 'resident')!;
    expect(resident.a).toMatchObject({ username: null, mobileIndex: pii.blindIndex('13800138000') });
    expect(pii.decrypt(resident.a.mobileEnc!)).toBe('13800138000');
  });

  it('records one audit entry and moves the id sequence past the tree', async () => {
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.action, 'demo_city.load'));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ size: 'tiny', seed: 20261121, nodes: 36, accounts: 17 });
    const next = (await database.db.execute(
      sql`select nextval(pg_get_serial_sequence('org_nodes', 'id')) as n`,
    )) as {
      rows: Array<{ n: number }>;
    };
    expect(Number(next.rows[0]?.n)).toBe(37);
  });

  it('is idempotent: a second load writes nothing and reports the existing accounts', async () => {
    const again = await loadDemoCity(database.db, { ...options, size: 'demo' });
    expect(again).toMatchObject({ skipped: true, nodes: 36 });
    expect(again.accounts.map((a) => a.login)).toContain('13800138000');
    expect(again.accounts).toHaveLength(17);
    expect(await demoAccountsTable(database.db)).toContain('临江区城管局');
  });
});

describe('loadDemoCity on a bootstrapped installation', () => {
  it('grows the tree under an existing bare city root and keeps an existing admin', async () => {
    const database = await freshDb();
    try {
      const db = database.db;
      const [root] = await db
        .insert(orgNodes)
        .values({ level: 'city', code: CITY_CODE, name: '江川市', path: '' })
        .returning();
      await db
        .update(orgNodes)
        .set({ path: `/${root!.id}/` })
        .where(eq(orgNodes.id, root!.id));
      await db
        .insert(orgNodes)
        .values({ level: 'city', code: '320100000000', name: '别的市', path: '/2/', id: 2 });
      await db
        .insert(accounts)
        .values({ kind: 'staff', username: 'admin', displayName: 'x', passwordHash: 'x' });
      const result = await loadDemoCity(db, options);
      expect(result.accounts.map((a) => a.login)).not.toContain('admin');
      const rows = await db.select().from(orgNodes).orderBy(asc(orgNodes.id));
      expect(rows).toHaveLength(planCity('tiny').nodes.length + 1);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const row of rows.filter((r) => r.parentId !== null)) {
        expect(row.path).toBe(`${byId.get(row.parentId!)!.path}${row.id}/`);
        expect(row.path.startsWith('/1/')).toBe(true);
      }
      expect(byId.get(1)!.households).toBe(planCity('tiny').nodes[0]!.households);
    } finally {
      await database.close();
    }
  });
});
