import type { ApplicationListItem, ApplicationView, MatterMaterial, Rating } from '@linli/contract';
import { and, desc, eq, gte, inArray, type SQL } from 'drizzle-orm';
import { requireActor, scopeCondition } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { cases } from '../cases/cases.schema';
import { orgNodes } from '../org/org.schema';
import {
  actionsFor,
  type Loaded,
  materialPresent,
  type StoredMaterial,
  visibleApplication,
} from './applications.service';
import { serviceApplicationEvents, serviceApplications, serviceMatters } from './services.schema';

async function nodeNames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: orgNodes.id, name: orgNodes.name })
    .from(orgNodes)
    .where(inArray(orgNodes.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summary(
  actor: Actor,
  l: Loaded,
  names: Map<number, string>,
): ApplicationListItem & { followUpCase: null } {
  const { app, matter } = l;
  return {
    id: app.id,
    version: app.version,
    state: app.state as ApplicationListItem['state'],
    matterId: matter.id,
    matterCode: matter.code,
    matterNameZh: matter.nameZh,
    matterNameEn: matter.nameEn,
    mode: matter.mode as ApplicationListItem['mode'],
    channel: app.channel as ApplicationListItem['channel'],
    applicantName: app.applicantName,
    idNumberMasked: app.idNumberMasked,
    address: app.address,
    windowName: names.get(app.windowNodeId) ?? '',
    departmentName: app.departmentNodeId ? (names.get(app.departmentNodeId) ?? null) : null,
    receiptNumber: app.receiptNumber,
    promisedAt: app.dueAt?.toISOString() ?? null,
    pausedAt: app.pausedAt?.toISOString() ?? null,
    suspended: app.suspended,
    reason: app.reason,
    result: app.result,
    rating: app.rating as Rating | null,
    ratingComment: app.ratingComment,
    followUpCase: null,
    submittedAt: app.submittedAt.toISOString(),
    actions: actionsFor(actor, l),
  };
}

/** One application as its applicant, its window or its department sees it: every step and what may be done now. */
export async function applicationDetail(ctx: Ctx, id: number): Promise<ApplicationView> {
  const actor = requireActor(ctx);
  const l = await visibleApplication(ctx, id);
  const { app, matter } = l;
  const names = await nodeNames(ctx, [
    app.windowNodeId,
    ...(app.departmentNodeId ? [app.departmentNodeId] : []),
  ]);
  const events = await ctx.db
    .select()
    .from(serviceApplicationEvents)
    .where(eq(serviceApplicationEvents.applicationId, id))
    .orderBy(serviceApplicationEvents.id);
  const stored = app.materials as StoredMaterial[];
  const defs = matter.materials as MatterMaterial[];
  const followUp = app.followUpCaseId
    ? (
        await ctx.db
          .select({ id: cases.id, state: cases.state })
          .from(cases)
          .where(eq(cases.id, app.followUpCaseId))
      )[0]
    : undefined;
  const agent = app.agent as ApplicationView['agent'];
  return {
    ...summary(actor, l, names),
    agent,
    form: app.form as Record<string, unknown>,
    materials: defs.map((d) => {
      const m = stored.find((s) => s.code === d.code);
      return {
        ...d,
        fileIds: m?.fileIds ?? [],
        checked: m?.checked ?? false,
        present: materialPresent(d, m),
      };
    }),
    supplements: ((app.supplements ?? []) as { code: string; note: string }[]).map((s) => {
      const d = defs.find((x) => x.code === s.code);
      return { code: s.code, nameZh: d?.nameZh ?? s.code, nameEn: d?.nameEn ?? s.code, note: s.note };
    }),
    handover: app.handover as ApplicationView['handover'],
    followUpCase: followUp ?? null,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      actorName: e.actorName,
      note: e.note,
      at: e.at.toISOString(),
    })),
  };
}

/** Shanghai midnight of today, for the window's "today" queue. */
const startOfToday = () => {
  const shanghai = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(`${shanghai}T00:00:00+08:00`);
};

/** The applicant's own applications, the window's queue, or those forwarded to the actor's department. */
export async function listApplications(
  ctx: Ctx,
  q: { view: 'mine' | 'window' | 'department'; state?: string; today?: 'true' | 'false' },
): Promise<ApplicationListItem[]> {
  const actor = requireActor(ctx);
  const where: SQL[] = [];
  if (q.view === 'mine') where.push(eq(serviceApplications.applicantAccountId, actor.accountId));
  else if (q.view === 'window')
    where.push(scopeCondition(actor, 'applications.handle', serviceApplications.windowNodeId));
  else where.push(scopeCondition(actor, 'applications.handle', serviceApplications.departmentNodeId));
  if (q.state) where.push(eq(serviceApplications.state, q.state));
  if (q.today === 'true') where.push(gte(serviceApplications.updatedAt, startOfToday()));
  const rows = await ctx.db
    .select({ app: serviceApplications, matter: serviceMatters })
    .from(serviceApplications)
    .innerJoin(serviceMatters, eq(serviceMatters.id, serviceApplications.matterId))
    .where(and(...where))
    .orderBy(desc(serviceApplications.submittedAt))
    .limit(200);
  const nodeIds = [
    ...new Set(
      rows.flatMap((r) => [r.app.windowNodeId, ...(r.app.departmentNodeId ? [r.app.departmentNodeId] : [])]),
    ),
  ];
  const nodes = nodeIds.length
    ? await ctx.db
        .select({ id: orgNodes.id, name: orgNodes.name, path: orgNodes.path })
        .from(orgNodes)
        .where(inArray(orgNodes.id, nodeIds))
    : [];
  const pathOf = (id: number | null) => nodes.find((n) => n.id === id)?.path ?? null;
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const loaded: Loaded[] = rows.map((r) => ({
    app: r.app,
    matter: r.matter,
    windowPath: pathOf(r.app.windowNodeId) ?? '',
    departmentPath: pathOf(r.app.departmentNodeId),
  }));
  return loaded.map((l) => summary(actor, l, names));
}
