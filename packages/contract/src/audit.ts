import { z } from 'zod';

export const auditEntryView = z.object({
  id: z.number(),
  at: z.string(),
  accountId: z.number().nullable(),
  accountName: z.string().nullable(),
  role: z.string().nullable(),
  orgNodeId: z.number().nullable(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string().nullable(),
  clientIp: z.string().nullable(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditQuery = z.strictObject({
  accountId: z.coerce.number().int().positive().optional(),
  action: z.string().trim().max(64).optional(),
  recordType: z.string().trim().max(64).optional(),
  recordId: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const auditVerifyView = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBrokenId: z.number().nullable(),
  problem: z.enum(['hash_mismatch', 'missing_row', 'prev_mismatch']).nullable(),
});
