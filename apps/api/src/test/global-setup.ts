import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, wrapPglite, wrapPool } from '../db/client';
import { migrateDatabase } from '../db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

/**
 * Migrates once into a template that every test file clones (PGlite: a dumped data directory;
 * PostgreSQL with TEST_DATABASE_URL: a template database), instead of migrating per file.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'linli-test-'));
  const lite = await openPglite(undefined);
  await migrateDatabase(wrapPglite(lite));
  const dump = await lite.dumpDataDir('none');
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await lite.close();
  project.provide('pgliteTemplate', file);

  const url = process.env.TEST_DATABASE_URL;
  let dropTemplate = async () => {};
  if (url) {
    const name = `linli_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const pool = new pg.Pool({ connectionString: withDatabase(url, name), max: 2 });
    await migrateDatabase(wrapPool(pool));
    await pool.end();
    project.provide('pgTemplate', name);
    dropTemplate = async () => {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    };
  } else {
    project.provide('pgTemplate', '');
  }
  return async () => {
    await dropTemplate();
    rmSync(dir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
