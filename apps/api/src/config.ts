import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** The only reader of process.env: everything else receives a validated Config. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  // An empty value (DATABASE_URL= in a shell or .env) means unset, i.e. the embedded database.
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  LINLI_DATA_DIR: z.string().default('./data'),
  LINLI_DEMO_MODE: z.enum(['true', 'false']).optional(),
  /** The root of a real installation's tree (a demo installation loads its own fictional city). */
  LINLI_CITY_CODE: z
    .string()
    .regex(/^\d{12}$/)
    .default('329900000000'),
  LINLI_CITY_NAME: z.string().min(1).max(64).default('江川市'),
  LINLI_DEMO_SIZE: z.enum(['tiny', 'demo', 'city', 'megacity']).default('demo'),
  /** Comma-separated `keyId:base64(32 bytes)`; the first is used for new values. */
  LINLI_PII_KEYS: z.string().optional(),
  LINLI_INDEX_KEY: z.string().optional(),
  LINLI_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  LINLI_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LINLI_JOBS: z.enum(['on', 'off']).default('on'),
  /** Largest registry import file accepted (bytes); larger uploads are refused before they are read. */
  LINLI_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024 * 1024),
  /** Online bill payment: `fake` (the built-in test provider, default in demo mode) or `hmac`. */
  LINLI_PAYMENT_PROVIDER: z.enum(['fake', 'hmac']).optional(),
  /** The secret shared with the payment provider for signing (callbacks and pay links). */
  LINLI_PAYMENT_SECRET: z.string().min(32).optional(),
  /** The provider's pay page; an order's link is `<url>/<orderId>?…`. */
  LINLI_PAYMENT_URL: z.string().url().optional(),
  /**
   * Where people reach this installation from outside, e.g. `https://linli.example.gov.cn`: an external
   * payment provider sends the browser back there after paying, so its links need the whole address.
   */
  LINLI_PUBLIC_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'must be an http(s) address')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: z.string().optional(),
});

export interface PiiKeys {
  /** Key used for new ciphertexts. */
  activeKeyId: string;
  keys: Map<string, Buffer>;
  indexKey: Buffer;
}

export interface PaymentConfig {
  /** `none`: online payment is off (a real installation that has not configured a provider). */
  provider: 'fake' | 'hmac' | 'none';
  secret: string;
  /** The provider's pay page (for `hmac`); the fake provider is served by this server. */
  url: string | null;
  /**
   * Put before the path the browser returns to after paying: the installation's public address for an
   * external provider, empty for the fake provider (same origin).
   */
  returnBase: string;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demoMode: boolean;
  demoSize: 'tiny' | 'demo' | 'city' | 'megacity';
  cityCode: string;
  cityName: string;
  pii: PiiKeys;
  session: { idleMs: number; absoluteMs: number };
  jobsEnabled: boolean;
  /** Registry import upload limit in bytes (default 256 MiB). */
  importMaxBytes?: number;
  /** Bill payment provider; absent (tests) means the fake provider in demo mode. */
  payment?: PaymentConfig;
  logLevel: string;
  secureCookies: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.LINLI_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    // `npm start` is for trying Linli out; a real deployment sets LINLI_DEMO_MODE=false.
    demoMode: e.LINLI_DEMO_MODE !== 'false',
    demoSize: e.LINLI_DEMO_SIZE,
    cityCode: e.LINLI_CITY_CODE,
    cityName: e.LINLI_CITY_NAME,
    pii: piiKeysFrom(e.LINLI_PII_KEYS, e.LINLI_INDEX_KEY, dataDir),
    session: {
      idleMs: e.LINLI_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.LINLI_SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    jobsEnabled: e.LINLI_JOBS === 'on',
    importMaxBytes: e.LINLI_IMPORT_MAX_BYTES,
    payment: paymentFrom(e, e.LINLI_DEMO_MODE !== 'false', dataDir),
    logLevel: e.LOG_LEVEL,
    secureCookies: false,
  };
}

/**
 * The real provider needs its secret, its page and our public address. The fake one, living in this
 * process, signs with `LINLI_PAYMENT_SECRET` if given; on a laptop (keys kept in the data directory)
 * with a secret kept there too, so its links survive a restart; otherwise with one made up at start.
 */
function paymentFrom(e: z.infer<typeof envSchema>, demoMode: boolean, dataDir: string): PaymentConfig {
  const provider = e.LINLI_PAYMENT_PROVIDER ?? (demoMode ? 'fake' : 'none');
  if (provider === 'hmac' && (!e.LINLI_PAYMENT_SECRET || !e.LINLI_PAYMENT_URL || !e.LINLI_PUBLIC_URL))
    throw new Error(
      'LINLI_PAYMENT_PROVIDER=hmac needs LINLI_PAYMENT_SECRET, LINLI_PAYMENT_URL and LINLI_PUBLIC_URL',
    );
  return {
    provider,
    secret:
      e.LINLI_PAYMENT_SECRET ??
      (provider === 'fake' && !(e.LINLI_PII_KEYS && e.LINLI_INDEX_KEY)
        ? laptopSecrets(dataDir).paymentSecret
        : randomBytes(32).toString('hex')),
    url: e.LINLI_PAYMENT_URL?.replace(/\/+$/, '') ?? null,
    returnBase: provider === 'hmac' ? e.LINLI_PUBLIC_URL!.replace(/\/+$/, '') : '',
  };
}

export function parsePiiKeys(spec: string, indexKey: string): PiiKeys {
  const keys = new Map<string, Buffer>();
  let activeKeyId = '';
  for (const part of spec.split(',')) {
    const [id, b64] = part.trim().split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || !/^[a-z0-9]{1,16}$/i.test(id) || key.length !== 32) {
      throw new Error('LINLI_PII_KEYS must be comma-separated keyId:base64 entries of 32-byte keys');
    }
    keys.set(id, key);
    activeKeyId ||= id;
  }
  const index = Buffer.from(indexKey, 'base64');
  if (index.length < 32) throw new Error('LINLI_INDEX_KEY must be at least 32 bytes, base64');
  return { activeKeyId, keys, indexKey: index };
}

/**
 * Without keys in the environment (a laptop running `npm start`), generate them once into the data
 * directory so restarts can still decrypt. Production passes them from its secret store.
 */
function piiKeysFrom(spec: string | undefined, indexKey: string | undefined, dataDir: string): PiiKeys {
  if (spec && indexKey) return parsePiiKeys(spec, indexKey);
  const saved = laptopSecrets(dataDir);
  return parsePiiKeys(spec ?? saved.piiKeys, indexKey ?? saved.indexKey);
}

interface LaptopSecrets {
  piiKeys: string;
  indexKey: string;
  /** Signs the fake payment provider's links, so a pay page opened before a restart still works. */
  paymentSecret: string;
}

/** `<data dir>/secrets.json` (mode 600), made once; a field added later is generated into it. */
function laptopSecrets(dataDir: string): LaptopSecrets {
  const file = join(dataDir, 'secrets.json');
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LaptopSecrets>) : {};
  const complete: LaptopSecrets = {
    piiKeys: saved.piiKeys ?? `k1:${randomBytes(32).toString('base64')}`,
    indexKey: saved.indexKey ?? randomBytes(32).toString('base64'),
    paymentSecret: saved.paymentSecret ?? randomBytes(32).toString('hex'),
  };
  if (Object.keys(saved).length < Object.keys(complete).length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(complete, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return complete;
}
