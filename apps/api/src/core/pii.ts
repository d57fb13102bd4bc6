import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
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

export function createPii(keys: PiiKeys): Pii {
  const active = keys.keys.get(keys.activeKeyId);
  if (!active) throw new Error('active PII key missing');
  return {
    activeKeyId: keys.activeKeyId,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active, iv);
      // The key id is bound as additional data so a value cannot be replayed under another key id.
      cipher.setAAD(Buffer.from(keys.activeKeyId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const blob = Buffer.concat([iv, body, cipher.getAuthTag()]);
      return `${VERSION}:${keys.activeKeyId}:${blob.toString('base64')}`;
    },
    decrypt(stored) {
      const [version, keyId, b64] = stored.split(':');
      const key = keyId ? keys.keys.get(keyId) : undefined;
      if (version !== VERSION || !key || !b64) throw new Error('unreadable encrypted value');
      const blob = Buffer.from(b64, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
      decipher.setAAD(Buffer.from(keyId as string));
      decipher.setAuthTag(blob.subarray(blob.length - 16));
      return Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]).toString(
        'utf8',
      );
    },
    blindIndex(normalized) {
      return createHmac('sha256', keys.indexKey).update(normalized, 'utf8').digest('base64url');
    },
    isCurrent(stored) {
      return stored.startsWith(`${VERSION}:${keys.activeKeyId}:`);
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
