import { CASE_STATES, type CaseListQuery, type CaseState, type CaseView } from '@linli/contract';
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { inSubtree, requireActor, scopeCondition } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { invalid } from '../../core/errors';
import { decodeCursor, pageFrom } from '../../core/pagination';
import { containsPattern } from '../../core/sql';
import { orgNodes } from '../org/org.schema';
import { caseVisibleCondition, selectCases, visibleCase } from './case-access';
import { caseView } from './case-views';
import { cases } from './cases.schema';

const statesWhere = (pred: (s: (typeof CASE_STATES)[CaseState]) => boolean) =>
  (Object.keys(CASE_STATES) as CaseState[]).filter((s) => pred(CASE_STATES[s]));

/** The work lists: what waits for a dispatcher, a grid worker, a department, or what I reported. */
function viewCondition(actor: Actor, view: CaseListQuery['view']): SQL | undefined {
  switch (view) {
    case 'queue':
      return and(
        scopeCondition(actor, 'cases.dispatch', cases.orgNodeId),
        or(
          inArray(cases.state, ['reported', 'verifying', 'filed', 'handled', 'reopened']),
          isNotNull(cases.pendingRequest),
        ),
      );
    case 'mine':
      return or(
        and(
          scopeCondition(actor, 'cases.handle', cases.orgNodeId),
          inArray(cases.state, ['verifying', 'checking']),
        ),
        and(
          scopeCondition(actor, 'cases.handle', cases.assigneeNodeId),
          inArray(cases.state, ['dispatched', 'in_progress']),
        ),
        and(eq(cases.reporterAccountId, actor.accountId), eq(cases.state, 'draft')),
        and(
          scopeCondition(actor, 'cases.handle', cases.orgNodeId),
          eq(cases.kind, 'emergency'),
          isNull(cases.closedAt),
        ),
      );
    case 'assigned':
      return and(
        scopeCondition(actor, 'cases.handle', cases.assigneeNodeId),
        inArray(cases.state, ['dispatched', 'in_progress']),
      );
    case 'reported':
      return eq(cases.reporterAccountId, actor.accountId);
    case 'all':
      return undefined;
  }
}

export async function listCases(
  ctx: Ctx,
  q: CaseListQuery,
): Promise<{ items: CaseView[]; nextCursor: string | null }> {
  const actor = requireActor(ctx);
  const where: (SQL | undefined)[] = [caseVisibleCondition(actor), viewCondition(actor, q.view)];
  if (q.kind) where.push(eq(cases.kind, q.kind));
  if (q.state) {
    const states = q.state.split(',').filter((s) => s in CASE_STATES);
    if (states.length === 0) throw invalid('state', 'invalid_value');
    where.push(inArray(cases.state, states));
  }
  if (q.stage)
    where.push(
      inArray(
        cases.state,
        statesWhere((s) => s.stage === q.stage),
      ),
    );
  if (q.type)
    where.push(
      inArray(
        cases.state,
        statesWhere((s) => s.type === q.type),
      ),
    );
  if (q.urgency) where.push(eq(cases.urgency, q.urgency));
  if (q.categoryId) where.push(eq(cases.categoryId, q.categoryId));
  if (q.overdue === 'true')
    where.push(and(isNull(cases.closedAt), eq(cases.onHold, false), lt(cases.stageDueAt, new Date())));
  if (q.escalated === 'true') where.push(isNotNull(cases.escalatedAt), isNull(cases.closedAt));
  if (q.pending) where.push(eq(cases.pendingRequest, q.pending));
  if (q.nodeId) {
    const [node] = await ctx.db
      .select({ path: orgNodes.path })
      .from(orgNodes)
      .where(eq(orgNodes.id, q.nodeId));
    if (!node) throw invalid('nodeId', 'invalid_value');
    where.push(inSubtree(cases.orgNodeId, node.path));
  }
  const pattern = containsPattern(q.q);
  if (pattern)
    where.push(
      or(
        sql`${cases.title} ilike ${pattern}`,
        sql`${cases.address} ilike ${pattern}`,
        q.q && /^\d+$/.test(q.q) ? eq(cases.id, Number(q.q)) : undefined,
      ),
    );
  // Urgent first, then newest: keyset on (urgent, id).
  const urgent = sql<number>`(case when ${cases.urgency} = 'urgent' then 1 else 0 end)`;
  const cursor = decodeCursor<{ u: number; id: number }>(q.cursor);
  if (cursor)
    where.push(or(lt(urgent, cursor.u), and(eq(urgent, cursor.u), lt(cases.id, Number(cursor.id)))));
  const rows = await selectCases(ctx.db)
    .where(and(...where))
    .orderBy(desc(urgent), desc(cases.id))
    .limit(q.limit + 1);
  const page = pageFrom(rows, q.limit, (r) => ({ u: r.row.urgency === 'urgent' ? 1 : 0, id: r.row.id }));
  const now = new Date();
  return { items: page.items.map((c) => caseView(ctx, actor, c, now)), nextCursor: page.nextCursor };
}

/** Open cases with a point, for the dispatch map, and the grid polygons they lie over. */
export async function caseMap(ctx: Ctx, nodeId: number | undefined) {
  const actor = requireActor(ctx);
  const where: (SQL | undefined)[] = [
    caseVisibleCondition(actor),
    inArray(
      cases.state,
      statesWhere((s) => s.type === 'open'),
    ),
    isNotNull(cases.lat),
  ];
  let areaRoot: string | undefined;
  if (nodeId) {
    const [node] = await ctx.db.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, nodeId));
    if (!node) throw invalid('nodeId', 'invalid_value');
    where.push(inSubtree(cases.orgNodeId, node.path));
    areaRoot = node.path;
  }
  const rows = await selectCases(ctx.db)
    .where(and(...where))
    .orderBy(desc(cases.id))
    .limit(2000);
  const now = new Date();
  const items = rows.map((c) => ({
    id: c.row.id,
    lat: c.row.lat!,
    lng: c.row.lng!,
    state: c.row.state,
    urgency: c.row.urgency as 'normal' | 'urgent',
    title: c.row.title,
    overdue: c.row.closedAt === null && c.row.stageDueAt !== null && c.row.stageDueAt < now,
  }));
  const scopeRoots = areaRoot ? [areaRoot] : actor.grants.map((g) => g.path);
  const areas = scopeRoots.length
    ? await ctx.db
        .select({ id: orgNodes.id, name: orgNodes.name, level: orgNodes.level, boundary: orgNodes.boundary })
        .from(orgNodes)
        .where(
          and(
            eq(orgNodes.level, 'grid'),
            isNull(orgNodes.validTo),
            isNotNull(orgNodes.boundary),
            or(...scopeRoots.map((p) => sql`${orgNodes.path} like ${`${p}%`}`)),
          ),
        )
        .limit(3000)
    : [];
  return { items, areas };
}

const NEAR_METRES = 200;

/** Open cases of the same category (or any, before filing) near this one: candidates for 合并. */
export async function nearbyDuplicates(ctx: Ctx, id: number): Promise<CaseView[]> {
  const actor = requireActor(ctx);
  const c = await visibleCase(ctx.db, actor, id);
  if (c.row.lat === null || c.row.lng === null) return [];
  // ~200 m as degrees at this latitude: a box first, the index does the rest.
  const dLat = NEAR_METRES / 111_320;
  const dLng = NEAR_METRES / (111_320 * Math.cos((c.row.lat * Math.PI) / 180));
  const rows = await selectCases(ctx.db)
    .where(
      and(
        caseVisibleCondition(actor),
        inArray(
          cases.state,
          statesWhere((s) => s.type === 'open'),
        ),
        sql`${cases.id} <> ${id}`,
        c.row.categoryId ? eq(cases.categoryId, c.row.categoryId) : undefined,
        sql`${cases.lat} between ${c.row.lat - dLat} and ${c.row.lat + dLat}`,
        sql`${cases.lng} between ${c.row.lng - dLng} and ${c.row.lng + dLng}`,
      ),
    )
    .orderBy(desc(cases.id))
    .limit(10);
  return rows.map((r) => caseView(ctx, actor, r));
}

/** Where a case can be dispatched: its community and grid, its street, and the departments above it. */
export async function assigneeOptions(ctx: Ctx, id: number) {
  const actor = requireActor(ctx);
  const c = await visibleCase(ctx.db, actor, id);
  const ancestors = c.path.split('/').filter(Boolean).map(Number);
  const rows = await ctx.db
    .select({
      id: orgNodes.id,
      name: orgNodes.name,
      level: orgNodes.level,
      departmentType: orgNodes.departmentType,
      parentId: orgNodes.parentId,
    })
    .from(orgNodes)
    .where(
      and(
        isNull(orgNodes.validTo),
        or(
          inArray(orgNodes.id, ancestors),
          and(eq(orgNodes.level, 'department'), inArray(orgNodes.parentId, ancestors)),
        ),
      ),
    );
  const depth = new Map(ancestors.map((a, i) => [a, i]));
  return rows
    .filter((r) => r.level !== 'city' && r.level !== 'district')
    .map((r) => ({ id: r.id, name: r.name, level: r.level, departmentType: r.departmentType }))
    .sort((a, b) => (depth.get(b.id) ?? -1) - (depth.get(a.id) ?? -1) || a.id - b.id);
}
