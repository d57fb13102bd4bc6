import { and, eq, isNotNull, like, not } from 'drizzle-orm';
import type { EncryptedColumn, Pii } from '../../core/pii';
import type { Db } from '../../db/client';
import { ACCOUNT_ENCRYPTED_COLUMNS } from '../accounts';
import { enqueueJob, hasQueuedJob, type JobHandler } from '../jobs';
import { REGISTRY_ENCRYPTED_COLUMNS } from '../registry';

/** Every encrypted column, so key rotation finds them all: each owning module exports its list. */
const ENCRYPTED: EncryptedColumn[] = [...ACCOUNT_ENCRYPTED_COLUMNS, ...REGISTRY_ENCRYPTED_COLUMNS];

const BATCH = 500;

const stale = (c: EncryptedColumn, pii: Pii) =>
  and(isNotNull(c.column), not(like(c.column, `v1:${pii.activeKeyId}:%`)));

/** Re-encrypts up to one batch per column under the active key; returns how many values changed. */
export async function rekeyBatch(db: Db, pii: Pii): Promise<number> {
  let changed = 0;
  for (const c of ENCRYPTED) {
    const rows = (await db
      .select({ id: c.id, value: c.column })
      .from(c.table)
      .where(stale(c, pii))
      .limit(BATCH)) as {
      id: number;
      value: string;
    }[];
    for (const row of rows) {
      await db
        .update(c.table)
        .set({ [c.key]: pii.encrypt(pii.decrypt(row.value)) })
        .where(eq(c.id, row.id));
    }
    changed += rows.length;
  }
  return changed;
}

/** Called at start-up: when the active key changed, schedule one rotation run (if none is waiting). */
export async function scheduleRekeyIfNeeded(db: Db, pii: Pii): Promise<boolean> {
  for (const c of ENCRYPTED) {
    const [row] = await db.select({ id: c.id }).from(c.table).where(stale(c, pii)).limit(1);
    if (!row) continue;
    if (!(await hasQueuedJob(db, 'pii.rekey'))) await enqueueJob(db, 'pii.rekey');
    return true;
  }
  return false;
}

/** The `pii.rekey` job: one batch per run, re-enqueued in the same transaction until nothing is left. */
export function piiJobHandlers(pii: Pii): Record<string, JobHandler> {
  return {
    'pii.rekey': (db) =>
      db.transaction(async (tx) => {
        if ((await rekeyBatch(tx, pii)) > 0) await enqueueJob(tx, 'pii.rekey');
      }),
  };
}
