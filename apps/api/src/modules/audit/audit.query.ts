import type { AuditEntryView } from '@linli/contract';
import { desc, eq } from 'drizzle-orm';
import { requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { decodeCursor, pageFrom } from '../../core/pagination';
import { accounts } from '../accounts/accounts.schema';
import { auditLog } from './audit.schema';
import { type AuditFilter, auditConditions } from './audit.service';

type Query = Omit<AuditFilter, 'beforeId'> & { cursor?: string | undefined; limit: number };

async function fetchEntries(ctx: Ctx, filter: AuditFilter, limit: number): Promise<AuditEntryView[]> {
  const rows = await ctx.db
    .select({ entry: auditLog, accountName: accounts.displayName })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.accountId))
    .where(auditConditions(filter))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map(({ entry: e, accountName }) => ({
    id: e.id,
    at: e.at.toISOString(),
    accountId: e.accountId,
    accountName,
    role: e.role,
    orgNodeId: e.orgNodeId,
    action: e.action,
    recordType: e.recordType,
    recordId: e.recordId,
    clientIp: e.clientIp,
    beforeDigest: e.beforeDigest,
    afterDigest: e.afterDigest,
    reason: e.reason,
  }));
}

/** Newest first; the cursor is the id of the last entry served. */
export async function listAudit(ctx: Ctx, q: Query) {
  requirePermission(ctx, 'audit.read');
  const before = decodeCursor<{ id: number }>(q.cursor);
  const rows = await fetchEntries(
    ctx,
    { ...q, beforeId: before ? Number(before.id) : undefined },
    q.limit + 1,
  );
  return pageFrom(rows, q.limit, (r) => ({ id: r.id }));
}

const CSV_COLUMNS: (keyof AuditEntryView)[] = [
  'id',
  'at',
  'accountId',
  'accountName',
  'role',
  'orgNodeId',
  'action',
  'recordType',
  'recordId',
  'clientIp',
  'reason',
  'beforeDigest',
  'afterDigest',
];

function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  // Quote always; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** CSV of the filtered log (capped at 100,000 rows per export), UTF-8 with BOM so Excel reads Chinese. */
export async function exportAuditCsv(ctx: Ctx, q: Query): Promise<string> {
  requirePermission(ctx, 'audit.read');
  const rows = await fetchEntries(ctx, q, 100_000);
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
