import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { loadConfig } from './config';
import { createPii } from './core/pii';
import { DataDirLockedError, lockDataDir, openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import type { SetupResult } from './db/setup';
import { seededAccounts } from './demo-city/demo-accounts';
import { scheduleRekeyIfNeeded } from './modules/pii-rekey';

const config = loadConfig();

/** First start on PGlite: set up in a child process so the server never carries initdb's memory. */
function setupInChildIfNeeded(): SetupResult {
  const marker = join(config.dataDir, 'setup-complete');
  if (config.databaseUrl || existsSync(marker)) return {};
  // Refuse early, before the child does any work, if another server holds the directory.
  lockDataDir(config.dataDir)();
  console.log(`Linli: preparing ${config.dataDir} (schema and demo city) …`);
  const resultFile = join(config.dataDir, 'setup-result.json');
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./db/setup-cli.ts', import.meta.url)), resultFile],
    {
      stdio: 'inherit',
      env: process.env,
    },
  );
  if (child.status !== 0) throw new Error('Linli: setting up the data directory failed (see above)');
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as SetupResult;
  rmSync(resultFile, { force: true });
  writeFileSync(marker, new Date().toISOString());
  return result;
}

async function main() {
  const setup = setupInChildIfNeeded();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let result = setup;
  if (database.kind === 'postgres') {
    const { setupDatabase } = await import('./db/setup');
    result = await setupDatabase(database, config);
  } else {
    await migrateDatabase(database);
  }
  await scheduleRekeyIfNeeded(database.db, createPii(config.pii));
  const app = await buildApp({ config, database });
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  console.log(`\n  邻里 Linli is running: ${url}   (API docs: ${url}/api/docs)`);
  console.log(`  Database: ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}`);
  if (config.demoMode) {
    const accounts = await seededAccounts(database.db, createPii(config.pii));
    console.log('\n  Demo accounts (password for all: %s):', accounts[0]?.password ?? '-');
    for (const a of accounts)
      console.log(`    ${a.role.padEnd(18)} ${a.login.padEnd(16)} ${a.displayName} · ${a.orgNodeName}`);
    console.log('');
  }
  if (result.bootstrapAdminPassword) {
    console.log(
      `\n  First administrator: admin / ${result.bootstrapAdminPassword}  (change it at first login)\n`,
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof DataDirLockedError) {
    console.error(`\nLinli cannot start: ${err.message}\n`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
