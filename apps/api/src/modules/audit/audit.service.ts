import { createHash } from 'node:crypto';
import { and, asc, eq, gt, gte, lt, lte, type SQL } from 'drizzle-orm';
import { deferToCommit } from '../../db/before-commit';
import type { Db } from '../../db/client';
import { insertColumns, preparedStatement } from '../../db/prepared';
import { auditLog } from './audit.schema';

export interface AuditActor {
  accountId: number;
  role: string | null;
  orgNodeId: number | null;
}

export interface AuditInput {
  actor: AuditActor | null;
  clientIp?: string | null;
  action: string;
  recordType: string;
  recordId?: string | number | null;
  /** Snapshots are digested, never stored: the log proves what changed without holding personal data. */
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export function digestOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with sorted keys, so the same object always digests the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
      );
    }
    return v;
  });
}

type ChainFields = Omit<typeof auditLog.$inferSelect, 'id' | 'hash'>;

/**
 * What an entry's hash covers after its predecessor's hash: sha256(prevHash + chainSuffix(entry)). The
 * append computes the same in SQL (`recordAudit`), where the predecessor is known; keep them one.
 */
export function chainSuffix(row: Omit<ChainFields, 'prevHash'>): string {
  const fields = [
    '',
    row.at.toISOString(),
    row.accountId ?? '',
    row.role ?? '',
    row.orgNodeId ?? '',
    row.action,
    row.recordType,
    row.recordId ?? '',
    row.clientIp ?? '',
    row.beforeDigest ?? '',
    row.afterDigest ?? '',
    row.reason ?? '',
    row.details === null || row.details === undefined ? '' : canonicalJson(row.details),
  ];
  return fields.join('\u001f');
}

export function chainHash(row: ChainFields): string {
  return createHash('sha256')
    .update(row.prevHash + chainSuffix(row))
    .digest('hex');
}

// Every write appends an entry, so the append is one statement, written once (db/prepared.ts): the
// head row moves on (its row lock orders appends; see auditChainHead) and the entry takes both links.
const ENTRY_KEYS = [
  'at',
  'accountId',
  'role',
  'orgNodeId',
  'action',
  'recordType',
  'recordId',
  'clientIp',
  'beforeDigest',
  'afterDigest',
  'reason',
  'details',
] as const;
const entryColumns = insertColumns(auditLog, ENTRY_KEYS);
const appendEntry = preparedStatement<{ id: number | string }>(
  'linli_audit_append',
  `with head as (
    update "audit_chain_head"
    set "prev_hash" = "hash", "hash" = encode(sha256(convert_to("hash" || $1::text, 'UTF8')), 'hex')
    where "id" = 1
    returning "prev_hash", "hash"
  )
  insert into "audit_log" ("prev_hash", "hash", ${entryColumns.names})
  select head.prev_hash, head.hash, ${ENTRY_KEYS.map((_, i) => `$${i + 2}::${entryColumns.types[i]}`).join(', ')}
  from head
  returning "id"`,
);

/**
 * Appends one entry; call it inside the transaction of the write it records. The entry is written
 * when the transaction's own work is done (db/before-commit.ts), and fails it if it cannot be.
 */
export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  const row: Omit<ChainFields, 'prevHash'> = {
    // Milliseconds only, so the value hashed is exactly the value PostgreSQL gives back.
    at: new Date(),
    accountId: entry.actor?.accountId ?? null,
    role: entry.actor?.role ?? null,
    orgNodeId: entry.actor?.orgNodeId ?? null,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId === undefined || entry.recordId === null ? null : String(entry.recordId),
    clientIp: entry.clientIp ?? null,
    beforeDigest: digestOf(entry.before),
    afterDigest: digestOf(entry.after),
    reason: entry.reason ?? null,
    details: entry.details ?? null,
  };
  const append = async () => {
    const appended = await appendEntry(db, [chainSuffix(row), ...entryColumns.encode(row)]);
    if (appended.length !== 1)
      throw new Error('audit_chain_head has no row: the audit log cannot be appended');
  };
  // In a transaction the entry is appended last, so the chain head stays locked for the COMMIT only.
  if (!deferToCommit(db, append)) await append();
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  problem: 'hash_mismatch' | 'prev_mismatch' | 'missing_row' | null;
}

/**
 * Walks the chain in id order. An edited row fails its own hash; a deleted row breaks the next row's
 * link. Ids may have gaps (a rolled-back transaction burns a sequence value), so gaps alone are fine.
 */
export async function verifyAuditChain(db: Db, batch = 5_000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, afterId))
      .orderBy(asc(auditLog.id))
      .limit(batch);
    for (const row of rows) {
      if (row.prevHash !== prev)
        return { ok: false, checked, firstBrokenId: row.id, problem: 'prev_mismatch' };
      if (chainHash(row) !== row.hash)
        return { ok: false, checked, firstBrokenId: row.id, problem: 'hash_mismatch' };
      prev = row.hash;
      checked++;
      afterId = row.id;
    }
    if (rows.length < batch) return { ok: true, checked, firstBrokenId: null, problem: null };
  }
}

export interface AuditFilter {
  accountId?: number;
  action?: string;
  recordType?: string;
  recordId?: string;
  from?: string;
  to?: string;
  beforeId?: number;
}

export function auditConditions(f: AuditFilter): SQL | undefined {
  return and(
    f.accountId ? eq(auditLog.accountId, f.accountId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.recordType ? eq(auditLog.recordType, f.recordType) : undefined,
    f.recordId ? eq(auditLog.recordId, f.recordId) : undefined,
    f.from ? gte(auditLog.at, new Date(f.from)) : undefined,
    f.to ? lte(auditLog.at, new Date(f.to)) : undefined,
    f.beforeId ? lt(auditLog.id, f.beforeId) : undefined,
  );
}
