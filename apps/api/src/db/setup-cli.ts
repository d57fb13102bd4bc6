// Run by main.ts in a child process on first start: PGlite's initdb leaves ~800 MB resident in the
// process that ran it, so the server itself only ever opens an initialised directory.
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config';
import { openDatabase } from './client';
import { setupDatabase } from './setup';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await setupDatabase(database, config);
  if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(result));
} finally {
  await database.close();
}
