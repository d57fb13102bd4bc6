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
  return chainFields(row).join(CHAIN_SEPARATOR);
}

const CHAIN_SEPARATOR = '\u001f';
/** Where the record id stands in `chainFields`. */
const CHAIN_RECORD_ID = 7;
function chainFields(row: Omit<ChainFields, 'prevHash'>): (string | number)[] {
  return [
    '',
    row.at.toISOString(),
    row.accountId ?? '',
    row.role ?? '',
    row.orgNodeId ?? '',
    row.action,
    row.recordType,
    row.recordId ?? '', // CHAIN_RECORD_ID
    row.clientIp ?? '',
    row.beforeDigest ?? '',
    row.afterDigest ?? '',
    row.reason ?? '',
    row.details === null || row.details === undefined ? '' : canonicalJson(row.details),
  ];
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

function entryRow(entry: AuditInput, recordId: string | null): Omit<ChainFields, 'prevHash'> {
  return {
    // Milliseconds only, so the value hashed is exactly the value PostgreSQL gives back.
    at: new Date(),
    accountId: entry.actor?.accountId ?? null,
    role: entry.actor?.role ?? null,
    orgNodeId: entry.actor?.orgNodeId ?? null,
    action: entry.action,
    recordType: entry.recordType,
    recordId,
    clientIp: entry.clientIp ?? null,
    beforeDigest: digestOf(entry.before),
    afterDigest: digestOf(entry.after),
    reason: entry.reason ?? null,
    details: entry.details ?? null,
  };
}

/**
 * The append as part of a write that is ONE statement (its own implicit transaction): CTEs `<name>_head`
 * and `<name>` to put after the write's own CTEs, for an entry whose record is the row of the CTE
 * `source` (its `id`, known only inside the statement, so hashed there). The head is locked from this
 * statement to its commit inside PostgreSQL, never across a round trip to the application. A missing
 * head appends nothing, so the statement must check `exists (select 1 from <name>)`. The parameters
 * are numbered from `$<first>`; `params` gives their values in that order.
 */
export function auditAppendCtes(name: string, source: string, first: number) {
  const keys = ENTRY_KEYS.filter((k) => k !== 'recordId');
  const columns = insertColumns(auditLog, keys);
  const p = (i: number) => `$${first + i}`;
  const sql = `${name}_head as (
    update "audit_chain_head"
    set "prev_hash" = "hash",
      "hash" = encode(sha256(convert_to("hash" || ${p(0)}::text || ${source}.id::text || ${p(1)}::text, 'UTF8')), 'hex')
    from ${source}
    where "audit_chain_head"."id" = 1
    returning "audit_chain_head"."prev_hash", "audit_chain_head"."hash"
  ), ${name} as (
    insert into "audit_log" ("prev_hash", "hash", "record_id", ${columns.names})
    select h.prev_hash, h.hash, ${source}.id::text, ${keys.map((_, i) => `${p(i + 2)}::${columns.types[i]}`).join(', ')}
    from ${name}_head h cross join ${source}
    returning "id"
  )`;
  const params = (entry: Omit<AuditInput, 'recordId'>): unknown[] => {
    const row = entryRow(entry, null);
    const fields = chainFields(row);
    return [
      `${fields.slice(0, CHAIN_RECORD_ID).join(CHAIN_SEPARATOR)}${CHAIN_SEPARATOR}`,
      `${CHAIN_SEPARATOR}${fields.slice(CHAIN_RECORD_ID + 1).join(CHAIN_SEPARATOR)}`,
      ...columns.encode(row),
    ];
  };
  return { sql, params, count: keys.length + 2 };
}

/**
 * Appends one entry; call it inside the transaction of the write it records. The entry is written
 * when the transaction's own work is done (db/before-commit.ts), and fails it if it cannot be.
 */
export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  const recordId = entry.recordId === undefined || entry.recordId === null ? null : String(entry.recordId);
  const row = entryRow(entry, recordId);
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
