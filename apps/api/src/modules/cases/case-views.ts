import {
  CASE_STATES,
  type CaseDetailView,
  type CaseState,
  type CaseView,
  type TimelineEntry,
} from '@linli/contract';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Actor, Ctx } from '../../core/context';
import type { Db } from '../../db/client';
import { residents, residentUnits } from '../registry/registry.schema';
import type { LoadedCase } from './case-access';
import { factsOf } from './case-access';
import { caseEvents, casePhotos } from './cases.schema';
import { allowedActions } from './engine';

type PhotoRow = typeof casePhotos.$inferSelect;
type EventRow = typeof caseEvents.$inferSelect;
const photoView = (p: PhotoRow) => ({
  id: p.id,
  phase: p.phase as TimelineEntry['photos'][number]['phase'],
  mime: p.mime,
  bytes: p.bytes,
  url: `/api/cases/photos/${p.id}`,
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function caseView(ctx: Ctx, actor: Actor, c: LoadedCase, now = new Date()): CaseView {
  const r = c.row;
  const state = r.state as CaseState;
  const def = CASE_STATES[state];
  return {
    id: r.id,
    kind: r.kind as CaseView['kind'],
    state,
    stateType: def.type,
    stage: def.stage,
    version: r.version,
    title: r.title,
    description: r.description,
    categoryId: r.categoryId,
    categoryCode: c.categoryCode,
    categoryName: ctx.lang === 'en-US' ? c.categoryNameEn : c.categoryNameZh,
    urgency: r.urgency as CaseView['urgency'],
    channel: r.channel as CaseView['channel'],
    orgNodeId: r.orgNodeId,
    orgNodeName: c.nodeName,
    outsideGrids: r.outsideGrids,
    handlingLevel: r.handlingLevel as CaseView['handlingLevel'],
    assigneeNodeId: r.assigneeNodeId,
    assigneeNodeName: c.assigneeName,
    providerAccountId: r.providerAccountId,
    lat: r.lat,
    lng: r.lng,
    address: r.address,
    // The reporter's name is for staff and the reporter; a department sees the matter, not the person.
    reporterName: r.reporterAccountId === actor.accountId || actor.kind === 'staff' ? r.reporterName : null,
    reportedByMe: r.reporterAccountId === actor.accountId,
    parentId: r.parentId,
    externalSystem: r.externalSystem,
    externalId: r.externalId,
    reasonCode: r.reasonCode,
    reworkCount: r.reworkCount,
    wrongDispatchCount: r.wrongDispatchCount,
    postponeCount: r.postponeCount,
    reopenCount: r.reopenCount,
    onHold: r.onHold,
    pendingRequest: r.pendingRequest as CaseView['pendingRequest'],
    pendingDueAt: iso(r.pendingDueAt),
    dueAt: iso(r.dueAt),
    stageDueAt: iso(r.stageDueAt),
    overdue: r.closedAt === null && !r.onHold && r.stageDueAt !== null && r.stageDueAt < now,
    reportedAt: r.reportedAt.toISOString(),
    filedAt: iso(r.filedAt),
    closedAt: iso(r.closedAt),
    rating: r.rating,
    updatedAt: r.updatedAt.toISOString(),
    actions: allowedActions(actor, factsOf(c)),
  };
}

/**
 * The detail: the view, its timeline and photos. The reporter (a resident, an Open311 client) sees
 * public notes only; staff see internal notes too.
 */
export async function caseDetail(ctx: Ctx, db: Db, actor: Actor, c: LoadedCase): Promise<CaseDetailView> {
  const events = await db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, c.row.id))
    .orderBy(asc(caseEvents.id));
  const photos = await db
    .select()
    .from(casePhotos)
    .where(eq(casePhotos.caseId, c.row.id))
    .orderBy(asc(casePhotos.id));
  return caseDetailOf(ctx, db, actor, c, events, photos);
}

/**
 * The detail from a case's rows already in hand (a new report builds its answer from what its
 * transaction returned instead of reading it back). `events` and `photos` in id order.
 */
export async function caseDetailOf(
  ctx: Ctx,
  db: Db,
  actor: Actor,
  c: LoadedCase,
  events: EventRow[],
  photos: PhotoRow[],
): Promise<CaseDetailView> {
  const staffView =
    actor.kind === 'staff' && !(c.row.reporterAccountId === actor.accountId && !hasStaffScope(actor));
  const byEvent = new Map<number, PhotoRow[]>();
  for (const p of photos)
    if (p.eventId !== null) byEvent.set(p.eventId, [...(byEvent.get(p.eventId) ?? []), p]);
  const timeline: TimelineEntry[] = events
    .filter((e) => staffView || e.public)
    .map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      actorName: staffView ? e.actorName : null,
      actorRole: e.actorRole,
      note: e.note,
      public: e.public,
      data: staffView ? ((e.data as Record<string, unknown> | null) ?? null) : null,
      photos: (byEvent.get(e.id) ?? []).map(photoView),
    }));
  const visibleEventIds = new Set(timeline.map((t) => t.id));
  const details = (c.row.details ?? {}) as { parties?: { name: string; role?: string }[] };
  return {
    ...caseView(ctx, actor, c),
    timeline,
    photos: photos.filter((p) => p.eventId === null || visibleEventIds.has(p.eventId)).map(photoView),
    involved: staffView ? await involvedLabels(db, c.row.involved as { type: string; id: number }[]) : [],
    parties: staffView ? (details.parties ?? null) : null,
  };
}

function hasStaffScope(actor: Actor): boolean {
  return actor.grants.some((g) => g.role !== 'resident');
}

async function involvedLabels(db: Db, refs: { type: string; id: number }[]) {
  if (refs.length === 0) return [];
  const residentIds = refs.filter((r) => r.type === 'resident').map((r) => r.id);
  const unitIds = refs.filter((r) => r.type === 'unit').map((r) => r.id);
  const people = residentIds.length
    ? await db
        .select({ id: residents.id, name: residents.name })
        .from(residents)
        .where(inArray(residents.id, residentIds))
    : [];
  const units = unitIds.length
    ? await db
        .select({ id: residentUnits.id, name: residentUnits.name })
        .from(residentUnits)
        .where(inArray(residentUnits.id, unitIds))
    : [];
  const names = new Map<string, string>([
    ...people.map((p): [string, string] => [`resident:${p.id}`, p.name]),
    ...units.map((u): [string, string] => [`unit:${u.id}`, u.name]),
  ]);
  return refs.map((r) => ({ type: r.type, id: r.id, label: names.get(`${r.type}:${r.id}`) ?? `#${r.id}` }));
}
