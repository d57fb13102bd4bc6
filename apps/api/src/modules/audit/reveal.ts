import { assertPathInScope, auditActorIn, grantFor, requireActor } from '../../core/access';
import type { Ctx } from '../../core/context';
import { invalid } from '../../core/errors';
import type { Db } from '../../db/client';
import { recordAudit } from './audit.service';

export interface RevealRequest {
  /** Org-node paths the record belongs to; the actor needs `pii.reveal` over one of them. */
  paths: string[];
  recordType: string;
  recordId: number | string;
  field: string;
  reason: string;
  /** Decrypts the value; called only after the check passed. */
  read(): string | null;
}

/**
 * The one way to unmask personal data: `pii.reveal` over the record's node, a stated reason, and an
 * audit entry written before the value leaves the server. Outside scope it is the usual 404.
 */
export async function revealField(
  ctx: Ctx,
  db: Db,
  req: RevealRequest,
): Promise<{ field: string; value: string }> {
  const actor = requireActor(ctx);
  const path = req.paths.find((p) => grantFor(actor, 'pii.reveal', p));
  assertPathInScope(actor, 'pii.reveal', path);
  const value = req.read();
  if (value === null) throw invalid('field', 'invalid_value');
  await db.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'pii.reveal', path as string),
      clientIp: ctx.ip,
      action: 'pii.reveal',
      recordType: req.recordType,
      recordId: req.recordId,
      reason: req.reason,
      details: { field: req.field },
    });
  });
  return { field: req.field, value };
}
