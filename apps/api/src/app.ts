import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import { installErrorHandler, installRequestContext, sendNotFound } from './core/http';
import { installMetrics } from './core/metrics';
import { createPii } from './core/pii';
import type { Database } from './db/client';
import { migrationsApplied } from './db/migrate';
import { accountsModule, actorResolver, SESSION_COOKIE } from './modules/accounts';
import { auditModule } from './modules/audit';
import { billsModule } from './modules/bills';
import { calendarModule } from './modules/calendar';
import { casesJobHandlers, casesModule, schedulePhotoSweep } from './modules/cases';
import { hotlineModule } from './modules/hotline';
import { jobsModule, startJobWorker } from './modules/jobs';
import { noticesModule } from './modules/notices';
import { open311Module } from './modules/open311';
import { orgModule } from './modules/org';
import { piiJobHandlers } from './modules/pii-rekey';
import { registryJobHandlers, registryModule } from './modules/registry';
import { scheduleApplicationSweep, servicesJobHandlers, servicesModule } from './modules/services';

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

// Personal data never reaches a log line: bodies are not logged, and these headers are redacted.
const LOG_REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'];

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Tests leave the worker off and drive jobs themselves. */
  startWorker?: boolean;
}

export async function buildApp({
  config,
  database,
  startWorker = config.jobsEnabled,
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: LOG_REDACT },
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1_048_576,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON is accepted: a cross-site form can post text/plain, so that parser is removed (CSRF).
  app.removeContentTypeParser(['text/plain']);
  installErrorHandler(app);
  await app.register(fastifyCookie);

  const pii = createPii(config.pii);
  installRequestContext(
    app,
    { db: database.db, config, pii },
    actorResolver(database.db, config),
    SESSION_COOKIE,
  );

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Linli API', version: '0.1.0', description: '邻里 community governance platform' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installMetrics(app);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await database.db
      .execute(sql`select 1`)
      .then(() => migrationsApplied(database.db))
      .catch(() => false);
    return reply.status(ok ? 200 : 503).send({ ok });
  });

  await app.register(accountsModule);
  await app.register(orgModule);
  await app.register(auditModule);
  await app.register(calendarModule);
  await app.register(jobsModule);
  await app.register(registryModule);
  await app.register(casesModule);
  await app.register(servicesModule);
  await app.register(hotlineModule);
  await app.register(billsModule);
  await app.register(noticesModule);
  await app.register(open311Module);

  if (existsSync(WEB_DIST)) await serveWebApp(app);
  else app.setNotFoundHandler(sendNotFound);

  if (startWorker) {
    const handlers = {
      ...piiJobHandlers(pii),
      ...registryJobHandlers(pii, config),
      ...casesJobHandlers(config.dataDir),
      ...servicesJobHandlers(),
    };
    // Scheduled here rather than at setup, so an installation set up before the sweep existed gets it too.
    await scheduleApplicationSweep(database.db);
    await schedulePhotoSweep(database.db);
    const stop = startJobWorker(database.db, handlers, app.log, { exclusive: database.kind === 'pglite' });
    app.addHook('onClose', stop);
  }
  return app;
}

/**
 * The built single-page app. Files are looked up per request (a rebuild needs no restart); a GET for
 * an unknown non-API path gets index.html so client routes deep-link; /api/ misses stay JSON 404s.
 */
async function serveWebApp(app: FastifyInstance) {
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return sendNotFound(req, reply);
  });
}
