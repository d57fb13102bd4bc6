import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { type Config, parsePiiKeys } from '../config';
import { createPii, type Pii } from '../core/pii';
import { type Database, PGLITE_START_PARAMS, wrapPglite, wrapPool } from '../db/client';
import { withDatabase } from './global-setup';

/** A fresh database cloned from the migrated template: PostgreSQL when TEST_DATABASE_URL is set, else PGlite. */
export async function freshDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('pgTemplate');
  if (url && template) {
    const name = `linli_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    const pool = new pg.Pool({ connectionString: withDatabase(url, name), max: 5 });
    const database = wrapPool(pool);
    return {
      ...database,
      close: async () => {
        await database.close();
        await admin.query(`drop database if exists ${name}`);
        await admin.end();
      },
    };
  }
  const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const lite = await PGlite.create({
    loadDataDir: blob,
    extensions: { pg_trgm },
    startParams: PGLITE_START_PARAMS,
  });
  return wrapPglite(lite);
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: '/nonexistent',
    demoMode: true,
    demoSize: 'tiny',
    cityCode: '329900000000',
    cityName: '江川市',
    pii: parsePiiKeys(`t1:${randomBytes(32).toString('base64')}`, randomBytes(32).toString('base64')),
    session: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
    jobsEnabled: false,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    secureCookies: false,
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  pii: Pii;
  close(): Promise<void>;
}

export async function testApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config = testConfig(overrides);
  const app = await buildApp({ config, database, startWorker: false });
  return {
    app,
    database,
    config,
    pii: createPii(config.pii),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A logged-in HTTP client: keeps the session cookie and sends the CSRF header on writes. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    readonly lang = 'zh-CN',
  ) {}

  async login(login: string, password: string, totp?: string): Promise<LightMyRequestResponse> {
    const res = await this.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login, password, ...(totp ? { totp } : {}) },
    });
    if (res.statusCode === 200) {
      const set = res.cookies.find((c) => c.name === 'linli_sid');
      if (set) this.cookie = set.value;
      this.csrf = res.json().csrfToken;
    }
    return res;
  }

  request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {
      'accept-language': this.lang,
      ...(opts.headers as Record<string, string>),
    };
    if (this.cookie) headers.cookie = `linli_sid=${this.cookie}`;
    if (this.csrf && opts.method && opts.method !== 'GET') headers['x-csrf-token'] = this.csrf;
    return this.app.inject({ ...opts, headers });
  }

  get = (url: string) => this.request({ method: 'GET', url });
  post = (url: string, payload?: object) => this.request({ method: 'POST', url, payload: payload ?? {} });
  patch = (url: string, payload: object) => this.request({ method: 'PATCH', url, payload });
  put = (url: string, payload: object) => this.request({ method: 'PUT', url, payload });
  del = (url: string) => this.request({ method: 'DELETE', url });
}
