import { buildApp } from '/work/main/apps/api/src/app';
import { loadConfig } from '/work/main/apps/api/src/config';
import { openDatabase } from '/work/main/apps/api/src/db/client';

const config = {
  ...loadConfig({ ...process.env, LOG_LEVEL: 'silent', LINLI_DATA_DIR: '/tmp/profdata' }),
  jobsEnabled: false,
};
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: config.dataDir });
const app = await buildApp({ config, database, startWorker: false });
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { login: 'street', password: 'Linli@2026demo' },
});
const cookie = `linli_sid=${login.cookies.find((c) => c.name === 'linli_sid')!.value}`;
for (const url of (
  process.env.URLS ?? '/healthz,/api/auth/me,/api/org/roots,/api/org/search?level=grid&limit=50'
).split(',')) {
  for (let i = 0; i < 50; i++) await app.inject({ method: 'GET', url, headers: { cookie } });
  const n = Number(process.env.N ?? 300);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let i = 0; i < n / 10; i++) await app.inject({ method: 'GET', url, headers: { cookie } });
    }),
  );
  console.log(url, ((performance.now() - t0) / n).toFixed(2), 'ms/req (10 concurrent)');
}
await app.close();
await database.close();
