import { randomBytes } from 'node:crypto';
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
