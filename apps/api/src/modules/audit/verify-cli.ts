// `npm run audit:verify`: walks the audit hash chain of the configured database and reports the first
// broken link. Exit status 0 = intact, 1 = broken, 2 = could not open the database.
import { loadConfig } from '../../config';
import { DataDirLockedError, openDatabase } from '../../db/client';
import { verifyAuditChain } from './audit.service';

const config = loadConfig();
let database: Awaited<ReturnType<typeof openDatabase>>;
try {
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(`${err.message}\n(or use GET /api/admin/audit/verify on the running server)`);
    process.exit(2);
  }
  throw err;
}
try {
  const report = await verifyAuditChain(database.db);
  if (report.ok) {
    console.log(`audit chain intact: ${report.checked} entries checked`);
  } else {
    console.error(
      `audit chain BROKEN at entry ${report.firstBrokenId} (${report.problem}); ${report.checked} entries before it are intact`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
