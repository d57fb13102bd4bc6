import type { ResidentCreateBody } from '@linli/contract';
import { eq, sql } from 'drizzle-orm';
import { auditActorIn, requirePermission } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { AppError, type FieldIssue, invalid } from '../../core/errors';
import type { Db } from '../../db/client';
import { recordAudit, revealField } from '../audit';
import { shanghaiToday } from './dates';
import {
  addEvent,
  districtIdOf,
  gridForWrite,
  householdForWrite,
  nodePath,
  type ResidentRow,
  snapshot,
  visibleResident,
} from './registry.common';
import { residentVisible } from './registry.policy';
import { floatingRegistrations, households, residents } from './registry.schema';
import { type PreparedIdentity, prepareIdentity } from './resident-input';
import { residentDetail } from './resident-views';

/** Lexemes go in as one array parameter; array_to_tsvector keeps them verbatim (no parser, no stemming). */
export const tsvectorOf = (terms: string[]) => sql`array_to_tsvector(${sql.param(terms)}::text[])`;

function identityOrThrow(ctx: Ctx, input: Parameters<typeof prepareIdentity>[1]): PreparedIdentity {
  const prepared = prepareIdentity(ctx.pii, input);
  if (Array.isArray(prepared)) throw new AppError(400, 'validation', prepared);
  return prepared;
}

/**
 * An ID number already registered: with a pointer to the record when the actor may see it, otherwise a
 * neutral "registered elsewhere" that confirms nothing about where.
 */
export async function duplicateIssue(
  db: Db,
  actor: Actor,
  idNumberIndex: string,
): Promise<FieldIssue | null> {
  const [existing] = await db
    .select({ id: residents.id, orgNodeId: residents.orgNodeId, birthDate: residents.birthDate })
    .from(residents)
    .where(eq(residents.idNumberIndex, idNumberIndex));
  if (!existing) return null;
  const path = await nodePath(db, existing.orgNodeId);
  return residentVisible(actor, existing.birthDate, path, shanghaiToday())
    ? { path: 'idNumber', code: 'registry.id_duplicate', ref: { type: 'resident', id: existing.id } }
    : { path: 'idNumber', code: 'registry.id_elsewhere' };
}

/** Registers a person in a grid; one transaction with the event, the audit entry and household link. */
export interface FloatingStart {
  arrivedOn: string;
  origin: string;
  reason: string;
  expectedUntil?: string | undefined;
}

export async function createResident(
  ctx: Ctx,
  body: ResidentCreateBody,
  extra: { floating?: FloatingStart } = {},
) {
  const actor = requirePermission(ctx, 'registry.write');
  const identity = identityOrThrow(ctx, body);
  const id = await ctx.db.transaction(async (tx) => {
    const grid = await gridForWrite(tx, actor, body.gridId);
    if (identity.idNumberIndex) {
      const dup = await duplicateIssue(tx, actor, identity.idNumberIndex);
      if (dup) throw new AppError(409, dup.code, [dup]);
    }
    const household = body.household
      ? await householdForWrite(tx, actor, body.household.householdId, 'household.householdId')
      : null;
    const { searchTerms, ...ids } = identity;
    const [row] = await tx
      .insert(residents)
      .values({
        orgNodeId: grid.id,
        districtId: districtIdOf(grid.path),
        householdId: household?.id ?? null,
        relation: body.household?.relation ?? null,
        houseId: body.houseId ?? household?.houseId ?? null,
        name: body.name,
        formerNames: body.formerNames ?? [],
        searchTerms: tsvectorOf(searchTerms),
        gender: body.gender,
        birthDate: body.birthDate,
        ...ids,
        ethnicity: body.ethnicity ?? null,
        education: body.education ?? null,
        politicalStatus: body.politicalStatus ?? null,
        maritalStatus: body.maritalStatus ?? null,
        employmentStatus: body.employmentStatus ?? null,
        hukouAddress: body.hukouAddress ?? null,
        actualAddress: body.actualAddress ?? null,
        movedInOn: body.movedInOn ?? null,
        residenceType: body.residenceType ?? 'registered',
      })
      .returning();
    if (household && body.household?.relation === 'head') {
      await tx
        .update(households)
        .set({ headId: row!.id, updatedAt: new Date() })
        .where(eq(households.id, household.id));
    }
    await addEvent(tx, row!.id, 'created', actor.accountId, { gridId: grid.id });
    if (extra.floating) {
      const f = extra.floating;
      if (f.expectedUntil && f.expectedUntil < f.arrivedOn)
        throw invalid('floating.expectedUntil', 'invalid_value');
      const [reg] = await tx
        .insert(floatingRegistrations)
        .values({
          residentId: row!.id,
          orgNodeId: grid.id,
          ...f,
          expectedUntil: f.expectedUntil ?? null,
          createdBy: actor.accountId,
        })
        .returning({ id: floatingRegistrations.id });
      await addEvent(tx, row!.id, 'floating_registered', actor.accountId, {
        registrationId: reg!.id,
        arrivedOn: f.arrivedOn,
      });
    }
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', grid.path),
      clientIp: ctx.ip,
      action: 'resident.create',
      recordType: 'resident',
      recordId: row!.id,
      after: snapshot(row!),
    });
    return row!.id;
  });
  return getResident(ctx, id);
}

export async function getResident(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'registry.read');
  const { row, path } = await visibleResident(ctx.db, actor, id);
  return residentDetail(ctx, ctx.db, row, path);
}

export type ResidentPatch = Partial<Omit<ResidentRow, 'id' | 'createdAt'>>;

/** Applies a change to one resident with its event and audit entry; shared by every life event. */
export async function changeResident(
  ctx: Ctx,
  id: number,
  action: string,
  change: (
    row: ResidentRow,
    tx: Db,
    actor: Actor,
  ) => Promise<{ patch: ResidentPatch; event?: object; reason?: string }>,
) {
  const actor = requirePermission(ctx, 'registry.write');
  await ctx.db.transaction(async (tx) => {
    const { row, path } = await visibleResident(tx, actor, id, 'registry.write', true);
    const { patch, event, reason } = await change(row, tx, actor);
    const [after] = await tx
      .update(residents)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(residents.id, id))
      .returning();
    // History kinds are past events ('updated', 'moved', …); audit actions name the operation.
    const kind = action === 'resident.update' ? 'updated' : action.replace(/^resident\./, '');
    await addEvent(tx, id, kind, actor.accountId, event ?? { fields: Object.keys(patch) });
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', path),
      clientIp: ctx.ip,
      action,
      recordType: 'resident',
      recordId: id,
      before: snapshot(row),
      after: snapshot(after!),
      reason: reason ?? null,
      details: { fields: Object.keys(patch).filter((k) => k !== 'searchTerms') },
    });
  });
  return getResident(ctx, id);
}

type UpdateBody = Partial<Omit<ResidentCreateBody, 'gridId' | 'household' | 'houseId' | 'phone'>> & {
  phone?: string | null | undefined;
  houseId?: number | null | undefined;
};

export function updateResident(ctx: Ctx, id: number, body: UpdateBody) {
  return changeResident(ctx, id, 'resident.update', async (row, tx, actor) => {
    const merged = {
      name: body.name ?? row.name,
      gender: body.gender ?? (row.gender as 'male' | 'female'),
      birthDate: body.birthDate ?? row.birthDate,
      idDocType: body.idDocType ?? (row.idDocType as ResidentCreateBody['idDocType']),
      formerNames: body.formerNames ?? row.formerNames,
      idNumber: body.idNumber ?? (row.idNumberEnc ? ctx.pii.decrypt(row.idNumberEnc) : undefined),
      phone: body.phone === undefined ? (row.phoneEnc ? ctx.pii.decrypt(row.phoneEnc) : null) : body.phone,
    };
    const identity = identityOrThrow(ctx, merged);
    if (identity.idNumberIndex && identity.idNumberIndex !== row.idNumberIndex) {
      const dup = await duplicateIssue(tx, actor, identity.idNumberIndex);
      if (dup) throw new AppError(409, dup.code, [dup]);
    }
    const { searchTerms, ...ids } = identity;
    const { phone: _p, idNumber: _i, ...plain } = body;
    return {
      patch: { ...plain, ...ids, searchTerms: tsvectorOf(searchTerms) as unknown as string },
      event: { fields: Object.keys(body) },
    };
  });
}

/** Unmasks an ID number or phone for an actor with `pii.reveal` over the grid; the reason is audited. */
export async function revealResidentField(ctx: Ctx, id: number, body: { field: string; reason: string }) {
  const actor = requirePermission(ctx, 'registry.read');
  const { row, path } = await visibleResident(ctx.db, actor, id);
  const stored =
    body.field === 'idNumber' ? row.idNumberEnc : body.field === 'phone' ? row.phoneEnc : undefined;
  if (stored === undefined) throw invalid('field', 'invalid_value');
  return revealField(ctx, ctx.db, {
    paths: [path],
    recordType: 'resident',
    recordId: id,
    field: body.field,
    reason: body.reason,
    read: () => (stored ? ctx.pii.decrypt(stored) : null),
  });
}
