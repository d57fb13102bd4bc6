import { TAGS, type Tag } from '@linli/contract';
import { and, eq, isNull } from 'drizzle-orm';
import { auditActorIn, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { AppError, invalid, notFound } from '../../core/errors';
import { accounts } from '../accounts/accounts.schema';
import { recordAudit } from '../audit';
import { shanghaiToday } from './dates';
import { addEvent, districtIdOf, gridForWrite, householdForWrite, visibleResident } from './registry.common';
import { tagVisible } from './registry.policy';
import { floatingRegistrations, households, residentEvents, residentTags } from './registry.schema';
import { tagIndexKey } from './resident-input';
import { changeResident, getResident } from './residents.service';

/** Moves a person to another grid: the record moves, its history stays with it. */
export function moveResident(
  ctx: Ctx,
  id: number,
  body: { gridId: number; movedOn: string; reason?: string | undefined },
) {
  return changeResident(ctx, id, 'resident.moved', async (row, tx, actor) => {
    if (row.status !== 'active') throw new AppError(409, 'registry.not_active');
    const grid = await gridForWrite(tx, actor, body.gridId);
    return {
      patch: { orgNodeId: grid.id, districtId: districtIdOf(grid.path), movedInOn: body.movedOn },
      event: { fromGrid: row.orgNodeId, toGrid: grid.id, movedOn: body.movedOn },
      reason: body.reason,
    };
  });
}

export function moveOut(ctx: Ctx, id: number, body: { movedOn: string; destination: string }) {
  return changeResident(ctx, id, 'resident.moved_out', async (row) => {
    if (row.status !== 'active') throw new AppError(409, 'registry.not_active');
    return {
      patch: { status: 'moved_out', statusOn: body.movedOn },
      event: { movedOn: body.movedOn, destination: body.destination },
    };
  });
}

export function recordDeath(ctx: Ctx, id: number, body: { diedOn: string; note?: string | undefined }) {
  return changeResident(ctx, id, 'resident.deceased', async (row) => {
    if (row.status === 'deceased') throw new AppError(409, 'registry.not_active');
    if (body.diedOn > shanghaiToday() || body.diedOn < row.birthDate)
      throw invalid('diedOn', 'invalid_value');
    return {
      patch: { status: 'deceased', statusOn: body.diedOn },
      event: { diedOn: body.diedOn },
      reason: body.note,
    };
  });
}

export function changeHousehold(
  ctx: Ctx,
  id: number,
  body: { householdId: number | null; relation?: string | undefined },
) {
  return changeResident(ctx, id, 'resident.household_changed', async (row, tx, actor) => {
    if (body.householdId !== null) {
      const household = await householdForWrite(tx, actor, body.householdId, 'householdId');
      if (body.relation === 'head')
        await tx.update(households).set({ headId: id }).where(eq(households.id, household.id));
    }
    return {
      patch: {
        householdId: body.householdId,
        relation: body.householdId === null ? null : (body.relation ?? 'other'),
      },
      event: {
        fromHousehold: row.householdId,
        toHousehold: body.householdId,
        relation: body.relation ?? null,
      },
    };
  });
}

export async function residentHistory(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'registry.read');
  await visibleResident(ctx.db, actor, id);
  const rows = await ctx.db
    .select({ e: residentEvents, byName: accounts.displayName })
    .from(residentEvents)
    .leftJoin(accounts, eq(accounts.id, residentEvents.by))
    .where(eq(residentEvents.residentId, id))
    .orderBy(residentEvents.at, residentEvents.id);
  return rows.map(({ e, byName }) => ({
    id: e.id,
    kind: e.kind,
    at: e.at.toISOString(),
    byName,
    summary: e.summary as Record<string, unknown>,
  }));
}

/** Records a tag; the tag and its detail are encrypted, found again through the blind index. */
export async function addTag(
  ctx: Ctx,
  id: number,
  body: {
    tag: Tag;
    detail?: string | undefined;
    source: string;
    startsOn?: string | undefined;
    endsOn?: string | undefined;
  },
) {
  const actor = requirePermission(ctx, 'registry.write');
  await ctx.db.transaction(async (tx) => {
    const { path } = await visibleResident(tx, actor, id, 'registry.write', true);
    if (!tagVisible(actor, body.tag, path)) throw invalid('tag', 'invalid_value');
    if (body.startsOn && body.endsOn && body.endsOn < body.startsOn) throw invalid('endsOn', 'invalid_value');
    const [tag] = await tx
      .insert(residentTags)
      .values({
        residentId: id,
        category: TAGS[body.tag],
        tagEnc: ctx.pii.encrypt(body.tag),
        tagIndex: ctx.pii.blindIndex(tagIndexKey(body.tag)),
        detailEnc: body.detail ? ctx.pii.encrypt(body.detail) : null,
        source: body.source,
        startsOn: body.startsOn ?? shanghaiToday(),
        endsOn: body.endsOn ?? null,
        setBy: actor.accountId,
      })
      .returning({ id: residentTags.id });
    await addEvent(tx, id, 'tag_added', actor.accountId, { tagId: tag!.id, category: TAGS[body.tag] });
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', path),
      clientIp: ctx.ip,
      action: 'resident.tag_add',
      recordType: 'resident',
      recordId: id,
      after: { tagId: tag!.id, tag: body.tag, source: body.source },
      details: { tagId: tag!.id, category: TAGS[body.tag] },
    });
  });
  return getResident(ctx, id);
}

export async function removeTag(ctx: Ctx, id: number, tagId: number) {
  const actor = requirePermission(ctx, 'registry.write');
  await ctx.db.transaction(async (tx) => {
    const { path } = await visibleResident(tx, actor, id, 'registry.write', true);
    const [tag] = await tx
      .select()
      .from(residentTags)
      .where(
        and(eq(residentTags.id, tagId), eq(residentTags.residentId, id), isNull(residentTags.removedAt)),
      );
    if (!tag || !tagVisible(actor, ctx.pii.decrypt(tag.tagEnc), path)) throw notFound();
    await tx.update(residentTags).set({ removedAt: new Date() }).where(eq(residentTags.id, tagId));
    await addEvent(tx, id, 'tag_removed', actor.accountId, { tagId, category: tag.category });
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', path),
      clientIp: ctx.ip,
      action: 'resident.tag_remove',
      recordType: 'resident',
      recordId: id,
      details: { tagId, category: tag.category },
    });
  });
  return getResident(ctx, id);
}

export interface FloatingInput {
  arrivedOn: string;
  origin: string;
  reason: string;
  expectedUntil?: string | undefined;
}

/** Opens a floating-population registration for a person already in the registry. */
export async function registerFloating(ctx: Ctx, id: number, body: FloatingInput) {
  const actor = requirePermission(ctx, 'registry.write');
  if (body.expectedUntil && body.expectedUntil < body.arrivedOn)
    throw invalid('expectedUntil', 'invalid_value');
  if (body.arrivedOn > shanghaiToday()) throw invalid('arrivedOn', 'id.future');
  await ctx.db.transaction(async (tx) => {
    const { row, path } = await visibleResident(tx, actor, id, 'registry.write', true);
    const open = await tx
      .select({ id: floatingRegistrations.id })
      .from(floatingRegistrations)
      .where(and(eq(floatingRegistrations.residentId, id), isNull(floatingRegistrations.departedOn)));
    if (open.length) throw new AppError(409, 'registry.floating_open');
    const [reg] = await tx
      .insert(floatingRegistrations)
      .values({
        residentId: id,
        orgNodeId: row.orgNodeId,
        ...body,
        expectedUntil: body.expectedUntil ?? null,
        createdBy: actor.accountId,
      })
      .returning({ id: floatingRegistrations.id });
    await addEvent(tx, id, 'floating_registered', actor.accountId, {
      registrationId: reg!.id,
      arrivedOn: body.arrivedOn,
    });
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', path),
      clientIp: ctx.ip,
      action: 'resident.floating_register',
      recordType: 'resident',
      recordId: id,
      after: { registrationId: reg!.id, ...body },
    });
  });
  return getResident(ctx, id);
}

export async function departFloating(ctx: Ctx, registrationId: number, departedOn: string) {
  const actor = requirePermission(ctx, 'registry.write');
  const [reg] = await ctx.db
    .select()
    .from(floatingRegistrations)
    .where(eq(floatingRegistrations.id, registrationId));
  if (!reg) throw notFound();
  await ctx.db.transaction(async (tx) => {
    const { path } = await visibleResident(tx, actor, reg.residentId, 'registry.write', true);
    if (reg.departedOn) throw new AppError(409, 'registry.not_active');
    if (departedOn < reg.arrivedOn) throw invalid('departedOn', 'invalid_value');
    await tx
      .update(floatingRegistrations)
      .set({ departedOn })
      .where(eq(floatingRegistrations.id, registrationId));
    await addEvent(tx, reg.residentId, 'floating_departed', actor.accountId, { registrationId, departedOn });
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', path),
      clientIp: ctx.ip,
      action: 'resident.floating_depart',
      recordType: 'resident',
      recordId: reg.residentId,
      details: { registrationId, departedOn },
    });
  });
  return getResident(ctx, reg.residentId);
}
