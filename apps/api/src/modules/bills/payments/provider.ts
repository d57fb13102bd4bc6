import { randomBytes } from 'node:crypto';
import type { Config, PaymentConfig } from '../../../config';
import { sign, unixSeconds, type VerifyProblem, verify } from './signature';

/** What the pay page needs to show and the provider to charge. */
export interface PayOrder {
  orderId: string;
  amountCents: number;
  /** Shown as the merchant on the pay page (the biller). */
  merchant: string;
  /** Where the browser goes back to after paying (a path of our web app). */
  returnPath: string;
}

/**
 * A payment provider as the bills module sees it. Both adapters speak the same protocol: the pay
 * link carries the order's amount signed with the shared secret (so the provider page can trust it),
 * and the provider's callback is signed over "<timestamp>.<raw body>" (see signature.ts).
 */
export interface PaymentProvider {
  /** Stored with each order (`bill_payments.provider`). */
  name: 'fake' | 'hmac';
  payUrl(order: PayOrder): string;
  verifyCallback(
    raw: Buffer,
    timestamp: string | undefined,
    signature: string | undefined,
  ): VerifyProblem | null;
}

/** The query of a pay link in a fixed order, so both sides sign the same bytes. */
export function payQuery(order: PayOrder, timestamp: string, returnBase = ''): string {
  return new URLSearchParams({
    amount: String(order.amountCents),
    merchant: order.merchant,
    return: `${returnBase}${order.returnPath}`,
    ts: timestamp,
  }).toString();
}

/**
 * A provider at `baseUrl` that signs with `secret`; the browser comes back to `returnBase` + the
 * order's path (an external provider needs our whole public address, the fake one only the path).
 */
export function hmacProvider(
  name: 'fake' | 'hmac',
  secret: string,
  baseUrl: string,
  returnBase = '',
): PaymentProvider {
  return {
    name,
    payUrl(order) {
      const query = payQuery(order, unixSeconds(), returnBase);
      // Signed over "<orderId>.<query>": a link cannot be moved to another order or amount.
      const signature = sign(secret, order.orderId, query);
      return `${baseUrl}/${encodeURIComponent(order.orderId)}?${query}&sig=${signature}`;
    },
    verifyCallback: (raw, timestamp, signature) => verify(secret, timestamp, raw, signature),
  };
}

/** Without configuration (tests) the fake provider is on in demo mode, with a secret of this process. */
const PROCESS_SECRET = randomBytes(32).toString('hex');

export function paymentConfigOf(config: Config): PaymentConfig {
  return (
    config.payment ?? {
      provider: config.demoMode ? 'fake' : 'none',
      secret: PROCESS_SECRET,
      url: null,
      returnBase: '',
    }
  );
}

export const FAKE_PAY_PATH = '/fake-pay';

export function providerOf(config: Config): PaymentProvider | null {
  const p = paymentConfigOf(config);
  if (p.provider === 'fake') return hmacProvider('fake', p.secret, FAKE_PAY_PATH);
  if (p.provider === 'hmac' && p.url) return hmacProvider('hmac', p.secret, p.url, p.returnBase);
  return null;
}

/** An order number the provider shows the payer: date, time and randomness, no personal data. */
export function newOrderId(now = new Date()): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `LL${stamp}${randomBytes(5).toString('hex').toUpperCase()}`;
}
