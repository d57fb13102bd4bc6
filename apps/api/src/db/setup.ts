import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Config } from '../config';
import { createPii } from '../core/pii';
import { loadDemoBills } from '../demo-city/bills-demo';
import { loadDemoCases } from '../demo-city/cases-demo';
import { loadDemoCity } from '../demo-city/load';
import { loadDemoProviders } from '../demo-city/providers-demo';
import { hashPassword } from '../modules/accounts';
import { accounts, roleAssignments } from '../modules/accounts/accounts.schema';
import { recordAudit } from '../modules/audit';
import { seedDefaultCalendar } from '../modules/calendar';
import { scheduleSweep, seedDefaultCategories } from '../modules/cases';
import { orgNodes } from '../modules/org/org.schema';
import { seedDefaultMatters } from '../modules/services';
import type { Database } from './client';
import { migrateDatabase } from './migrate';

export interface SetupResult {
  /** Printed once by the server when an installation gets its first administrator. */
  bootstrapAdminPassword?: string;
}

/**
 * Brings a database to a usable state: schema, default calendar, and either the demo city (demo mode)
 * or, on an empty real installation, the city root and a first administrator. Safe to run again.
 */
export async function setupDatabase(database: Database, config: Config): Promise<SetupResult> {
  await migrateDatabase(database);
  await seedDefaultCalendar(database.db);
  await seedDefaultCategories(database.db);
  await seedDefaultMatters(database.db);
  await scheduleSweep(database.db);
  const pii = createPii(config.pii);
  if (config.demoMode) {
    await loadDemoCity(database.db, {
      size: config.demoSize === 'tiny' ? 'tiny' : 'demo',
      seed: 20261121,
      demoMode: true,
      pii,
      kind: database.kind,
    });
    await loadDemoCases(database.db, config);
    await loadDemoProviders(database.db, pii);
    await loadDemoBills(database.db);
    return {};
  }
  const [{ n }] = (await database.db.select({ n: count() }).from(accounts)) as [{ n: number }];
  if (Number(n) > 0) return {};
  return bootstrapInstallation(database, config);
}

async function bootstrapInstallation(database: Database, config: Config): Promise<SetupResult> {
  const password = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  await database.db.transaction(async (tx) => {
    let [city] = await tx.select().from(orgNodes).where(eq(orgNodes.level, 'city')).limit(1);
    if (!city) {
      [city] = await tx
        .insert(orgNodes)
        .values({ level: 'city', code: config.cityCode, name: config.cityName, path: '' })
        .returning();
      await tx
        .update(orgNodes)
        .set({ path: `/${city!.id}/` })
        .where(eq(orgNodes.id, city!.id));
    }
    const [admin] = await tx
      .insert(accounts)
      .values({
        kind: 'staff',
        username: 'admin',
        displayName: '系统管理员',
        passwordHash,
        mustChangePassword: true,
      })
      .returning();
    await tx.insert(roleAssignments).values({ accountId: admin!.id, role: 'admin', orgNodeId: city!.id });
    await recordAudit(tx, {
      actor: null,
      action: 'setup.bootstrap',
      recordType: 'account',
      recordId: admin!.id,
      details: { cityId: city!.id },
    });
  });
  return { bootstrapAdminPassword: password };
}
