import { and, desc, eq } from 'drizzle-orm';
import { auditActorIn, grantFor, requireActor, requirePermission, scopeCondition } from '../../core/access';
import type { Ctx } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { recordAudit } from '../audit';
import { householdDetail } from './places.service';
import { nodePath } from './registry.common';
import { corrections, residents } from './registry.schema';
import { updateResident } from './residents.service';

type CorrectionRow = typeof corrections.$inferSelect;

/** The resident record linked to a resident's own account (their login), if any. */
async function ownResident(ctx: Ctx) {
  const actor = requireActor(ctx);
  if (actor.kind !== 'resident') throw notFound();
  const [row] = await ctx.db.select().from(residents).where(eq(residents.accountId, actor.accountId));
  if (!row) throw notFound();
  return { actor, row };
}

/** A resident sees their own household (members masked), nothing else of the registry. */
export async function myHousehold(ctx: Ctx) {
  const { row } = await ownResident(ctx);
  if (!row.householdId) throw notFound();
  return householdDetail(ctx, row.householdId, { skipScope: true });
}

const view = (c: CorrectionRow, residentName: string, proposed: string) => ({
  id: c.id,
  residentId: c.residentId,
  residentName,
  field: c.field,
  proposed,
  note: c.note,
  status: c.status as 'open' | 'accepted' | 'rejected',
  createdAt: c.createdAt.toISOString(),
  reviewNote: c.reviewNote,
});

/** A resident asks for a correction of their own or a household member's record. */
export async function requestCorrection(
  ctx: Ctx,
  body: { residentId: number; field: string; proposed: string; note?: string | undefined },
) {
  const { actor, row: me } = await ownResident(ctx);
  const [target] = await ctx.db.select().from(residents).where(eq(residents.id, body.residentId));
  if (!target || (target.id !== me.id && (!me.householdId || target.householdId !== me.householdId)))
    throw notFound();
  const created = await ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(corrections)
      .values({
        residentId: target.id,
        requestedBy: actor.accountId,
        field: body.field,
        proposedEnc: ctx.pii.encrypt(body.proposed),
        note: body.note ?? null,
      })
      .returning();
    await recordAudit(tx, {
      actor: { accountId: actor.accountId, role: 'resident', orgNodeId: target.orgNodeId },
      clientIp: ctx.ip,
      action: 'correction.request',
      recordType: 'resident',
      recordId: target.id,
      details: { correctionId: c!.id, field: body.field },
    });
    return c!;
  });
  return view(created, target.name, body.proposed);
}

export async function listCorrections(ctx: Ctx, status: string) {
  const actor = requirePermission(ctx, 'registry.write');
  const rows = await ctx.db
    .select({ c: corrections, name: residents.name })
    .from(corrections)
    .innerJoin(residents, eq(residents.id, corrections.residentId))
    .where(and(eq(corrections.status, status), scopeCondition(actor, 'registry.write', residents.orgNodeId)))
    .orderBy(desc(corrections.id))
    .limit(200);
  return rows.map(({ c, name }) => view(c, name, ctx.pii.decrypt(c.proposedEnc)));
}

const APPLIES: Record<string, string> = {
  name: 'name',
  phone: 'phone',
  actualAddress: 'actualAddress',
  maritalStatus: 'maritalStatus',
  employmentStatus: 'employmentStatus',
  education: 'education',
};

/** The grid worker reviews: an accepted correction of a known field is applied as an ordinary update. */
export async function reviewCorrection(
  ctx: Ctx,
  id: number,
  body: { decision: 'accepted' | 'rejected'; note?: string | undefined },
) {
  const actor = requirePermission(ctx, 'registry.write');
  const [c] = await ctx.db.select().from(corrections).where(eq(corrections.id, id));
  const [target] = c ? await ctx.db.select().from(residents).where(eq(residents.id, c.residentId)) : [];
  const path = target ? await nodePath(ctx.db, target.orgNodeId) : '';
  if (!c || !target || !grantFor(actor, 'registry.write', path)) throw notFound();
  if (c.status !== 'open') throw new AppError(409, 'registry.correction_closed');
  const proposed = ctx.pii.decrypt(c.proposedEnc);
  const field = APPLIES[c.field];
  const [after] = await ctx.db.transaction(async (tx) => {
    // The change itself runs inside this transaction (a savepoint), so decision and change land together.
    if (body.decision === 'accepted' && field)
      await updateResident({ ...ctx, db: tx }, target.id, { [field]: proposed });
    const updated = await tx
      .update(corrections)
      .set({
        status: body.decision,
        reviewedBy: actor.accountId,
        reviewedAt: new Date(),
        reviewNote: body.note ?? null,
      })
      .where(eq(corrections.id, id))
      .returning();
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', path),
      clientIp: ctx.ip,
      action: `correction.${body.decision}`,
      recordType: 'resident',
      recordId: target.id,
      details: { correctionId: id, field: c.field },
    });
    return updated;
  });
  return view(after!, target.name, proposed);
}
