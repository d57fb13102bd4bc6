import {
  type CoverageQuery,
  type CoverageView,
  type DemandFigures,
  type HotlineFiguresQuery,
  type HotlineFiguresView,
  SERVICE_CATEGORY_CODES,
  type ServiceCategory,
} from '@linli/contract';
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import {
  grantsWith,
  inSubtree,
  pathInScope,
  requireActor,
  scopeCondition,
  scopePathCondition,
} from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { forbidden, invalid, notFound } from '../../core/errors';
import { centroid, type MultiPolygon, type Polygon } from '../../core/geo';
import { type Db, rowsOf } from '../../db/client';
import { cases } from '../cases/cases.schema';
import { orgNodes } from '../org/org.schema';
import { households } from '../registry/registry.schema';
import { serviceProviders } from './hotline.schema';

const MAX_DAYS = 366;
const METRES_PER_DEGREE = 111_320;
const EARTH_RADIUS_M = 6_371_008.8;
/** Points per coverage query: a city's grids in a few round trips, each well under the parameter limit. */
const POINTS_PER_QUERY = 2_000;
/** The readers of hotline figures: the operators, and those with statistics for their area. */
const READERS = ['hotline.operate', 'stats.read'] as const;

function requireReader(actor: Actor) {
  if (READERS.every((p) => grantsWith(actor, p).length === 0)) throw forbidden();
}

/** The node a reader asked about, if any: out of their sight it does not exist. */
async function scopedNode(db: Db, actor: Actor, nodeId: number | undefined) {
  if (!nodeId) return null;
  const [node] = await db.select().from(orgNodes).where(eq(orgNodes.id, nodeId));
  if (!node || !READERS.some((p) => pathInScope(actor, p, node.path))) throw notFound();
  return node;
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

interface Tally {
  demands: number;
  served: number;
  hours: number;
  rated: number;
  satisfied: number;
}
const tally = (): Tally => ({ demands: 0, served: 0, hours: 0, rated: 0, satisfied: 0 });
const figuresOf = (t: Tally): DemandFigures => ({
  demands: t.demands,
  served: t.served,
  avgFulfilmentHours: t.served === 0 ? null : Math.round((t.hours / t.served) * 10) / 10,
  rated: t.rated,
  satisfied: t.satisfied,
  satisfactionRate: ratio(t.satisfied, t.rated),
});

/**
 * Demands per category and channel, fulfilment time (the call to the provider's "served"), satisfaction
 * at the call-back (4 or 5 of 5, as the case engine counts it) and each provider's decline rate, all
 * read from the demands and their timelines for the demands reported in the period.
 */
export async function hotlineFigures(ctx: Ctx, q: HotlineFiguresQuery): Promise<HotlineFiguresView> {
  const actor = requireActor(ctx);
  requireReader(actor);
  if (q.from > q.to) throw invalid('to', 'date.before_from');
  if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_DAYS)
    throw invalid('to', 'cases.period_too_long');
  const node = await scopedNode(ctx.db, actor, q.nodeId);
  const where = sql.join(
    [
      eq(cases.kind, 'hotline'),
      or(...READERS.map((p) => scopeCondition(actor, p, cases.orgNodeId))),
      sql`(${cases.reportedAt} at time zone 'Asia/Shanghai')::date between ${q.from}::date and ${q.to}::date`,
      ...(node ? [inSubtree(cases.orgNodeId, node.path)] : []),
    ] as SQL[],
    sql` and `,
  );
  const servedAt = sql`(select min(e.at) from case_events e where e.case_id = ${cases.id} and e.action = 'serve')`;
  const groups = rowsOf<Record<string, string | number | null>>(
    await ctx.db.execute(sql`
      with d as (
        select ${cases.details}->>'serviceCategory' as category, ${cases.channel} as channel,
          ${cases.rating} as rating, ${cases.reportedAt} as reported_at, ${servedAt} as served_at
        from ${cases} where ${where}
      )
      select category, channel, count(*)::int as demands, count(served_at)::int as served,
        coalesce(sum(extract(epoch from served_at - reported_at) / 3600), 0)::float8 as hours,
        count(rating)::int as rated, count(*) filter (where rating >= 4)::int as satisfied
      from d group by 1, 2`),
  );
  const total = tally();
  const byCategory = new Map<string, Tally>();
  const byChannel = new Map<string, number>();
  for (const g of groups) {
    const t: Tally = {
      demands: Number(g.demands),
      served: Number(g.served),
      hours: Number(g.hours),
      rated: Number(g.rated),
      satisfied: Number(g.satisfied),
    };
    const c = byCategory.get(String(g.category)) ?? tally();
    for (const k of Object.keys(t) as (keyof Tally)[]) {
      c[k] += t[k];
      total[k] += t[k];
    }
    byCategory.set(String(g.category), c);
    byChannel.set(String(g.channel), (byChannel.get(String(g.channel)) ?? 0) + t.demands);
  }

  // A decline hands the demand back (its provider column is cleared), so who declined is in the event.
  const providerRows = rowsOf<Record<string, number>>(
    await ctx.db.execute(sql`
      with d as (select ${cases.id} as id, ${cases.providerAccountId} as provider, ${cases.rating} as rating,
          ${servedAt} as served_at from ${cases} where ${where}),
      sent as (
        select (e.data->>'providerAccountId')::int as account_id,
          count(*) filter (where e.action = 'send_provider')::int as dispatched,
          count(*) filter (where e.action = 'provider_decline')::int as declined
        from case_events e join d on d.id = e.case_id
        where e.action in ('send_provider', 'provider_decline') group by 1),
      done as (
        select provider as account_id, count(served_at)::int as served, count(rating)::int as rated,
          count(*) filter (where rating >= 4)::int as satisfied
        from d where provider is not null group by 1)
      select coalesce(s.account_id, x.account_id) as account_id, coalesce(s.dispatched, 0) as dispatched,
        coalesce(s.declined, 0) as declined, coalesce(x.served, 0) as served, coalesce(x.rated, 0) as rated,
        coalesce(x.satisfied, 0) as satisfied
      from sent s full join done x on x.account_id = s.account_id`),
  );
  const accountIds = providerRows.map((r) => Number(r.account_id));
  const names = new Map<number, string>();
  if (accountIds.length) {
    const named = rowsOf<{ id: number; name: string }>(
      await ctx.db.execute(sql`
        select a.id, coalesce(p.name, a.display_name) as name from accounts a
        left join ${serviceProviders} p on p.account_id = a.id
        where a.id in (${sql.join(
          accountIds.map((id) => sql`${id}`),
          sql`, `,
        )})`),
    );
    for (const n of named) names.set(Number(n.id), n.name);
  }

  return {
    from: q.from,
    to: q.to,
    nodeId: node?.id ?? null,
    nodeName: node?.name ?? null,
    total: figuresOf(total),
    byCategory: [...byCategory]
      .filter(([code]) => (SERVICE_CATEGORY_CODES as readonly string[]).includes(code))
      .map(([code, t]) => ({ category: code as ServiceCategory, ...figuresOf(t) }))
      .sort((a, b) => b.demands - a.demands || a.category.localeCompare(b.category)),
    byChannel: [...byChannel]
      .map(([channel, demands]) => ({ channel, demands }))
      .sort((a, b) => b.demands - a.demands),
    providers: providerRows
      .map((r) => ({
        accountId: Number(r.account_id),
        name: names.get(Number(r.account_id)) ?? '',
        dispatched: Number(r.dispatched),
        declined: Number(r.declined),
        declineRate: ratio(Number(r.declined), Number(r.dispatched)),
        served: Number(r.served),
        rated: Number(r.rated),
        satisfactionRate: ratio(Number(r.satisfied), Number(r.rated)),
      }))
      .sort((a, b) => b.dispatched - a.dispatched || a.accountId - b.accountId),
  };
}

interface Point {
  nodeId: number;
  lat: number;
  lng: number;
}

/**
 * Per point and category: is at least one approved provider of it within `radius` (and within the
 * provider's own service area, as matching requires)? The bounding box on the indexed (lat, lng) of
 * approved providers narrows each point to its patch of the city; the haversine decides.
 */
async function coveredCategories(db: Db, points: Point[], radius: number): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  for (let i = 0; i < points.length; i += POINTS_PER_QUERY) {
    const chunk = points.slice(i, i + POINTS_PER_QUERY);
    const values = sql.join(
      chunk.map((p) => {
        const dLat = radius / METRES_PER_DEGREE;
        const dLng = radius / (METRES_PER_DEGREE * Math.cos((p.lat * Math.PI) / 180));
        return sql`(${p.nodeId}::int, ${p.lat}::float8, ${p.lng}::float8, ${dLat}::float8, ${dLng}::float8)`;
      }),
      sql`, `,
    );
    const rows = rowsOf<{ node_id: number; category: string }>(
      await db.execute(sql`
        with pts(node_id, lat, lng, dlat, dlng) as (values ${values})
        select distinct pts.node_id, c.category
        from pts
          join ${serviceProviders} p on p.status = 'approved'
            and p.lat between pts.lat - pts.dlat and pts.lat + pts.dlat
            and p.lng between pts.lng - pts.dlng and pts.lng + pts.dlng
          cross join lateral unnest(p.categories) as c(category)
        where 2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
            sin(radians(p.lat - pts.lat) / 2) ^ 2
            + cos(radians(pts.lat)) * cos(radians(p.lat)) * sin(radians(p.lng - pts.lng) / 2) ^ 2)))
          <= least(${radius}::float8, p.service_radius_m)`),
    );
    for (const r of rows) {
      const id = Number(r.node_id);
      const set = out.get(id) ?? new Set<string>();
      set.add(r.category);
      out.set(id, set);
    }
  }
  return out;
}

const centreOf = (shape: unknown): { lat: number; lng: number } | null => {
  const s = shape as Polygon | MultiPolygon | null;
  if (!s) return null;
  const polygon: Polygon | null =
    s.type === 'Polygon'
      ? s
      : s.type === 'MultiPolygon' && s.coordinates[0]
        ? { type: 'Polygon', coordinates: s.coordinates[0] }
        : null;
  if (!polygon) return null;
  const [lng, lat] = centroid(polygon);
  return { lat, lng };
};

/**
 * The 15-minute coverage of each community under the chosen node: of its households, the share with
 * at least one approved provider of each category within the radius. The registry keeps no
 * coordinates for buildings or houses, so a household stands at the centre of its grid (households
 * registered on the community itself at the community's centre): an honest proxy at a grid's few
 * hundred metres, shown as such on the screen. Households without any placeable node are counted in
 * `households` but not in `located`.
 */
export async function communityCoverage(ctx: Ctx, q: CoverageQuery): Promise<CoverageView> {
  const actor = requireActor(ctx);
  requireReader(actor);
  const node = await scopedNode(ctx.db, actor, q.nodeId);
  const inScope = or(...READERS.map((p) => scopePathCondition(actor, p, orgNodes.path)));
  const communities = await ctx.db
    .select({ id: orgNodes.id, name: orgNodes.name, path: orgNodes.path, boundary: orgNodes.boundary })
    .from(orgNodes)
    .where(
      and(
        eq(orgNodes.level, 'community'),
        isNull(orgNodes.validTo),
        inScope,
        node ? sql`${orgNodes.path} like ${`${node.path}%`}` : undefined,
      ),
    )
    .orderBy(orgNodes.path);
  // A community leader is granted on the community; the node filter above may also be a grid of it.
  const wanted =
    node?.level === 'grid' ? communities.filter((c) => node.path.startsWith(c.path)) : communities;
  if (wanted.length === 0)
    return { radius: q.radius, nodeId: node?.id ?? null, nodeName: node?.name ?? null, communities: [] };

  const ids = wanted.map((c) => c.id);
  const grids = await ctx.db
    .select({ id: orgNodes.id, parentId: orgNodes.parentId, boundary: orgNodes.boundary })
    .from(orgNodes)
    .where(and(eq(orgNodes.level, 'grid'), isNull(orgNodes.validTo), inArray(orgNodes.parentId, ids)));
  const communityOf = new Map<number, number>(wanted.map((c) => [c.id, c.id]));
  for (const g of grids) communityOf.set(g.id, g.parentId!);
  const counts = await ctx.db
    .select({ nodeId: households.orgNodeId, n: sql<number>`count(*)::int` })
    .from(households)
    .where(inArray(households.orgNodeId, [...communityOf.keys()]))
    .groupBy(households.orgNodeId);

  const points: Point[] = [];
  for (const n of [...wanted, ...grids]) {
    const centre = centreOf(n.boundary);
    if (centre) points.push({ nodeId: n.id, ...centre });
  }
  const placed = new Set(points.map((p) => p.nodeId));
  const inhabited = new Set(counts.filter((c) => Number(c.n) > 0).map((c) => c.nodeId));
  const covered = await coveredCategories(
    ctx.db,
    points.filter((p) => inhabited.has(p.nodeId)),
    q.radius,
  );

  const perCommunity = new Map(
    ids.map((id) => [id, { households: 0, located: 0, covered: new Map<string, number>() }]),
  );
  for (const c of counts) {
    const entry = perCommunity.get(communityOf.get(c.nodeId)!)!;
    const n = Number(c.n);
    entry.households += n;
    if (!placed.has(c.nodeId)) continue;
    entry.located += n;
    for (const category of covered.get(c.nodeId) ?? [])
      entry.covered.set(category, (entry.covered.get(category) ?? 0) + n);
  }
  return {
    radius: q.radius,
    nodeId: node?.id ?? null,
    nodeName: node?.name ?? null,
    communities: wanted.map((c) => {
      const e = perCommunity.get(c.id)!;
      return {
        nodeId: c.id,
        name: c.name,
        households: e.households,
        located: e.located,
        shares: Object.fromEntries(
          SERVICE_CATEGORY_CODES.map((code) => [code, ratio(e.covered.get(code) ?? 0, e.located)]),
        ),
      };
    }),
  };
}
