import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The payment protocol's signature: hex HMAC-SHA256 over "<timestamp>.<payload>" with the shared
 * secret. Binding the timestamp into the signed bytes lets the receiver refuse old messages that were
 * recorded and replayed; the timestamp is Unix seconds.
 */
export const MAX_CLOCK_SKEW_S = 5 * 60;

export function sign(secret: string, timestamp: string, payload: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest('hex');
}

export type VerifyProblem = 'signature_missing' | 'signature_bad' | 'timestamp_stale';

/** Why a signed message is refused, or null when it is good. Compares in constant time. */
export function verify(
  secret: string,
  timestamp: string | undefined,
  payload: string | Buffer,
  signature: string | undefined,
  nowMs: number = Date.now(),
): VerifyProblem | null {
  if (!timestamp || !signature) return 'signature_missing';
  if (!/^\d{1,12}$/.test(timestamp) || !signatureMatches(secret, timestamp, payload, signature))
    return 'signature_bad';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_S) return 'timestamp_stale';
  return null;
}

/** Constant-time check of a hex signature over "<prefix>.<payload>". */
export function signatureMatches(
  secret: string,
  prefix: string,
  payload: string | Buffer,
  signature: string | undefined,
): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  return timingSafeEqual(Buffer.from(sign(secret, prefix, payload), 'hex'), Buffer.from(signature, 'hex'));
}

export const unixSeconds = (ms: number = Date.now()) => String(Math.floor(ms / 1000));
