import {
  APPLICATION_FLAGS,
  APPLICATION_TRANSITIONS,
  type ApplicationAction,
  type ApplicationActionBody,
  type ApplicationState,
  type ApplicationWho,
  type ApplyBody,
  actionsInState,
  type MatterField,
  type MatterMaterial,
  POOR_RATINGS,
  type SettleMode,
} from '@linli/contract';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { auditActorOf, grantsWith, pathInScope, requireActor } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { AppError, conflict, type FieldIssue, forbidden, invalid, notFound } from '../../core/errors';
import { addWorkingDays, WORKING_MS_PER_DAY, workingMsBetween } from '../../core/working-time';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit';
import { cachedOverrides } from '../calendar';
import { openFollowUpCase } from '../cases';
import { notify } from '../notices';
import { orgNodes } from '../org/org.schema';
import { residents } from '../registry/registry.schema';
import { assertOwnFiles } from './files';
import { serviceApplicationEvents, serviceApplications, serviceMatters } from './services.schema';

export type ApplicationRow = typeof serviceApplications.$inferSelect;
export type MatterRow = typeof serviceMatters.$inferSelect;
/** A material as stored on the application. */
export interface StoredMaterial {
  code: string;
  fileIds: number[];
  checked: boolean;
}
export interface Loaded {
  app: ApplicationRow;
  matter: MatterRow;
  windowPath: string;
  departmentPath: string | null;
}

/** Who the actor is to this application (an account may be several: a clerk applying for herself). */
export function rolesOf(actor: Actor, l: Loaded): Set<ApplicationWho> {
  const out = new Set<ApplicationWho>();
  if (l.app.applicantAccountId === actor.accountId) out.add('applicant');
  if (actor.kind === 'staff' && pathInScope(actor, 'applications.handle', l.windowPath)) out.add('window');
  if (
    l.departmentPath &&
    actor.kind === 'staff' &&
    pathInScope(actor, 'applications.handle', l.departmentPath)
  )
    out.add('department');
  return out;
}

export function actionsFor(actor: Actor, l: Loaded): ApplicationAction[] {
  const roles = rolesOf(actor, l);
  return actionsInState(l.app.state as ApplicationState, l.matter.mode as SettleMode, l.app.suspended).filter(
    (action) => whoOf(action).some((w) => roles.has(w)),
  );
}

const whoOf = (action: ApplicationAction): readonly ApplicationWho[] =>
  action in APPLICATION_TRANSITIONS
    ? APPLICATION_TRANSITIONS[action as keyof typeof APPLICATION_TRANSITIONS].who
    : APPLICATION_FLAGS[action as keyof typeof APPLICATION_FLAGS].who;

async function loadApplication(db: Db, id: number, forUpdate = false): Promise<Loaded | null> {
  const query = db.select().from(serviceApplications).where(eq(serviceApplications.id, id));
  const [app] = forUpdate ? await query.for('update') : await query;
  if (!app) return null;
  const [matter] = await db.select().from(serviceMatters).where(eq(serviceMatters.id, app.matterId));
  const ids = [app.windowNodeId, ...(app.departmentNodeId ? [app.departmentNodeId] : [])];
  const nodes = await db
    .select({ id: orgNodes.id, path: orgNodes.path })
    .from(orgNodes)
    .where(inArray(orgNodes.id, ids));
  const pathOf = (nodeId: number | null) => nodes.find((n) => n.id === nodeId)?.path ?? null;
  return {
    app,
    matter: matter!,
    windowPath: pathOf(app.windowNodeId)!,
    departmentPath: pathOf(app.departmentNodeId),
  };
}

/** Loads an application the actor may see (out of sight answers 404 like a missing one). */
export async function visibleApplication(
  ctx: Ctx,
  id: number,
  forUpdate = false,
  db: Db = ctx.db,
): Promise<Loaded> {
  const actor = requireActor(ctx);
  const l = await loadApplication(db, id, forUpdate);
  if (!l || rolesOf(actor, l).size === 0) throw notFound();
  return l;
}

/** Merges materials provided now into those on file; only the window may tick a paper as checked. */
async function mergeMaterials(
  db: Db,
  actor: Actor,
  matter: MatterRow,
  stored: StoredMaterial[],
  provided: ApplyBody['materials'],
  mayTick: boolean,
): Promise<StoredMaterial[]> {
  const defs = matter.materials as MatterMaterial[];
  const issues: FieldIssue[] = [];
  provided.forEach((p, i) => {
    if (!defs.some((d) => d.code === p.code))
      issues.push({ path: `materials.${i}.code`, code: 'services.material_unknown' });
    if (p.checked && !mayTick)
      issues.push({ path: `materials.${i}.checked`, code: 'services.tick_window_only' });
  });
  if (issues.length) throw new AppError(400, 'validation', issues);
  const known = new Set(stored.flatMap((m) => m.fileIds));
  await assertOwnFiles(
    db,
    actor.accountId,
    provided.flatMap((p) => p.fileIds),
    'materials',
    known,
  );
  return defs.map((d) => {
    const before = stored.find((m) => m.code === d.code) ?? { code: d.code, fileIds: [], checked: false };
    const now = provided.filter((p) => p.code === d.code);
    return {
      code: d.code,
      fileIds: [...new Set([...before.fileIds, ...now.flatMap((p) => p.fileIds)])],
      checked: before.checked || now.some((p) => p.checked),
    };
  });
}

export const materialPresent = (def: MatterMaterial, m: StoredMaterial | undefined) =>
  def.registrySupplies || (m !== undefined && (m.checked || m.fileIds.length > 0));

/** Every required material not yet present, each as its own field issue (accepting needs them all). */
function missingMaterials(matter: MatterRow, stored: StoredMaterial[]): FieldIssue[] {
  return (matter.materials as MatterMaterial[])
    .filter(
      (d) =>
        !materialPresent(
          d,
          stored.find((m) => m.code === d.code),
        ),
    )
    .map((d) => ({
      path: `materials.${d.code}`,
      code: 'services.material_missing',
      params: { name: d.nameZh },
    }));
}

function formIssues(matter: MatterRow, form: ApplyBody['form']): FieldIssue[] {
  return (matter.fields as MatterField[])
    .filter((f) => f.required && (form[f.key] === undefined || form[f.key] === ''))
    .map((f) => ({ path: `form.${f.key}`, code: 'required' }));
}

/** The community (window) a grid or community node belongs to. */
async function communityOf(db: Db, nodeId: number): Promise<number> {
  const [node] = await db.select().from(orgNodes).where(eq(orgNodes.id, nodeId));
  if (!node) throw invalid('residentId', 'services.resident_unknown');
  return node.level === 'grid' && node.parentId ? node.parentId : node.id;
}

export async function applicantPrefill(ctx: Ctx) {
  const actor = requireActor(ctx);
  const [r] = await ctx.db.select().from(residents).where(eq(residents.accountId, actor.accountId)).limit(1);
  if (!r) throw notFound();
  return { residentId: r.id, name: r.name, idNumberMasked: r.idNumberMasked, address: r.actualAddress };
}

/**
 * A new application: a resident online (their own registry record, submitted for the window to review),
 * or a clerk at the window for a resident found in the registry, possibly through an agent (代办), in
 * which case the signed authorisation is required. The promised clock starts now.
 */
export async function apply(ctx: Ctx, body: ApplyBody): Promise<{ id: number }> {
  const actor = requireActor(ctx);
  const [matter] = await ctx.db.select().from(serviceMatters).where(eq(serviceMatters.id, body.matterId));
  if (!matter?.active) throw invalid('matterId', 'services.matter_unknown');
  const atWindow = actor.kind === 'staff';
  let windowNodeId: number;
  let resident: typeof residents.$inferSelect | undefined;
  if (atWindow) {
    const grant = grantsWith(actor, 'applications.handle').find((g) =>
      (matter.levels as string[]).includes(g.level),
    );
    if (!grant) throw forbidden();
    if (!body.residentId) throw invalid('residentId', 'required');
    [resident] = await ctx.db.select().from(residents).where(eq(residents.id, body.residentId));
    // A window serves the residents it can find in its own registry scope; anyone else looks unknown.
    const [home] = resident
      ? await ctx.db.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, resident.orgNodeId))
      : [];
    if (resident?.status !== 'active' || !home || !pathInScope(actor, 'applications.handle', home.path))
      throw invalid('residentId', 'services.resident_unknown');
    windowNodeId = grant.orgNodeId;
  } else {
    if (grantsWith(actor, 'self.service').length === 0) throw forbidden();
    if (!matter.online) throw invalid('matterId', 'services.not_online');
    [resident] = await ctx.db
      .select()
      .from(residents)
      .where(eq(residents.accountId, actor.accountId))
      .limit(1);
    if (!resident) throw invalid('residentId', 'services.resident_unknown');
    windowNodeId = await communityOf(ctx.db, resident.orgNodeId);
  }
  const issues = formIssues(matter, body.form);
  if (body.agent && !body.agent.authorisationFileId)
    issues.push({ path: 'agent.authorisationFileId', code: 'services.authorisation_required' });
  if (issues.length) throw new AppError(400, 'validation', issues);
  if (body.agent?.authorisationFileId)
    await assertOwnFiles(
      ctx.db,
      actor.accountId,
      [body.agent.authorisationFileId],
      'agent.authorisationFileId',
    );

  return ctx.db.transaction(async (tx) => {
    const materials = await mergeMaterials(tx, actor, matter, [], body.materials, atWindow);
    const now = new Date();
    const dueAt = addWorkingDays(now, matter.limitDays, await cachedOverrides(tx));
    const state: ApplicationState = atWindow ? 'pre_review' : 'submitted';
    const [row] = await tx
      .insert(serviceApplications)
      .values({
        matterId: matter.id,
        state,
        channel: atWindow ? 'window' : 'online',
        residentId: resident!.id,
        applicantAccountId: resident!.accountId,
        applicantName: resident!.name,
        idNumberMasked: resident!.idNumberMasked,
        address: resident!.actualAddress,
        windowNodeId,
        recordedBy: atWindow ? actor.accountId : null,
        form: body.form,
        materials,
        agent: body.agent ?? null,
        dueAt,
        submittedAt: now,
      })
      .returning({ id: serviceApplications.id });
    const id = row!.id;
    await recordEvent(
      tx,
      actor,
      id,
      'submit',
      null,
      state,
      null,
      body.agent ? { agent: body.agent.name } : null,
    );
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'application.submit',
      recordType: 'service_application',
      recordId: id,
      details: { matter: matter.code, channel: atWindow ? 'window' : 'online', agent: Boolean(body.agent) },
    });
    await notifyApplicant(tx, resident!.accountId, id, state);
    return { id };
  });
}

async function recordEvent(
  db: Db,
  actor: Actor,
  applicationId: number,
  action: string,
  fromState: string | null,
  toState: string | null,
  note: string | null,
  data: Record<string, unknown> | null,
) {
  await db.insert(serviceApplicationEvents).values({
    applicationId,
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    action,
    fromState,
    toState,
    note,
    data,
  });
}

async function notifyApplicant(db: Db, accountId: number | null, applicationId: number, state: string) {
  if (accountId === null) return;
  await notify(db, [accountId], {
    kind: 'application_progress',
    params: { applicationId, state },
    link: `/m/services/applications/${applicationId}`,
  });
}

/**
 * Moves a date promised "by the end of working day D" on by n working days. addWorkingDays counts from
 * the day after its instant's day when the instant is at or after closing, so step back one millisecond.
 */
const movedByWorkingDays = (due: Date, n: number, overrides: Awaited<ReturnType<typeof cachedOverrides>>) =>
  n === 0 ? due : addWorkingDays(new Date(due.getTime() - 1), n, overrides);

/** Receipt numbers: SL + Shanghai date + the application id, unique and readable over the phone. */
function receiptNumber(id: number, at: Date): string {
  const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `SL${day}${String(id).padStart(6, '0')}`;
}

/** The department of the matter's type nearest up the window's path (street, then district, then city). */
async function departmentFor(db: Db, windowPath: string, departmentType: string) {
  const ancestorIds = windowPath.split('/').filter(Boolean).map(Number);
  const rows = await db
    .select({ id: orgNodes.id, name: orgNodes.name, parentId: orgNodes.parentId })
    .from(orgNodes)
    .where(
      and(
        eq(orgNodes.departmentType, departmentType),
        inArray(orgNodes.parentId, ancestorIds),
        isNull(orgNodes.validTo),
      ),
    );
  rows.sort((a, b) => ancestorIds.indexOf(b.parentId!) - ancestorIds.indexOf(a.parentId!));
  return rows[0] ?? null;
}

const reasonRequired = (body: ApplicationActionBody) => {
  if (!body.reason) throw invalid('reason', 'services.reason_required');
  return body.reason;
};

/** One action on an application: the state table, the version lock, the change, its event, audit and notice. */
export async function actOnApplication(ctx: Ctx, id: number, body: ApplicationActionBody): Promise<void> {
  const actor = requireActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const l = await visibleApplication(ctx, id, true, tx);
    const { app, matter } = l;
    if (app.version !== body.version) throw conflict('services.stale_version');
    const state = app.state as ApplicationState;
    const open = actionsInState(state, matter.mode as SettleMode, app.suspended);
    if (!open.includes(body.action)) throw conflict('services.transition_not_allowed');
    if (!actionsFor(actor, l).includes(body.action)) throw new AppError(403, 'services.action_forbidden');

    const now = new Date();
    const overrides = await cachedOverrides(tx);
    const set: Partial<ApplicationRow> = {};
    let note: string | null = body.reason ?? body.comment ?? null;
    let data: Record<string, unknown> | null = null;
    const stored = app.materials as StoredMaterial[];
    const mayTick = rolesOf(actor, l).has('window');

    switch (body.action) {
      case 'request_supplement': {
        const defs = matter.materials as MatterMaterial[];
        const list = body.supplements ?? [];
        if (list.length === 0) throw invalid('supplements', 'services.supplements_required');
        const unknown = list.findIndex((s) => !defs.some((d) => d.code === s.code));
        if (unknown >= 0) throw invalid(`supplements.${unknown}.code`, 'services.material_unknown');
        set.supplements = list;
        set.pausedAt = now;
        data = { supplements: list };
        break;
      }
      case 'supply': {
        set.materials = await mergeMaterials(tx, actor, matter, stored, body.materials ?? [], mayTick);
        // The clock stood still while the applicant gathered the papers: the promise moves by that time.
        const pausedMs = app.pausedAt ? workingMsBetween(app.pausedAt, now, overrides) : 0;
        const days = Math.round(pausedMs / WORKING_MS_PER_DAY);
        set.pausedDays = app.pausedDays + days;
        if (app.dueAt) set.dueAt = movedByWorkingDays(app.dueAt, days, overrides);
        set.pausedAt = null;
        data = { pausedWorkingDays: days, supplied: (body.materials ?? []).map((m) => m.code) };
        break;
      }
      case 'not_accept':
        set.reason = reasonRequired(body);
        set.decidedAt = now;
        break;
      case 'accept': {
        const materials = await mergeMaterials(tx, actor, matter, stored, body.materials ?? [], mayTick);
        const missing = missingMaterials(matter, materials);
        if (missing.length) throw new AppError(400, 'services.materials_missing', missing);
        set.materials = materials;
        set.supplements = null;
        set.acceptedAt = now;
        set.receiptNumber = receiptNumber(app.id, now);
        data = { receiptNumber: set.receiptNumber, promisedAt: app.dueAt?.toISOString() ?? null };
        break;
      }
      case 'forward': {
        const dept = await departmentFor(tx, l.windowPath, matter.departmentType);
        if (!dept) throw conflict('services.no_department');
        const handover = {
          by: actor.displayName,
          to: dept.name,
          way: body.handoverWay ?? 'electronic',
          at: now.toISOString(),
          items: (matter.materials as MatterMaterial[]).map((d) => d.nameZh),
        };
        set.departmentNodeId = dept.id;
        set.handover = handover;
        data = handover;
        break;
      }
      case 'suspend':
        set.suspended = true;
        reasonRequired(body);
        break;
      case 'resume':
        set.suspended = false;
        break;
      case 'refuse':
      case 'refuse_on_spot':
        set.reason = reasonRequired(body);
        set.decidedAt = now;
        break;
      case 'approve':
      case 'approve_on_spot':
        set.decidedAt = now;
        break;
      case 'issue':
        if (!body.result) throw invalid('result', 'services.result_required');
        set.result = body.result;
        note = body.result;
        break;
      case 'evaluate': {
        if (!body.rating) throw invalid('rating', 'services.rating_required');
        set.rating = body.rating;
        set.ratingComment = body.comment ?? null;
        data = { rating: body.rating };
        if (POOR_RATINGS.includes(body.rating)) {
          set.followUpCaseId = await openFollowUpCase(tx, {
            reporterAccountId: actor.accountId,
            reporterName: app.applicantName,
            title: `办事评价「${body.rating === 'very_dissatisfied' ? '非常不满意' : '不满意'}」：${matter.nameZh}`,
            description:
              body.comment || `申请 ${app.receiptNumber ?? app.id} 的办事评价为不满意，请回访并答复。`,
            orgNodeId: app.windowNodeId,
            assigneeNodeId: app.windowNodeId,
            dueHours: 8,
            source: { applicationId: app.id },
          });
          data.followUpCaseId = set.followUpCaseId;
        }
        break;
      }
      default:
        break;
    }

    const to: ApplicationState =
      body.action in APPLICATION_TRANSITIONS
        ? APPLICATION_TRANSITIONS[body.action as keyof typeof APPLICATION_TRANSITIONS].to
        : state;
    await tx
      .update(serviceApplications)
      .set({ ...set, state: to, version: app.version + 1, updatedAt: now })
      .where(eq(serviceApplications.id, app.id));
    await recordEvent(tx, actor, app.id, body.action, state, to, note, data);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: `application.${body.action}`,
      recordType: 'service_application',
      recordId: app.id,
      reason: body.reason,
      details: { from: state, to },
    });
    await notifyApplicant(tx, app.applicantAccountId, app.id, to);
  });
}
