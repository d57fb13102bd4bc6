import type { IndicatorView } from '@linli/contract';
import { and, between, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { assertPathInScope, grantsWith, requireActor } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { forbidden, invalid } from '../../core/errors';
import { rowsOf } from '../../db/client';
import { orgNodes } from '../org/org.schema';
import { caseStats } from './cases.schema';
import { addCounters, departmentCounters, figuresOf, foldAll } from './stats';

const MAX_DAYS = 366;

/** Indicators are for those who run the work: dispatch centres and anyone with statistics. */
function indicatorGrant(actor: Actor) {
  const grants = [...grantsWith(actor, 'stats.read'), ...grantsWith(actor, 'cases.dispatch')];
  if (grants.length === 0) throw forbidden();
  return grants.sort((a, b) => a.path.length - b.path.length)[0]!;
}

export async function indicators(
  ctx: Ctx,
  q: { nodeId?: number; from: string; to: string },
): Promise<IndicatorView> {
  const actor = requireActor(ctx);
  const home = indicatorGrant(actor);
  if (q.from > q.to) throw invalid('to', 'date.before_from');
  if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_DAYS)
    throw invalid('to', 'cases.period_too_long');
  const nodeId = q.nodeId ?? home.orgNodeId;
  const [node] = await ctx.db.select().from(orgNodes).where(eq(orgNodes.id, nodeId));
  const inScope =
    node &&
    ['stats.read', 'cases.dispatch'].some((p) =>
      grantsWith(actor, p as never).some((g) => node.path.startsWith(g.path)),
    );
  if (!inScope) assertPathInScope(actor, 'stats.read', null);
  await foldAll(ctx.db);

  const children = await ctx.db
    .select({ id: orgNodes.id, name: orgNodes.name, level: orgNodes.level })
    .from(orgNodes)
    .where(and(eq(orgNodes.parentId, node!.id), isNull(orgNodes.validTo)));
  const territoryChildren = children.filter((c) => c.level !== 'department');
  const childDepartments = children.filter((c) => c.level === 'department');
  const ownDepartment = node!.level === 'department';
  // Below the district, departments are seen through their work on this node's cases; at district and
  // city level through the department nodes that hang off this node.
  const deptFromTerritory = ['street', 'community', 'grid'].includes(node!.level);

  // One read: the node's days, its children's days and its departments' days (packed counters).
  const rows = await ctx.db
    .select({
      nodeId: caseStats.orgNodeId,
      dimension: caseStats.dimension,
      day: caseStats.day,
      counters: caseStats.counters,
    })
    .from(caseStats)
    .where(
      and(
        between(caseStats.day, q.from, q.to),
        or(
          and(
            inArray(caseStats.orgNodeId, [node!.id, ...territoryChildren.map((c) => c.id)]),
            eq(caseStats.dimension, ownDepartment ? 'department' : 'territory'),
          ),
          deptFromTerritory
            ? and(eq(caseStats.orgNodeId, node!.id), eq(caseStats.dimension, 'territory_dept'))
            : undefined,
          !deptFromTerritory && childDepartments.length
            ? and(
                inArray(
                  caseStats.orgNodeId,
                  childDepartments.map((d) => d.id),
                ),
                eq(caseStats.dimension, 'department'),
              )
            : undefined,
        ),
      ),
    );
  const byNode = new Map<number, Record<string, number>>();
  const byDay = new Map<string, { day: string; reported: number; closed: number }>();
  let deptCounters: Record<string, number> = {};
  for (const r of rows) {
    const counters = r.counters as Record<string, number>;
    if (r.dimension === 'territory_dept') {
      deptCounters = addCounters(deptCounters, counters);
      continue;
    }
    byNode.set(r.nodeId, addCounters(byNode.get(r.nodeId) ?? {}, counters));
    if (r.nodeId === node!.id) {
      const entry = byDay.get(r.day) ?? { day: r.day, reported: 0, closed: 0 };
      entry.reported += Number(counters.reported ?? 0);
      entry.closed += Number(counters.closed ?? 0);
      byDay.set(r.day, entry);
    }
  }
  const byDept = deptFromTerritory
    ? departmentCounters(deptCounters)
    : new Map(childDepartments.filter((d) => byNode.has(d.id)).map((d) => [d.id, byNode.get(d.id)!]));
  const departments = byDept.size
    ? await ctx.db
        .select({ id: orgNodes.id, name: orgNodes.name })
        .from(orgNodes)
        .where(inArray(orgNodes.id, [...byDept.keys()]))
    : [];

  return {
    nodeId: node!.id,
    nodeName: node!.name,
    from: q.from,
    to: q.to,
    total: figuresOf(byNode.get(node!.id) ?? {}),
    byChild: territoryChildren.map((c) => ({
      nodeId: c.id,
      nodeName: c.name,
      figures: figuresOf(byNode.get(c.id) ?? {}),
    })),
    byDay: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
    byDepartment: departments
      .sort((a, b) => a.id - b.id)
      .map((d) => ({ nodeId: d.id, nodeName: d.name, figures: figuresOf(byDept.get(d.id) ?? {}) })),
    roles: ['street', 'community', 'grid'].includes(node!.level)
      ? await roleCounts(ctx, node!.path, q.from, q.to)
      : [],
  };
}

/**
 * Per-person counts from the timeline (research §3.5): a grid worker's reports, verifications and
 * checks and how many were on time; a dispatcher's dispatches and how many came back (错误派遣); a
 * department's handling and how much of it was on time. Only below district level, where the
 * timeline of the node's cases is small enough to read per request.
 */
async function roleCounts(ctx: Ctx, path: string, from: string, to: string) {
  const res = await ctx.db.execute(sql`
    with scoped as (
      select e.* from case_events e join cases c on c.id = e.case_id
      where c.org_node_id = any(array(select id from org_nodes where path like ${`${path}%`}))
        and (e.at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date
    ), returned as (
      select (data->>'dispatchedBy')::int as account_id, count(*)::int as n from scoped where action = 'return' group by 1
    )
    select a.id as account_id, a.display_name as name, coalesce(max(s.actor_role), '') as role,
      count(*) filter (where s.action = 'report')::int as reports,
      count(*) filter (where s.action = 'verify')::int as verifications,
      count(*) filter (where s.action = 'verify' and s.on_time)::int as verifications_on_time,
      count(*) filter (where s.action in ('check_pass', 'check_fail'))::int as checks,
      count(*) filter (where s.action in ('check_pass', 'check_fail') and s.on_time)::int as checks_on_time,
      count(*) filter (where s.action = 'dispatch')::int as dispatches,
      coalesce(max(r.n), 0)::int as wrong_dispatches,
      count(*) filter (where s.action = 'handle')::int as handled,
      count(*) filter (where s.action = 'handle' and s.on_time)::int as handled_on_time
    from scoped s join accounts a on a.id = s.actor_account_id
    left join returned r on r.account_id = a.id
    group by a.id, a.display_name
    order by a.id`);
  return rowsOf<Record<string, string | number>>(res).map((r) => {
    const { account_id, name, role, ...counts } = r;
    const numeric: Record<string, number> = {};
    for (const [k, v] of Object.entries(counts)) numeric[k] = Number(v);
    numeric.correct_dispatches = Math.max(0, (numeric.dispatches ?? 0) - (numeric.wrong_dispatches ?? 0));
    return { accountId: Number(account_id), name: String(name), role: String(role), counts: numeric };
  });
}
