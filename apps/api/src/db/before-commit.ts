import type { Db } from './client';

/**
 * Work a transaction runs last, just before its COMMIT. The audit chain uses it: appending moves the
 * one-row chain head, and the head's row lock is held until the transaction ends, so every audited
 * write in the platform queues behind it. Appended last, the lock is held for one round trip (the
 * COMMIT) instead of for the rest of the transaction; measured on case intake (bench/README.md,
 * `cases`), throughput rose by a quarter.
 */
const pending = new WeakMap<object, (() => Promise<void>)[]>();

/** Makes `db.transaction` run the deferred work of its transaction before committing. */
export function withBeforeCommit(db: Db): Db {
  const begin = db.transaction.bind(db);
  db.transaction = ((fn, config) =>
    begin(async (tx) => {
      const queue: (() => Promise<void>)[] = [];
      pending.set(tx, queue);
      const result = await fn(tx);
      // Work queued by work that runs here goes on the same queue and runs too.
      for (let i = 0; i < queue.length; i++) await queue[i]!();
      pending.delete(tx);
      return result;
    }, config)) as Db['transaction'];
  return db;
}

/**
 * Queues `work` to run before `db`'s transaction commits, and says whether it did. Outside a
 * transaction opened by `withBeforeCommit`'s `transaction` (the bare database, a savepoint), it
 * queues nothing and the caller runs the work at once.
 */
export function deferToCommit(db: Db, work: () => Promise<void>): boolean {
  const queue = pending.get(db);
  if (!queue) return false;
  queue.push(work);
  return true;
}
