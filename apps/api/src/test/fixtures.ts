import type { Role } from '@linli/contract';
import type { Config } from '../config';
import { loadDemoCity } from '../demo-city/load';
import { seedDefaultCategories } from '../modules/cases';
import { seedDefaultMatters } from '../modules/services';
import { Client, type TestApp, testApp } from './harness';

export const DEMO_PASSWORD = 'Linli@2026demo';

export interface SeededApp extends TestApp {
  /** A client logged in as one of the tiny demo city's accounts (by login name). */
  as(login: string): Promise<Client>;
  client(): Client;
  nodeId(code: string): Promise<number>;
  /** A staff account with one role on `orgNodeId`, ready to log in with DEMO_PASSWORD. */
  addStaff(login: string, role: Role, orgNodeId: number): Promise<void>;
}

/** A fresh database with the tiny demo city: its tree and one account per role. */
export async function seededApp(overrides: Partial<Config> = {}): Promise<SeededApp> {
  const t = await testApp(overrides);
  await loadDemoCity(t.database.db, {
    size: 'tiny',
    seed: 1,
    demoMode: t.config.demoMode,
    pii: t.pii,
    kind: t.database.kind,
  });
  await seedDefaultCategories(t.database.db);
  await seedDefaultMatters(t.database.db);
  return {
    ...t,
    client: () => new Client(t.app),
    async as(login) {
      const c = new Client(t.app);
      const res = await c.login(login, DEMO_PASSWORD);
      if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.body}`);
      return c;
    },
    async addStaff(login, role, orgNodeId) {
      const { hashPassword } = await import('../modules/accounts');
      const { accounts, roleAssignments } = await import('../modules/accounts/accounts.schema');
      const [account] = await t.database.db
        .insert(accounts)
        .values({
          kind: 'staff',
          username: login,
          displayName: login,
          passwordHash: await hashPassword(DEMO_PASSWORD),
          mustChangePassword: false,
        })
        .returning();
      await t.database.db.insert(roleAssignments).values({ accountId: account!.id, role, orgNodeId });
    },
    async nodeId(code) {
      const { rowsOf } = await import('../db/client');
      const { sql } = await import('drizzle-orm');
      const rows = rowsOf<{ id: number }>(
        await t.database.db.execute(sql`select id from org_nodes where code = ${code}`),
      );
      if (!rows[0]) throw new Error(`no node ${code}`);
      return rows[0].id;
    },
  };
}
