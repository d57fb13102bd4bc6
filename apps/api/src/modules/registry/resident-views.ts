import { COMPUTED_TAGS, type ResidentView, TAGS, type Tag } from '@linli/contract';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor, Ctx } from '../../core/context';
import type { Db } from '../../db/client';
import { accounts } from '../accounts/accounts.schema';
import { orgNodes } from '../org/org.schema';
import { ageOn, shanghaiToday, yearsBefore } from './dates';
import type { ResidentRow } from './registry.common';
import { tagVisible, UNDER_14 } from './registry.policy';
import { floatingRegistrations, residentTags } from './registry.schema';

type TagRow = typeof residentTags.$inferSelect;

function computedTags(birthDate: string, today: string): string[] {
  const out: string[] = [];
  if (birthDate <= yearsBefore(today, 80)) out.push('aged_80');
  if (birthDate <= yearsBefore(today, 60)) out.push('aged_60');
  if (birthDate > yearsBefore(today, 18)) out.push('minor');
  if (birthDate > yearsBefore(today, UNDER_14)) out.push('under_14');
  return out.filter((t) => (COMPUTED_TAGS as readonly string[]).includes(t));
}

const currentTag = (t: TagRow, today: string) => !t.removedAt && (!t.endsOn || t.endsOn >= today);

/** Turns rows into views: masked numbers, grid and community names, the tags this actor may see. */
export async function residentViews(ctx: Ctx, db: Db, rows: ResidentRow[]): Promise<ResidentView[]> {
  if (rows.length === 0) return [];
  const actor = ctx.actor as Actor;
  const today = shanghaiToday();
  const nodeIds = [...new Set(rows.map((r) => r.orgNodeId))];
  const grids = await db
    .select({ id: orgNodes.id, name: orgNodes.name, path: orgNodes.path, parentId: orgNodes.parentId })
    .from(orgNodes)
    .where(inArray(orgNodes.id, nodeIds));
  const parentIds = [...new Set(grids.map((g) => g.parentId).filter((p): p is number => p !== null))];
  const parents = parentIds.length
    ? await db
        .select({ id: orgNodes.id, name: orgNodes.name })
        .from(orgNodes)
        .where(inArray(orgNodes.id, parentIds))
    : [];
  const tags = await db
    .select()
    .from(residentTags)
    .where(
      and(
        inArray(
          residentTags.residentId,
          rows.map((r) => r.id),
        ),
        isNull(residentTags.removedAt),
      ),
    );
  return rows.map((r) => {
    const grid = grids.find((g) => g.id === r.orgNodeId);
    const path = grid?.path ?? '';
    const recorded = tags
      .filter((t) => t.residentId === r.id && currentTag(t, today))
      .map((t) => ctx.pii.decrypt(t.tagEnc))
      .filter((tag) => tagVisible(actor, tag, path));
    return {
      id: r.id,
      gridId: r.orgNodeId,
      gridName: grid?.name ?? '',
      communityName: parents.find((p) => p.id === grid?.parentId)?.name ?? null,
      name: r.name,
      formerNames: r.formerNames,
      gender: r.gender as ResidentView['gender'],
      birthDate: r.birthDate,
      age: ageOn(r.birthDate, today),
      idDocType: r.idDocType as ResidentView['idDocType'],
      idNumber: r.idNumberMasked,
      phone: r.phoneMasked,
      ethnicity: r.ethnicity,
      education: r.education,
      politicalStatus: r.politicalStatus,
      maritalStatus: r.maritalStatus,
      employmentStatus: r.employmentStatus,
      hukouAddress: r.hukouAddress,
      actualAddress: r.actualAddress,
      movedInOn: r.movedInOn,
      residenceType: r.residenceType as ResidentView['residenceType'],
      status: r.status as ResidentView['status'],
      householdId: r.householdId,
      relation: r.relation,
      houseId: r.houseId,
      tags: [...new Set([...recorded, ...computedTags(r.birthDate, today)])],
      under14: r.birthDate > yearsBefore(today, UNDER_14),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** The detail view: the list view plus tag records (with who set them) and the open floating registration. */
export async function residentDetail(ctx: Ctx, db: Db, row: ResidentRow, path: string) {
  const [view] = await residentViews(ctx, db, [row]);
  const actor = ctx.actor as Actor;
  const tagRows = await db
    .select({ tag: residentTags, setByName: accounts.displayName })
    .from(residentTags)
    .leftJoin(accounts, eq(accounts.id, residentTags.setBy))
    .where(and(eq(residentTags.residentId, row.id), isNull(residentTags.removedAt)));
  const tagRecords = tagRows
    .map(({ tag, setByName }) => ({ t: tag, tag: ctx.pii.decrypt(tag.tagEnc), setByName }))
    .filter(({ tag }) => tag in TAGS && tagVisible(actor, tag as Tag, path))
    .map(({ t, tag, setByName }) => ({
      id: t.id,
      tag,
      detail: t.detailEnc ? ctx.pii.decrypt(t.detailEnc) : null,
      source: t.source,
      startsOn: t.startsOn,
      endsOn: t.endsOn,
      setByName,
    }));
  // The latest registration, open or departed, so a departure stays visible on the person.
  const [floating] = await db
    .select()
    .from(floatingRegistrations)
    .where(eq(floatingRegistrations.residentId, row.id))
    .orderBy(desc(floatingRegistrations.id))
    .limit(1);
  return {
    ...view!,
    tagRecords,
    floating: floating
      ? {
          id: floating.id,
          arrivedOn: floating.arrivedOn,
          origin: floating.origin,
          reason: floating.reason,
          expectedUntil: floating.expectedUntil,
          departedOn: floating.departedOn,
        }
      : null,
  };
}
