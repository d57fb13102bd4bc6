import {
  CASE_STATES,
  type CaseActionBody,
  type CaseChannel,
  type CaseDetailView,
  type CaseReportBody,
  type CaseState,
  type StageLimits,
  TRANSITIONS,
} from '@linli/contract';
import { and, eq, sql } from 'drizzle-orm';
import { auditActorOf, grantsWith, pathInScope, requireActor } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { AppError, conflict, forbidden, invalid } from '../../core/errors';
import { addWorkingHours } from '../../core/working-time';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit';
import { cachedOverrides, loadOverrides } from '../calendar';
import { enqueueJob } from '../jobs';
import { accountsCovering, notify } from '../notices';
import { factsOf, type LoadedCase, selectCases, visibleCase } from './case-access';
import { emergencyAlert, noticesAfterAction } from './case-notices';
import { caseDetail, caseDetailOf } from './case-views';
import { caseEvents, type casePhotos, cases } from './cases.schema';
import {
  type CategoryRow,
  cachedCategoryById,
  categoryById,
  DEFAULT_LIMITS,
  URGENT_LIMITS,
} from './categories';
import { isFlagAction, isTransition, levelAbove, mayFire, withinReopenWindow } from './engine';
import { GridLocator, liveNode } from './grid-locator';
import { attachPhotos } from './photos';
import { insertEventRow, insertReport, insertWholeReport } from './report-insert';
import { addDeltas, type StatDelta } from './stats';

type EventRow = typeof caseEvents.$inferSelect;
type CaseRow = typeof cases.$inferSelect;
type PhotoRow = typeof casePhotos.$inferSelect;

// One locator per database handle (tests and benches run several apps in one process).
const locators = new WeakMap<Db, GridLocator>();
function locatorFor(db: Db): GridLocator {
  const known = locators.get(db);
  if (known) return known;
  const locator = new GridLocator();
  locators.set(db, locator);
  return locator;
}

/** The district id from a node path: the tree is city-rooted, so it is the second id. */
const districtIdOf = (path: string) => {
  const ids = path.split('/').filter(Boolean).map(Number);
  return ids[1] ?? ids[0] ?? 0;
};

interface Place {
  nodeId: number;
  path: string;
  name: string;
  outside: boolean;
}

/** The grid a point lies in (or the nearest community, flagged), for other modules placing their matters. */
export function locateGrid(db: Db, lng: number, lat: number) {
  return locatorFor(db).locate(db, lng, lat);
}

/** Where a report lies: its point through the grid polygons, else the node it names. */
async function placeOf(ctx: Ctx, actor: Actor, body: CaseReportBody, channel: CaseChannel): Promise<Place> {
  if (body.lat !== undefined && body.lng !== undefined) {
    const found = await locatorFor(ctx.db).locate(ctx.db, body.lng, body.lat);
    if (!found) throw invalid('lat', 'cases.location_unknown');
    // Staff report where they work; residents and outside systems report anywhere in the city.
    if (actor.kind === 'staff' && channel !== 'open311' && !reportScope(actor, found.path))
      throw invalid('lat', 'cases.location_out_of_scope');
    return found;
  }
  if (body.lat !== undefined || body.lng !== undefined)
    throw invalid(body.lat === undefined ? 'lat' : 'lng', 'required');
  const nodeId = body.orgNodeId ?? (actor.kind === 'resident' ? actor.grants[0]?.orgNodeId : undefined);
  if (!nodeId) throw invalid('lat', 'cases.location_required');
  const node = await liveNode(ctx.db, nodeId);
  const allowed =
    node &&
    (actor.kind === 'resident'
      ? actor.grants.some((g) => g.orgNodeId === node.id)
      : reportScope(actor, node.path));
  if (!node || !allowed || !['grid', 'community'].includes(node.level))
    throw invalid('orgNodeId', 'cases.node_unknown');
  return { nodeId: node.id, path: node.path, name: node.name, outside: false };
}

const reportScope = (actor: Actor, path: string) =>
  pathInScope(actor, 'cases.report', path) ||
  pathInScope(actor, 'cases.dispatch', path) ||
  pathInScope(actor, 'cases.handle', path);

function channelOf(actor: Actor, requested: CaseChannel | undefined): CaseChannel {
  if (requested) return requested;
  if (actor.kind === 'resident') return 'resident';
  if (actor.grants.some((g) => g.role === 'grid_worker')) return 'grid_worker';
  if (actor.grants.some((g) => g.role === 'hotline_operator')) return 'hotline';
  if (actor.grants.some((g) => g.role === 'community_worker' || g.role === 'community_leader'))
    return 'window';
  return 'other';
}

function mayReport(actor: Actor, channel: CaseChannel): boolean {
  if (channel === 'open311') return grantsWith(actor, 'open311.submit').length > 0;
  if (actor.kind === 'resident') return grantsWith(actor, 'self.service').length > 0;
  return ['cases.report', 'cases.dispatch', 'cases.handle', 'hotline.operate'].some(
    (p) => grantsWith(actor, p as never).length > 0,
  );
}

async function stageDue(db: Db, from: Date, hours: number): Promise<Date> {
  return addWorkingHours(from, hours, await cachedOverrides(db));
}

async function limitsOf(db: Db, categoryId: number | null, urgency: string): Promise<StageLimits> {
  return limitsFor(categoryId ? await categoryById(db, categoryId) : null, urgency);
}

const limitsFor = (cat: CategoryRow | null, urgency: string): StageLimits =>
  cat
    ? ((urgency === 'urgent' ? cat.limitsUrgent : cat.limitsNormal) as StageLimits)
    : urgency === 'urgent'
      ? URGENT_LIMITS
      : DEFAULT_LIMITS;

export interface ReportOptions {
  channel?: CaseChannel;
  /** For channels that carry their own reporter (Open311 first/last name). */
  reporterName?: string;
}

/**
 * Takes a report into the loop: place (point → grid, or the nearest community, flagged), deadline of
 * the first stage, timeline entry, counters, audit and the intake job, in one transaction. Replaying
 * an idempotency key returns the case the first call created (offline phones sync twice).
 */
export async function reportCase(
  ctx: Ctx,
  body: CaseReportBody,
  opts: ReportOptions = {},
): Promise<CaseDetailView> {
  const actor = requireActor(ctx);
  const channel = channelOf(actor, opts.channel);
  if (!mayReport(actor, channel)) throw forbidden();
  if (body.idempotencyKey) {
    const [seen] = await ctx.db
      .select({ id: cases.id })
      .from(cases)
      .where(
        and(eq(cases.reporterAccountId, actor.accountId), eq(cases.idempotencyKey, body.idempotencyKey)),
      );
    if (seen) return getCase(ctx, seen.id);
  }
  const place = await placeOf(ctx, actor, body, channel);
  if (body.selfResolved && !pathInScope(actor, 'cases.handle', place.path))
    throw invalid('selfResolved', 'cases.self_resolve_not_allowed');
  if (body.selfResolved && body.photoIds.length === 0) throw invalid('photoIds', 'cases.photos_required');
  const category = body.categoryId ? await cachedCategoryById(ctx.db, body.categoryId) : null;
  const urgency = body.kind === 'emergency' ? 'urgent' : body.urgency;
  const now = new Date();
  const state: CaseState = body.draft ? 'draft' : 'reported';
  const due = await stageDue(ctx.db, now, limitsFor(category, urgency).file);
  const values = {
    at: now,
    countReported: !body.draft,
    event: {
      actorAccountId: actor.accountId,
      actorRole: actor.grants[0]?.role ?? null,
      actorName: actor.displayName,
      action: body.draft ? 'draft' : 'report',
      fromState: null,
      toState: state,
      note: body.description || null,
      public: true,
      onTime: null,
      data: { channel, outsideGrids: place.outside },
    },
    case: {
      kind: body.kind,
      state,
      categoryId: body.categoryId ?? null,
      urgency,
      channel,
      title: body.title,
      description: body.description,
      orgNodeId: place.nodeId,
      districtId: districtIdOf(place.path),
      outsideGrids: place.outside,
      lat: body.lat ?? null,
      lng: body.lng ?? null,
      address: body.address ?? null,
      reporterAccountId: actor.accountId,
      reporterName: opts.reporterName ?? actor.displayName,
      involved: body.involved,
      details: body.parties ? { parties: body.parties } : null,
      stageDueAt: due,
      stageEnteredAt: now,
      reportedAt: now,
      idempotencyKey: body.idempotencyKey ?? null,
    },
  };
  const auditEntry = {
    actor: auditActorOf(actor),
    clientIp: ctx.ip,
    action: 'case.report',
    recordType: 'case',
    details: { kind: body.kind, channel, state },
  };
  // The answer is built from what the write returned, not read back afterwards.
  const events: EventRow[] = [];
  const photos: PhotoRow[] = [];
  let created: CaseRow | null;
  if (!body.selfResolved && body.kind !== 'emergency') {
    // An ordinary report is one statement (report-insert.ts); only the two that add events run a transaction.
    const whole = await insertWholeReport(ctx.db, {
      ...values,
      photoIds: body.photoIds,
      intakeJob: !body.draft,
      auditEntry,
    });
    created = whole?.case ?? null;
    if (whole) {
      events.push(whole.event);
      photos.push(...whole.photos);
    }
  } else {
    created = await ctx.db.transaction(async (tx) => {
      const inserted = await insertReport(tx, values);
      if (!inserted) return null; // the same key raced in: the first one wins
      let row: CaseRow | undefined = inserted.case;
      const reported = inserted.event;
      events.push(reported);
      photos.push(
        ...(await attachPhotos(tx, actor.accountId, body.photoIds, {
          caseId: row.id,
          eventId: reported.id,
          phase: 'report',
        })),
      );
      // `reported` was counted with the insert; these are the rest.
      const deltas: StatDelta[] = [];
      if (body.selfResolved && !body.draft) {
        const resolved = await insertEvent(tx, actor, row.id, {
          action: 'self_resolve',
          fromState: 'reported',
          toState: 'self_resolved',
          note: body.selfResolved.note,
          public: true,
          data: null,
        });
        events.push(resolved);
        photos.push(
          ...(await attachPhotos(
            tx,
            actor.accountId,
            body.selfResolved.afterPhotoIds,
            { caseId: row.id, eventId: resolved.id, phase: 'self_resolve' },
            'selfResolved.afterPhotoIds',
          )),
        );
        [row] = await tx
          .update(cases)
          .set({ state: 'self_resolved', closedAt: now, closedOnTime: true, version: 2 })
          .where(eq(cases.id, row.id))
          .returning();
        if (!row) throw new Error('the case just inserted is gone');
        for (const counter of ['valid', 'self_resolved', 'closed', 'closed_on_time', 'due'] as const)
          deltas.push({ nodeId: place.nodeId, dimension: 'territory', counter });
      }
      if (body.kind === 'emergency' && !body.draft) {
        const alerted = await emergencyAlert(tx, actor, row.id, body.title, place.path);
        events.push(
          await insertEvent(tx, actor, row.id, {
            action: 'alert',
            fromState: null,
            toState: null,
            note: null,
            public: false,
            data: { nodeId: place.nodeId, alerted },
          }),
        );
      }
      await addDeltas(tx, deltas, now);
      await recordAudit(tx, { ...auditEntry, recordId: row.id });
      if (!body.draft) await enqueueJob(tx, 'cases.intake', { caseId: row.id });
      return row;
    });
  }
  if (created === null) return reportCase(ctx, body, opts);
  const loaded: LoadedCase = {
    row: created,
    path: place.path,
    nodeName: place.name,
    assigneePath: null,
    assigneeName: null,
    assigneeLevel: null,
    categoryCode: category?.code ?? null,
    categoryNameZh: category?.nameZh ?? null,
    categoryNameEn: category?.nameEn ?? null,
  };
  return caseDetailOf(ctx, ctx.db, actor, loaded, events, photos);
}

export async function getCase(ctx: Ctx, id: number): Promise<CaseDetailView> {
  const actor = requireActor(ctx);
  const c = await visibleCase(ctx.db, actor, id);
  return caseDetail(ctx, ctx.db, actor, c);
}

interface EventInput {
  action: string;
  fromState: string | null;
  toState: string | null;
  note: string | null;
  public: boolean;
  data: Record<string, unknown> | null;
  onTime?: boolean | null;
}

async function addEvent(db: Db, actor: Actor, caseId: number, e: EventInput): Promise<number> {
  return (await insertEvent(db, actor, caseId, e)).id;
}

async function insertEvent(db: Db, actor: Actor, caseId: number, e: EventInput): Promise<EventRow> {
  const row = await insertEventRow(db, {
    caseId,
    actorAccountId: actor.accountId,
    actorRole: actor.grants[0]?.role ?? null,
    actorName: actor.displayName,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    note: e.note,
    public: e.public,
    onTime: e.onTime ?? null,
    data: e.data,
  });
  return row!;
}

export async function addNote(
  ctx: Ctx,
  id: number,
  body: { note: string; public: boolean; photoIds: number[] },
) {
  const actor = requireActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const c = await visibleCase(tx, actor, id, true);
    // A resident's note is always public (it is theirs); staff choose.
    const isPublic = actor.kind === 'resident' ? true : body.public;
    const eventId = await addEvent(tx, actor, id, {
      action: 'note',
      fromState: null,
      toState: null,
      note: body.note,
      public: isPublic,
      data: null,
    });
    await attachPhotos(tx, actor.accountId, body.photoIds, { caseId: id, eventId, phase: 'report' });
    await tx.update(cases).set({ updatedAt: new Date() }).where(eq(cases.id, c.row.id));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'case.note',
      recordType: 'case',
      recordId: id,
      details: { public: isPublic },
    });
  });
  return getCase(ctx, id);
}

type Patch = Partial<typeof cases.$inferInsert>;

interface ActionResult {
  patch: Patch;
  deltas: StatDelta[];
  data: Record<string, unknown> | null;
  onTime?: boolean | null;
  photoPhase?: string;
}

const need = <T>(value: T | undefined | null, field: string): T => {
  if (value === undefined || value === null || value === '') throw invalid(field, 'required');
  return value;
};

/**
 * Fires one action on a case: the table decides if it is allowed from this state for this actor, the
 * version must be the one the actor saw, and the state, counters, deadline, timeline, statistics and
 * audit change together or not at all.
 */
export async function actOnCase(ctx: Ctx, id: number, body: CaseActionBody): Promise<CaseDetailView> {
  const actor = requireActor(ctx);
  const action = body.action;
  return ctx.db.transaction(async (tx) => {
    const c = await visibleCase(tx, actor, id, true);
    if (c.row.version !== body.version) throw conflict('cases.stale_version');
    if (!mayFire(actor, action, factsOf(c))) {
      const stateAllows = isTransition(action)
        ? (TRANSITIONS[action].from as readonly string[]).includes(c.row.state)
        : isFlagAction(action);
      if (action === 'reopen' && stateAllows && !withinReopenWindow(c.row.closedAt))
        throw conflict('cases.reopen_window_passed');
      throw stateAllows
        ? new AppError(403, 'cases.action_forbidden')
        : conflict('cases.transition_not_allowed');
    }
    const now = new Date();
    const from = c.row.state as CaseState;
    const to: CaseState = isTransition(action) ? TRANSITIONS[action].to : from;
    const result = await effectOf(tx, actor, c, body, now);
    const patch: Patch = { ...result.patch, state: to, version: c.row.version + 1, updatedAt: now };
    const deltas = [...result.deltas];
    // A postponement or hold asked for while handling lapses when handling ends (nobody can act on it then).
    if (from === 'in_progress' && to !== from && c.row.pendingRequest) {
      patch.pendingRequest = null;
      patch.pendingDueAt = null;
    }
    if (to !== from) {
      // Time spent in the stage being left, for "average handling time per stage".
      const stage = CASE_STATES[from].stage;
      deltas.push(
        {
          nodeId: c.row.orgNodeId,
          dimension: 'territory',
          counter: `stage_ms:${stage}`,
          amount: now.getTime() - c.row.stageEnteredAt.getTime(),
        },
        { nodeId: c.row.orgNodeId, dimension: 'territory', counter: `stage_n:${stage}` },
      );
      patch.stageEnteredAt = now;
    }
    const updated = await tx
      .update(cases)
      .set(patch)
      .where(and(eq(cases.id, id), eq(cases.version, c.row.version)))
      .returning({ id: cases.id });
    if (updated.length === 0) throw conflict('cases.stale_version');
    const eventId = await addEvent(tx, actor, id, {
      action,
      fromState: from,
      toState: to === from ? null : to,
      note: body.note ?? null,
      public: body.notePublic ?? publicByDefault(action),
      data: result.data,
      onTime: result.onTime ?? null,
    });
    await attachPhotos(tx, actor.accountId, body.photoIds ?? [], {
      caseId: id,
      eventId,
      phase: result.photoPhase ?? 'report',
    });
    await addDeltas(tx, deltas, now);
    await noticesAfterAction(tx, actor, c, action, patch.assigneeNodeId ?? null, to);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: `case.${action}`,
      recordType: 'case',
      recordId: id,
      details: { from, to, version: c.row.version + 1 },
    });
    // Built from the row as it now is, without the visibility test: a department that returns a case
    // loses sight of it, but still gets the answer to what it just did.
    const [after] = await selectCases(tx).where(eq(cases.id, id));
    return caseDetail(ctx, tx, actor, after!);
  });
}

/** What the reporter sees of the timeline unless staff say otherwise: the steps that matter to them. */
const PUBLIC_ACTIONS = new Set([
  'submit',
  'file',
  'reject',
  'merge',
  'dispatch',
  'handle',
  'check_pass',
  'close',
  'evaluate',
  'reopen',
  'transfer',
  'self_resolve',
]);
const publicByDefault = (action: string) => PUBLIC_ACTIONS.has(action);

async function effectOf(
  tx: Db,
  actor: Actor,
  c: LoadedCase,
  body: CaseActionBody,
  now: Date,
): Promise<ActionResult> {
  const r = c.row;
  const territory = (counter: StatDelta['counter'], amount = 1): StatDelta => ({
    nodeId: r.orgNodeId,
    dimension: 'territory',
    counter,
    amount,
  });
  // A department's figures twice: on the department itself (its own desk), and inside the territory
  // as `<deptId>:<counter>` in the territory_dept dimension (so a street sees how each department did on the street's cases).
  const department = (counter: StatDelta['counter']): StatDelta[] =>
    r.assigneeNodeId && c.assigneeLevel === 'department'
      ? [
          { nodeId: r.assigneeNodeId, dimension: 'department', counter },
          { nodeId: r.orgNodeId, dimension: 'territory_dept', counter: `${r.assigneeNodeId}:${counter}` },
        ]
      : [];
  const onTimeNow = r.stageDueAt === null || now <= r.stageDueAt;
  const limits = await limitsOf(tx, body.categoryId ?? r.categoryId, body.urgency ?? r.urgency);
  const due = (hours: number) => stageDue(tx, now, hours);
  const closing = (): ActionResult => {
    const onTime = r.dueAt === null || now <= r.dueAt;
    const deltas = [territory('closed'), ...department('closed')];
    if (onTime) deltas.push(territory('closed_on_time'), ...department('closed_on_time'));
    if (!r.dueCounted) deltas.push(territory('due'));
    return {
      patch: { closedAt: now, closedOnTime: onTime, dueCounted: true, stageDueAt: null },
      deltas,
      data: { onTime },
    };
  };

  switch (body.action) {
    case 'submit':
      return {
        patch: { reportedAt: now, stageDueAt: await due(limits.file) },
        deltas: [territory('reported')],
        data: null,
      };
    case 'request_verify':
      return { patch: { stageDueAt: await due(limits.check) }, deltas: [], data: null };
    case 'verify':
      return {
        patch: { stageDueAt: await due(limits.file) },
        deltas: [],
        data: null,
        onTime: onTimeNow,
        photoPhase: 'verify',
      };
    case 'file': {
      const categoryId = need(body.categoryId ?? r.categoryId, 'categoryId');
      const cat = await categoryById(tx, categoryId);
      const urgency = body.urgency ?? r.urgency;
      const l = (urgency === 'urgent' ? cat.limitsUrgent : cat.limitsNormal) as StageLimits;
      const overrides = await loadOverrides(tx);
      return {
        patch: {
          categoryId,
          urgency,
          filedAt: now,
          handlingLevel: r.handlingLevel === 'community' ? cat.defaultLevel : r.handlingLevel,
          dueAt: addWorkingHours(now, l.dispatch + l.handle + l.check, overrides),
          stageDueAt: addWorkingHours(now, l.dispatch, overrides),
        },
        deltas: [territory('filed'), territory('valid')],
        data: { categoryId, urgency },
      };
    }
    case 'reject':
      return {
        patch: { reasonCode: need(body.reasonCode, 'reasonCode'), closedAt: now, stageDueAt: null },
        deltas: [territory('rejected')],
        data: { reasonCode: body.reasonCode },
      };
    case 'merge': {
      const parentId = need(body.parentId, 'parentId');
      if (parentId === r.id) throw invalid('parentId', 'cases.parent_self');
      const parent = await visibleCase(tx, actor, parentId).catch(() => {
        throw invalid('parentId', 'cases.parent_unknown');
      });
      if (CASE_STATES[parent.row.state as CaseState].type !== 'open')
        throw invalid('parentId', 'cases.parent_closed');
      return { patch: { parentId, closedAt: now, stageDueAt: null }, deltas: [], data: { parentId } };
    }
    case 'self_resolve':
      if (!body.photoIds?.length) throw invalid('photoIds', 'cases.photos_required');
      return {
        ...closing(),
        deltas: [territory('valid'), territory('self_resolved'), ...closing().deltas],
        photoPhase: 'self_resolve',
      };
    case 'transfer': {
      const externalSystem = need(body.externalSystem, 'externalSystem');
      const externalId = need(body.externalId, 'externalId');
      return {
        patch: { externalSystem, externalId, closedAt: now, stageDueAt: null },
        deltas: [],
        data: { externalSystem, externalId },
      };
    }
    case 'dispatch': {
      const assigneeNodeId = need(body.assigneeNodeId, 'assigneeNodeId');
      const node = await liveNode(tx, assigneeNodeId);
      if (!node || !['department', 'street', 'community', 'grid'].includes(node.level))
        throw invalid('assigneeNodeId', 'cases.assignee_unknown');
      const deltas = [territory('dispatched')];
      if (node.level === 'department')
        deltas.push(
          { nodeId: node.id, dimension: 'department', counter: 'dispatched' },
          { nodeId: r.orgNodeId, dimension: 'territory_dept', counter: `${node.id}:dispatched` },
        );
      return {
        patch: { assigneeNodeId, stageDueAt: await due(limits.handle) },
        deltas,
        data: { assigneeNodeId, assigneeName: node.name, dispatchedBy: actor.accountId },
      };
    }
    case 'return': {
      const dispatchedBy = await lastDispatcher(tx, r.id);
      need(body.note, 'note');
      return {
        patch: {
          assigneeNodeId: null,
          wrongDispatchCount: r.wrongDispatchCount + 1,
          stageDueAt: await due(limits.dispatch),
        },
        deltas: [territory('wrong_dispatch'), ...department('wrong_dispatch')],
        data: { returnedFrom: r.assigneeNodeId, dispatchedBy },
      };
    }
    case 'accept':
      return { patch: {}, deltas: [], data: null };
    case 'handle':
      if (r.kind === 'grid_event' && !body.photoIds?.length)
        throw invalid('photoIds', 'cases.photos_required');
      return {
        patch: { stageDueAt: await due(limits.check) },
        deltas: [],
        data: null,
        onTime: onTimeNow,
        photoPhase: 'handle',
      };
    case 'request_check':
      return { patch: {}, deltas: [], data: null };
    case 'check_pass':
      return { ...closing(), onTime: onTimeNow, photoPhase: 'check' };
    case 'close':
      return closing();
    case 'check_fail':
      need(body.note, 'note');
      return {
        patch: { reworkCount: r.reworkCount + 1, stageDueAt: await due(limits.handle) },
        deltas: [territory('rework'), ...department('rework')],
        data: null,
        onTime: onTimeNow,
        photoPhase: 'check',
      };
    case 'evaluate': {
      const rating = need(body.rating, 'rating');
      const deltas = [territory('evaluated'), territory('rating_sum', rating)];
      if (rating >= 4) deltas.push(territory('satisfied'));
      return { patch: { rating }, deltas, data: { rating } };
    }
    case 'reopen': {
      need(body.note, 'note');
      return {
        patch: {
          reopenCount: r.reopenCount + 1,
          closedAt: null,
          closedOnTime: null,
          rating: null,
          stageDueAt: await due(limits.dispatch),
        },
        deltas: [],
        data: null,
      };
    }
    case 'request_postpone': {
      const requested = new Date(need(body.dueAt, 'dueAt'));
      if (r.dueAt && requested <= r.dueAt) throw invalid('dueAt', 'cases.due_not_later');
      need(body.note, 'note');
      return {
        patch: { pendingRequest: 'postpone', pendingDueAt: requested },
        deltas: [],
        data: { dueAt: requested.toISOString() },
      };
    }
    case 'approve_postpone': {
      const dueAt = body.dueAt ? new Date(body.dueAt) : (r.pendingDueAt ?? now);
      return {
        patch: {
          pendingRequest: null,
          pendingDueAt: null,
          dueAt,
          stageDueAt: dueAt,
          postponeCount: r.postponeCount + 1,
        },
        deltas: [territory('postponed'), ...department('postponed')],
        data: { dueAt: dueAt.toISOString(), previousDueAt: r.dueAt?.toISOString() ?? null },
      };
    }
    case 'deny_postpone':
    case 'deny_hold':
      return { patch: { pendingRequest: null, pendingDueAt: null }, deltas: [], data: null };
    case 'request_hold':
      need(body.note, 'note');
      return { patch: { pendingRequest: 'hold' }, deltas: [], data: null };
    case 'approve_hold':
      return {
        patch: { pendingRequest: null, onHold: true },
        deltas: [territory('on_hold')],
        data: { heldAt: now.toISOString() },
      };
    case 'release_hold': {
      const heldAt = await lastHoldStart(tx, r.id);
      const paused = heldAt ? now.getTime() - heldAt.getTime() : 0;
      const shift = (d: Date | null) => (d ? new Date(d.getTime() + paused) : null);
      return {
        patch: { onHold: false, dueAt: shift(r.dueAt), stageDueAt: shift(r.stageDueAt) },
        deltas: [territory('on_hold', -1)],
        data: { pausedMs: paused },
      };
    }
    case 'escalate': {
      const level = levelAbove(r.handlingLevel as never);
      if (!level) throw conflict('cases.escalate_top');
      return {
        patch: { handlingLevel: level, escalatedAt: now },
        deltas: [],
        data: { from: r.handlingLevel, to: level },
      };
    }
    case 'send_provider': {
      const providerAccountId = need(body.providerAccountId, 'providerAccountId');
      // Whether this provider may take this demand (vetted, category, distance) is the hotline's rule.
      if (providerCheck) await providerCheck(tx, r, providerAccountId);
      return {
        patch: { providerAccountId, stageDueAt: await due(limits.dispatch) },
        deltas: [territory('dispatched')],
        data: { providerAccountId },
      };
    }
    case 'provider_accept':
      return { patch: { stageDueAt: await due(limits.handle) }, deltas: [], data: null, onTime: onTimeNow };
    case 'provider_decline':
      need(body.note, 'note');
      return {
        patch: { providerAccountId: null, stageDueAt: await due(limits.dispatch) },
        deltas: [territory('declined')],
        data: { providerAccountId: r.providerAccountId },
      };
    case 'serve':
      return { patch: { stageDueAt: await due(limits.check) }, deltas: [], data: null, onTime: onTimeNow };
    case 'call_back': {
      const rating = need(body.rating, 'rating');
      const closed = closing();
      const deltas = [...closed.deltas, territory('evaluated'), territory('rating_sum', rating)];
      if (rating >= 4) deltas.push(territory('satisfied'));
      return { patch: { ...closed.patch, rating }, deltas, data: { rating } };
    }
    case 'cancel_demand':
      return {
        patch: { reasonCode: body.reasonCode ?? 'other', closedAt: now, stageDueAt: null },
        deltas: [territory('rejected')],
        data: null,
      };
    default:
      throw invalid('action', 'invalid_value');
  }
}

async function lastDispatcher(db: Db, caseId: number): Promise<number | null> {
  const [row] = await db
    .select({ actor: caseEvents.actorAccountId })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, 'dispatch')))
    .orderBy(sql`${caseEvents.id} desc`)
    .limit(1);
  return row?.actor ?? null;
}

async function lastHoldStart(db: Db, caseId: number): Promise<Date | null> {
  const [row] = await db
    .select({ at: caseEvents.at })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, 'approve_hold')))
    .orderBy(sql`${caseEvents.id} desc`)
    .limit(1);
  return row?.at ?? null;
}

/**
 * Who may be sent a hotline demand (vetted, of the demand's category, close enough) is the hotline
 * module's rule: it registers a check at start-up, and the engine asks it inside the action's
 * transaction. Without a hotline module, any provider account may be sent one.
 */
export type ProviderCheck = (
  db: Db,
  demand: typeof cases.$inferSelect,
  providerAccountId: number,
) => Promise<void>;
let providerCheck: ProviderCheck | null = null;
export function registerProviderCheck(check: ProviderCheck): void {
  providerCheck = check;
}

export interface DemandInput {
  kind?: 'hotline';
  title: string;
  description: string;
  orgNodeId: number;
  lat: number | null;
  lng: number | null;
  address: string | null;
  /** The caller or the resident who filed it (the reporter of record). */
  reporterAccountId: number;
  reporterName: string;
  channel: 'hotline' | 'resident';
  details: Record<string, unknown>;
  /** Working hours to find a provider; the rest follows the category-less default limits. */
  urgency: 'normal' | 'urgent';
}

/**
 * Opens a hotline demand in the case engine, already received (state `filed`), in the caller's
 * transaction: the operator (or the resident's app) took it; the next step is matching a provider.
 */
export async function openDemand(db: Db, input: DemandInput): Promise<number> {
  const node = await liveNode(db, input.orgNodeId);
  if (!node) throw invalid('orgNodeId', 'cases.node_unknown');
  const now = new Date();
  const overrides = await cachedOverrides(db);
  const l = input.urgency === 'urgent' ? URGENT_LIMITS : DEFAULT_LIMITS;
  const [row] = await db
    .insert(cases)
    .values({
      kind: 'hotline',
      state: 'filed',
      urgency: input.urgency,
      channel: input.channel,
      title: input.title,
      description: input.description,
      orgNodeId: node.id,
      districtId: districtIdOf(node.path),
      handlingLevel: 'community',
      lat: input.lat,
      lng: input.lng,
      address: input.address,
      reporterAccountId: input.reporterAccountId,
      reporterName: input.reporterName,
      details: input.details,
      dueAt: addWorkingHours(now, l.dispatch + l.handle + l.check, overrides),
      stageDueAt: addWorkingHours(now, l.dispatch, overrides),
      stageEnteredAt: now,
      reportedAt: now,
      filedAt: now,
    })
    .returning({ id: cases.id });
  await db.insert(caseEvents).values({
    caseId: row!.id,
    actorAccountId: input.reporterAccountId,
    actorName: input.reporterName,
    action: 'report',
    fromState: null,
    toState: 'filed',
    public: true,
    note: input.description || null,
    data: { channel: input.channel },
  });
  await addDeltas(
    db,
    (['reported', 'valid', 'filed'] as const).map((counter) => ({
      nodeId: node.id,
      dimension: 'territory' as const,
      counter,
    })),
    now,
  );
  return row!.id;
}

export interface FollowUpInput {
  /** Whose matter it is: the reporter of record (the resident who rated a service poorly). */
  reporterAccountId: number;
  reporterName: string;
  title: string;
  description: string;
  /** The grid or community the matter belongs to. */
  orgNodeId: number;
  /** Who must answer: the community (its leader holds cases.handle there). */
  assigneeNodeId: number;
  /** The answer is due within this many working hours (1 working day = 8). */
  dueHours: number;
  /** Where it came from, for the timeline (e.g. { applicationId: 12 }). */
  source: Record<string, unknown>;
}

/**
 * Opens a follow-up case straight in the assignee's hands (kind complaint, state dispatched), inside the
 * caller's transaction: used when something elsewhere in the platform needs an answer through the case
 * loop (a 不满意 rating of a service opens one). The reporter follows and rates it like any case.
 */
export async function openFollowUpCase(db: Db, input: FollowUpInput): Promise<number> {
  const node = await liveNode(db, input.orgNodeId);
  if (!node) throw invalid('orgNodeId', 'cases.node_unknown');
  const now = new Date();
  const overrides = await cachedOverrides(db);
  const dueAt = addWorkingHours(now, input.dueHours, overrides);
  const [row] = await db
    .insert(cases)
    .values({
      kind: 'complaint',
      state: 'dispatched',
      urgency: 'normal',
      channel: 'system',
      title: input.title,
      description: input.description,
      orgNodeId: node.id,
      districtId: districtIdOf(node.path),
      handlingLevel: 'community',
      assigneeNodeId: input.assigneeNodeId,
      reporterAccountId: input.reporterAccountId,
      reporterName: input.reporterName,
      details: { source: input.source },
      dueAt,
      stageDueAt: dueAt,
      stageEnteredAt: now,
      reportedAt: now,
      filedAt: now,
    })
    .returning({ id: cases.id });
  await db.insert(caseEvents).values({
    caseId: row!.id,
    actorAccountId: null,
    action: 'follow_up',
    fromState: null,
    toState: 'dispatched',
    public: true,
    note: input.description,
    data: input.source,
  });
  await addDeltas(
    db,
    ['reported', 'valid', 'filed', 'dispatched'].map((counter) => ({
      nodeId: node.id,
      dimension: 'territory' as const,
      counter: counter as StatDelta['counter'],
    })),
    now,
  );
  const assignee = await liveNode(db, input.assigneeNodeId);
  if (assignee)
    await notify(db, await accountsCovering(db, assignee.path, 'cases.handle'), {
      kind: 'case_assigned',
      params: { caseId: row!.id, title: input.title },
    });
  return row!.id;
}
