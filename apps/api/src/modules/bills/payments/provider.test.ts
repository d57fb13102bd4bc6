import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config';
import { providerOf } from './provider';

const keys = {
  LINLI_PII_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  LINLI_INDEX_KEY: randomBytes(32).toString('base64'),
  LINLI_DEMO_MODE: 'false',
};
const hmac = {
  ...keys,
  LINLI_PAYMENT_PROVIDER: 'hmac',
  LINLI_PAYMENT_SECRET: 'x'.repeat(40),
  LINLI_PAYMENT_URL: 'https://pay.example.com/cashier/',
};
const order = {
  orderId: 'LL20261207000000ABCDEF',
  amountCents: 4560,
  merchant: '江川水务',
  returnPath: '/m/bills/5',
};

describe('the external payment provider', () => {
  it('refuses to start without the public address to send the browser back to', () => {
    expect(() => loadConfig(hmac)).toThrow(/LINLI_PUBLIC_URL/);
    expect(() => loadConfig({ ...hmac, LINLI_PUBLIC_URL: 'ftp://linli.example.gov.cn' })).toThrow(
      /LINLI_PUBLIC_URL/,
    );
  });

  it('links to its own page and back to the public address of this installation', () => {
    const config = loadConfig({ ...hmac, LINLI_PUBLIC_URL: 'https://linli.example.gov.cn/' });
    const link = new URL(providerOf(config)!.payUrl(order));
    expect(`${link.origin}${link.pathname}`).toBe(`https://pay.example.com/cashier/${order.orderId}`);
    expect(link.searchParams.get('return')).toBe('https://linli.example.gov.cn/m/bills/5');
    expect(link.searchParams.get('amount')).toBe('4560');
    expect(link.searchParams.get('sig')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves the fake provider of demo mode on the same origin, and a real installation without one off', () => {
    const demo = loadConfig({ ...keys, LINLI_DEMO_MODE: 'true' });
    const link = providerOf(demo)!.payUrl(order);
    expect(link.startsWith(`/fake-pay/${order.orderId}?`)).toBe(true);
    expect(new URLSearchParams(link.split('?')[1]).get('return')).toBe('/m/bills/5');
    expect(providerOf(loadConfig(keys))).toBeNull();
  });
});

describe('the fake provider on a laptop', () => {
  it('keeps its signing secret in the data directory, so a pay link survives a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-secrets-'));
    const old = { piiKeys: keys.LINLI_PII_KEYS, indexKey: keys.LINLI_INDEX_KEY };
    // A data directory from before the payment secret: its keys stay, the secret is added.
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify(old), { mode: 0o600 });
    const first = loadConfig({ LINLI_DATA_DIR: dir });
    const saved = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'));
    expect(saved).toMatchObject(old);
    expect(saved.paymentSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const restarted = loadConfig({ LINLI_DATA_DIR: dir });
    expect(restarted.payment!.secret).toBe(first.payment!.secret);
    expect(first.payment!.secret).toBe(saved.paymentSecret);
  });
});
