import { bigserial, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tz } from '../../db/columns';

/**
 * Append-only (a trigger refuses UPDATE and DELETE). Each row carries the hash of the previous row, so
 * an edit or a deletion breaks the chain at a point `verifyAuditChain` can name.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tz('at').notNull().defaultNow(),
    accountId: integer('account_id'),
    role: text('role'),
    orgNodeId: integer('org_node_id'),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id'),
    clientIp: text('client_ip'),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    reason: text('reason'),
    /** Field names changed, counts and the like — never personal data. */
    details: jsonb('details'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_record_idx').on(t.recordType, t.recordId),
    index('audit_log_account_idx').on(t.accountId),
  ],
);

/**
 * The chain's last link, one row (id 1). An append updates it and copies it into its entry in the same
 * statement: the row lock orders concurrent appends, and a waiting append re-reads the row its
 * predecessor committed, so the chain never forks. Migration 0011 creates it from the last entry.
 */
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});
