import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client';
import { foldAll } from '../modules/cases';
import { type SeededApp, seededApp } from '../test/fixtures';
import { appendCaseDeltas, buildCaseStats, type GeneratedCases, generateCases } from './cases-data';

const AS_OF = new Date('2026-11-20T06:30:00.000Z');
const DAYS = 60;
const COUNT = 2_000;

let t: SeededApp;
let range: GeneratedCases;

interface StatRow {
  org_node_id: number;
  dimension: string;
  day: string;
  counters: Record<string, number>;
}

async function caseStats(): Promise<StatRow[]> {
  return rowsOf<StatRow>(
    await t.database.db.execute(
      sql`select org_node_id, dimension, day::text as day, counters from case_stats order by 1, 2, 3`,
    ),
  );
}

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await t.database.db.execute(query))[0]!;
}

beforeAll(async () => {
  t = await seededApp();
  range = await generateCases(t.database.db, { count: COUNT, seed: 3, asOf: AS_OF, days: DAYS, batch: 700 });
}, 120_000);
afterAll(() => t.close());

describe('generated cases', () => {
  it('writes the requested number of cases inside the window, ids continuing the sequence', async () => {
    expect(range.lastId - range.firstId + 1).toBe(COUNT);
    const r = await one<{ n: number; first: string; last: string; next: string }>(sql`
      select count(*)::int as n, min(reported_at)::text as first, max(reported_at)::text as last,
             nextval(pg_get_serial_sequence('cases', 'id'))::text as next from cases`);
    expect(r.n).toBe(COUNT);
    expect(Date.parse(r.last)).toBeLessThanOrEqual(AS_OF.getTime());
    expect(Date.parse(r.first)).toBeGreaterThan(AS_OF.getTime() - (DAYS + 1) * 86_400_000);
    expect(Number(r.next)).toBe(range.lastId + 1);
  });

  it('has the shape of a working city: mostly closed, some open, few urgent, reworked or misdispatched', async () => {
    const r = await one<Record<string, number>>(sql`
      select count(*) filter (where state in ('closed', 'evaluated', 'self_resolved', 'rejected', 'duplicate',
               'transferred'))::float8 / count(*) as closed_share,
             count(distinct state) filter (where closed_at is null)::int as open_states,
             count(*) filter (where urgency = 'urgent')::float8 / count(*) as urgent_share,
             count(*) filter (where kind = 'grid_event')::float8 / count(*) as grid_event_share,
             sum(rework_count)::float8 / count(*) filter (where assignee_node_id is not null) as rework_rate,
             sum(wrong_dispatch_count)::float8 / count(*) filter (where filed_at is not null) as wrong_rate,
             count(*) filter (where closed_on_time)::float8 / count(*) filter (where closed_on_time is not null)
               as on_time_share,
             avg(rating)::float8 as rating,
             count(distinct org_node_id)::int as grids
      from cases`);
    expect(r.closed_share).toBeGreaterThan(0.9);
    expect(r.open_states).toBeGreaterThanOrEqual(3);
    expect(r.urgent_share).toBeGreaterThan(0.03);
    expect(r.urgent_share).toBeLessThan(0.08);
    expect(r.grid_event_share).toBeGreaterThan(0.8);
    expect(r.rework_rate).toBeGreaterThan(0.005);
    expect(r.rework_rate).toBeLessThan(0.04);
    expect(r.wrong_rate).toBeGreaterThan(0.008);
    expect(r.wrong_rate).toBeLessThan(0.035);
    expect(r.on_time_share).toBeGreaterThan(0.93);
    expect(r.on_time_share).toBeLessThan(0.99);
    expect(r.rating).toBeGreaterThan(4);
    expect(r.grids).toBe(8);
  });

  it('keeps every row consistent with its state', async () => {
    const bad = await one<{ n: number }>(sql`
      select count(*)::int as n from cases where
        (state in ('closed', 'evaluated', 'self_resolved', 'rejected', 'duplicate', 'transferred')) <> (closed_at is not null)
        or (state = 'evaluated') <> (rating is not null)
        or (state in ('dispatched', 'in_progress', 'handled', 'checking') and assignee_node_id is null)
        or (filed_at is not null and due_at is null)
        or (closed_at is null and stage_due_at is null)
        or closed_at < reported_at or stage_entered_at < reported_at or updated_at > ${AS_OF.toISOString()}::timestamptz
        or (on_hold and state <> 'in_progress')`);
    expect(bad.n).toBe(0);
  });
});

describe('case statistics of the generated cases', () => {
  let folded: StatRow[];

  beforeAll(async () => {
    // The engine's way: every delta appended, then folded into case_stats by the real fold.
    await appendCaseDeltas(t.database.db, range, AS_OF);
    await foldAll(t.database.db);
    folded = await caseStats();
  }, 120_000);

  it('are the same whether folded from deltas or built by the one aggregate statement', async () => {
    expect(folded.length).toBeGreaterThan(100);
    await t.database.db.execute(sql`delete from case_stats`);
    await buildCaseStats(t.database.db, range, AS_OF);
    expect(await caseStats()).toEqual(folded);
  });

  it('add into rows already there, as the fold does', async () => {
    await buildCaseStats(t.database.db, range, AS_OF);
    const doubled = await caseStats();
    expect(doubled).toEqual(
      folded.map((r) => ({
        ...r,
        counters: Object.fromEntries(Object.entries(r.counters).map(([k, v]) => [k, 2 * v])),
      })),
    );
    await t.database.db.execute(sql`delete from case_stats`);
    await buildCaseStats(t.database.db, range, AS_OF);
  });

  it('match the rows: what was closed, reworked, misdispatched, rated', async () => {
    const city = await one<{ id: number }>(sql`select id from org_nodes where parent_id is null`);
    const sum = (k: string) =>
      folded
        .filter((r) => r.org_node_id === city.id && r.dimension === 'territory')
        .reduce((s, r) => s + (r.counters[k] ?? 0), 0);
    const rows = await one<Record<string, number>>(sql`
      select count(*)::int as reported,
             count(*) filter (where state in ('closed', 'evaluated', 'self_resolved'))::int as closed,
             count(*) filter (where closed_on_time)::int as closed_on_time,
             count(*) filter (where state = 'rejected')::int as rejected,
             count(*) filter (where state = 'self_resolved')::int as self_resolved,
             count(*) filter (where filed_at is not null)::int as filed,
             sum(rework_count)::int as rework, sum(wrong_dispatch_count)::int as wrong_dispatch,
             sum(postpone_count)::int as postponed, count(*) filter (where on_hold)::int as on_hold,
             count(rating)::int as evaluated, coalesce(sum(rating), 0)::int as rating_sum,
             count(*) filter (where due_counted)::int as due
      from cases`);
    for (const [k, v] of Object.entries(rows)) expect([k, sum(k)]).toEqual([k, Number(v)]);
  });

  it('feed the city dashboard through the API', async () => {
    const civil = await t.as('civil.city');
    const from = new Date(AS_OF.getTime() - (DAYS + 1) * 86_400_000).toISOString().slice(0, 10);
    const res = await civil.get(`/api/cases/indicators?from=${from}&to=2026-11-20`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.total.counters.reported).toBe(COUNT);
    expect(view.total.onTimeClosureRate).toBeGreaterThan(0.85);
    expect(view.total.satisfactionRate).toBeGreaterThan(0.8);
    expect(view.byDepartment.length).toBeGreaterThan(0);
  });
});
