// RFC 6238 TOTP (HMAC-SHA1, 30 s step) for the second login factor that MLPS level 3 requires.
// Only node:crypto, so there is no third-party code on the authentication path.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

/** RFC 4648 base32 without padding: authenticator apps accept it and it survives URLs unescaped. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Lenient about case, spaces and padding because users retype secrets shown in groups. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const value = BASE32_ALPHABET.indexOf(ch);
    if (value < 0) throw new Error(`invalid base32 character: ${ch}`);
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** 20 bytes = the SHA-1 block-size recommendation of RFC 4226 §4. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_STEP_SECONDS);
}

function hotp(key: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  // Steps pass 2^32 in the RFC's year-2603 vector, so the counter must be written as 64 bits.
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpCode(secretBase32: string, atMs: number, digits: number = TOTP_DIGITS): string {
  return hotp(base32Decode(secretBase32), totpStep(atMs), digits);
}

/**
 * Accepts codes from `window` steps either side to absorb clock drift. The matched step is returned
 * so the caller can store it and refuse any code at or before it (RFC 6238 §5.2: one use per code).
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  atMs: number,
  window = 1,
  digits: number = TOTP_DIGITS,
): { ok: boolean; step?: number } {
  const candidate = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(candidate)) return { ok: false };
  const key = base32Decode(secretBase32);
  const current = totpStep(atMs);
  const given = Buffer.from(candidate);
  let matched: number | undefined;
  // Checks every step in the window, even after a match, so timing does not reveal which step matched.
  for (let step = current - window; step <= current + window; step++) {
    if (step < 0) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step, digits)), given) && matched === undefined) matched = step;
  }
  return matched === undefined ? { ok: false } : { ok: true, step: matched };
}

/** Key URI format understood by Google Authenticator, Microsoft Authenticator, FreeOTP, etc. */
export function totpUri(options: { secret: string; account: string; issuer?: string }): string {
  const issuer = options.issuer ?? 'Linli';
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(options.account)}`;
  const query = new URLSearchParams({
    secret: options.secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}
