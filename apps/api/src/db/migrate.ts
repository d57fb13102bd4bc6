import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migrateLite } from 'drizzle-orm/pglite/migrator';
import { type Database, type Db, rowsOf } from './client';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Applies the committed SQL migrations (apps/api/drizzle), the same files on both drivers. */
export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === 'pglite') await migrateLite(database.db as unknown as PgliteDatabase, config);
  else await migratePg(database.db as unknown as NodePgDatabase, config);
}

/** True when every committed migration has been applied (for /readyz). */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).length;
  try {
    const res = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return Number(rowsOf<{ n: number }>(res)[0]?.n ?? 0) >= expected;
  } catch {
    return false;
  }
}
