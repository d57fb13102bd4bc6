import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomFillSync } from 'node:crypto';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { PiiKeys } from '../config';

/**
 * Field encryption for personal data: AES-256-GCM with a fresh 96-bit IV per value. The stored text is
 * `v1:<keyId>:<base64(iv | ciphertext | tag)>`, so a value names its key and keys can be rotated by
 * re-encrypting in the background (jobs kind `pii.rekey`).
 */
export interface Pii {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed HMAC for exact lookup without decrypting; the same input always gives the same index. */
  blindIndex(normalized: string): string;
  /** True when the value is already under the active key. */
  isCurrent(stored: string): boolean;
  activeKeyId: string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs drawn from the CSPRNG this many at a time (one call per 1,024 values instead of one per value). */
const IV_POOL_BYTES = IV_BYTES * 1024;

/**
 * Fresh random IVs, taken in order from a pool that the CSPRNG fills: each one is handed out once, and
 * a spent pool is replaced by a new buffer, never refilled under IVs already given out. Same randomness
 * as randomBytes(12) per value, at a fraction of its per-call cost (an import encrypts millions).
 */
function ivSource(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + IV_BYTES > pool.length) {
      pool = randomFillSync(Buffer.allocUnsafe(IV_POOL_BYTES));
      offset = 0;
    }
    const iv = pool.subarray(offset, offset + IV_BYTES);
    offset += IV_BYTES;
    return iv;
  };
}

export function createPii(keys: PiiKeys): Pii {
  const activeRaw = keys.keys.get(keys.activeKeyId);
  if (!activeRaw) throw new Error('active PII key missing');
  const active = createSecretKey(activeRaw);
  const activeAad = Buffer.from(keys.activeKeyId);
  const activePrefix = `${VERSION}:${keys.activeKeyId}:`;
  const indexKey = createSecretKey(keys.indexKey);
  const nextIv = ivSource();
  return {
    activeKeyId: keys.activeKeyId,
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', active, iv);
      // The key id is bound as additional data so a value cannot be replayed under another key id.
      cipher.setAAD(activeAad);
      const body = cipher.update(plain, 'utf8');
      const rest = cipher.final();
      const tag = cipher.getAuthTag();
      // iv | ciphertext | tag, written once into one buffer.
      const blob = Buffer.allocUnsafe(IV_BYTES + body.length + rest.length + TAG_BYTES);
      iv.copy(blob, 0);
      body.copy(blob, IV_BYTES);
      rest.copy(blob, IV_BYTES + body.length);
      tag.copy(blob, IV_BYTES + body.length + rest.length);
      return activePrefix + blob.toString('base64');
    },
    decrypt(stored) {
      const [version, keyId, b64] = stored.split(':');
      const key = keyId ? keys.keys.get(keyId) : undefined;
      if (version !== VERSION || !key || !b64) throw new Error('unreadable encrypted value');
      const blob = Buffer.from(b64, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(keyId as string));
      decipher.setAuthTag(blob.subarray(blob.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(blob.subarray(IV_BYTES, blob.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
    blindIndex(normalized) {
      return createHmac('sha256', indexKey).update(normalized, 'utf8').digest('base64url');
    },
    isCurrent(stored) {
      return stored.startsWith(activePrefix);
    },
  };
}

/** An encrypted column a module owns, registered so key rotation can find and re-encrypt it. */
export interface EncryptedColumn {
  table: PgTable;
  id: PgColumn;
  /** The Drizzle property name, for the update. */
  key: string;
  column: PgColumn;
}
