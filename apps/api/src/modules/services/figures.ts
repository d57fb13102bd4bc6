import {
  type MatterMaterial,
  RATINGS,
  type Rating,
  type WindowFigures,
  type WindowFiguresQuery,
  type WindowFiguresView,
} from '@linli/contract';
import { eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { grantsWith, inSubtree, pathInScope, requireActor, scopeCondition } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { forbidden, invalid, notFound } from '../../core/errors';
import { rowsOf } from '../../db/client';
import { orgNodes } from '../org/org.schema';
import { serviceApplications as a, serviceMatters } from './services.schema';

const MAX_DAYS = 366;
/** 好评 in GB/T 39734: the three better levels of five. */
const GOOD: readonly Rating[] = ['very_satisfied', 'satisfied', 'basic'];

/** Those who run windows (applications.handle) and those who watch them (stats.read). */
function requireFiguresReader(actor: Actor) {
  if (grantsWith(actor, 'stats.read').length === 0 && grantsWith(actor, 'applications.handle').length === 0)
    throw forbidden();
}

/** Applications the actor may count: the windows in a stats scope, or windows and departments one handles for. */
const visible = (actor: Actor): SQL =>
  or(
    scopeCondition(actor, 'stats.read', a.windowNodeId),
    scopeCondition(actor, 'applications.handle', a.windowNodeId, a.departmentNodeId),
  ) as SQL;

function checkPeriod(q: { from: string; to: string }) {
  if (q.from > q.to) throw invalid('to', 'date.before_from');
  if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_DAYS)
    throw invalid('to', 'cases.period_too_long');
}

interface Counts {
  applications: number;
  on_spot: number;
  decided: number;
  on_time: number;
  due: number;
  hours_sum: number;
  supplemented: number;
  ratings: Record<Rating, number>;
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

function figuresOf(c: Counts): WindowFigures {
  const rated = RATINGS.reduce((s, r) => s + c.ratings[r], 0);
  return {
    applications: c.applications,
    onTheSpot: c.on_spot,
    onTheSpotShare: ratio(c.on_spot, c.applications),
    decided: c.decided,
    onTime: c.on_time,
    due: c.due,
    onTimeRate: ratio(c.on_time, c.due),
    averageHours: c.decided === 0 ? null : Math.round((c.hours_sum / c.decided) * 10) / 10,
    ratings: c.ratings,
    rated,
    satisfactionRate: ratio(
      GOOD.reduce((s, r) => s + c.ratings[r], 0),
      rated,
    ),
    supplemented: c.supplemented,
  };
}

const emptyCounts = (): Counts => ({
  applications: 0,
  on_spot: 0,
  decided: 0,
  on_time: 0,
  due: 0,
  hours_sum: 0,
  supplemented: 0,
  ratings: Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>,
});

function add(into: Counts, c: Counts) {
  for (const k of [
    'applications',
    'on_spot',
    'decided',
    'on_time',
    'due',
    'hours_sum',
    'supplemented',
  ] as const)
    into[k] += c[k];
  for (const r of RATINGS) into.ratings[r] += c.ratings[r];
}

/**
 * Volume, on-the-spot share, on-time rate, average time, 好差评 and supplements per window and matter,
 * counted from the applications themselves (one grouped read), so the figures cannot drift from the
 * records. "On time" compares the decision with the promised date, which the supplement pause moved.
 */
export async function windowFigures(
  ctx: Ctx,
  q: WindowFiguresQuery,
  now = new Date(),
): Promise<WindowFiguresView> {
  const actor = requireActor(ctx);
  requireFiguresReader(actor);
  checkPeriod(q);
  const conditions: SQL[] = [
    visible(actor),
    sql`(${a.submittedAt} at time zone 'Asia/Shanghai')::date between ${q.from}::date and ${q.to}::date`,
  ];
  let node: { id: number; name: string } | null = null;
  if (q.nodeId) {
    const [row] = await ctx.db.select().from(orgNodes).where(eq(orgNodes.id, q.nodeId));
    if (!row || !['stats.read', 'applications.handle'].some((p) => pathInScope(actor, p as never, row.path)))
      throw notFound();
    node = { id: row.id, name: row.name };
    conditions.push(inSubtree(row.level === 'department' ? a.departmentNodeId : a.windowNodeId, row.path));
  }
  if (q.matterId) conditions.push(eq(a.matterId, q.matterId));
  const where = sql.join(conditions, sql` and `);

  const decided = sql`(${a.acceptedAt} is not null and ${a.decidedAt} is not null)`;
  const rows = rowsOf<Record<string, string | number>>(
    await ctx.db.execute(sql`
      select ${a.windowNodeId} as window_id, ${a.matterId} as matter_id,
        count(*)::int as applications,
        count(*) filter (where ${decided} and m.mode = 'on_the_spot')::int as on_spot,
        count(*) filter (where ${decided})::int as decided,
        count(*) filter (where ${decided} and ${a.decidedAt} <= ${a.dueAt})::int as on_time,
        count(*) filter (where ${decided} or (${a.decidedAt} is null and ${a.pausedAt} is null
          and ${a.state} <> 'withdrawn' and ${a.dueAt} < ${now}))::int as due,
        coalesce(sum(extract(epoch from ${a.decidedAt} - ${a.acceptedAt}) / 3600) filter (where ${decided}), 0)::float8 as hours_sum,
        count(*) filter (where exists (select 1 from service_application_events e
          where e.application_id = ${a.id} and e.action = 'request_supplement'))::int as supplemented,
        ${sql.join(
          RATINGS.map((r) => sql`count(*) filter (where ${a.rating} = ${r})::int as ${sql.raw(`r_${r}`)}`),
          sql`, `,
        )}
      from ${a} join service_matters m on m.id = ${a.matterId}
      where ${where}
      group by 1, 2`),
  );
  const supplementRows = rowsOf<{ matter_id: number; code: string; applications: number; requests: number }>(
    await ctx.db.execute(sql`
      select ${a.matterId} as matter_id, s->>'code' as code,
        count(distinct ${a.id})::int as applications, count(*)::int as requests
      from service_application_events e
        join ${a} on ${a.id} = e.application_id
        cross join lateral jsonb_array_elements(e.data->'supplements') s
      where e.action = 'request_supplement' and ${where}
      group by 1, 2`),
  );

  const matterIds = [...new Set([...rows, ...supplementRows].map((r) => Number(r.matter_id)))];
  const windowIds = [...new Set(rows.map((r) => Number(r.window_id)))];
  const [matters, windows] = await Promise.all([
    matterIds.length
      ? ctx.db.select().from(serviceMatters).where(inArray(serviceMatters.id, matterIds))
      : Promise.resolve([]),
    windowIds.length
      ? ctx.db
          .select({ id: orgNodes.id, name: orgNodes.name })
          .from(orgNodes)
          .where(inArray(orgNodes.id, windowIds))
      : Promise.resolve([]),
  ]);
  const matterOf = new Map(matters.map((m) => [m.id, m]));
  const windowName = new Map(windows.map((w) => [w.id, w.name]));

  const total = emptyCounts();
  const out = rows.map((r) => {
    const c: Counts = {
      applications: Number(r.applications),
      on_spot: Number(r.on_spot),
      decided: Number(r.decided),
      on_time: Number(r.on_time),
      due: Number(r.due),
      hours_sum: Number(r.hours_sum),
      supplemented: Number(r.supplemented),
      ratings: Object.fromEntries(RATINGS.map((k) => [k, Number(r[`r_${k}`])])) as Record<Rating, number>,
    };
    add(total, c);
    const m = matterOf.get(Number(r.matter_id))!;
    return {
      windowNodeId: Number(r.window_id),
      windowName: windowName.get(Number(r.window_id)) ?? '',
      matterId: m.id,
      matterCode: m.code,
      matterNameZh: m.nameZh,
      matterNameEn: m.nameEn,
      figures: figuresOf(c),
    };
  });
  out.sort(
    (x, y) => x.windowName.localeCompare(y.windowName, 'zh-CN') || x.matterCode.localeCompare(y.matterCode),
  );

  const supplements = supplementRows
    .map((r) => {
      const m = matterOf.get(Number(r.matter_id))!;
      const def = (m.materials as MatterMaterial[]).find((d) => d.code === r.code);
      return {
        matterId: m.id,
        matterNameZh: m.nameZh,
        matterNameEn: m.nameEn,
        materialCode: r.code,
        materialNameZh: def?.nameZh ?? r.code,
        materialNameEn: def?.nameEn ?? r.code,
        applications: Number(r.applications),
        requests: Number(r.requests),
      };
    })
    .sort((x, y) => y.applications - x.applications || y.requests - x.requests || x.matterId - y.matterId);

  return {
    from: q.from,
    to: q.to,
    nodeId: node?.id ?? null,
    nodeName: node?.name ?? null,
    total: figuresOf(total),
    rows: out,
    supplements,
  };
}
