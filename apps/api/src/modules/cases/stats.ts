import { INDICATOR_COUNTERS, type IndicatorCounter, type IndicatorFigures } from '@linli/contract';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { preparedStatement } from '../../db/prepared';

export type Dimension = 'territory' | 'territory_dept' | 'department';
export type StatCounter =
  | IndicatorCounter
  | 'due'
  | 'rating_sum'
  | `stage_ms:${string}`
  | `stage_n:${string}`
  | `${number}:${string}`;

export interface StatDelta {
  nodeId: number;
  dimension: Dimension;
  counter: StatCounter;
  amount?: number;
}

/** Today in Asia/Shanghai (the day a figure counts on). */
export function statDay(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Appends deltas in the write's transaction: insert-only, so concurrent writes never wait on a counter row. */
export async function addDeltas(db: Db, deltas: StatDelta[], at: Date = new Date()): Promise<void> {
  if (deltas.length === 0) return;
  await insertDeltas(db, [
    deltas.map((d) => d.nodeId),
    deltas.map((d) => d.dimension),
    statDay(at),
    deltas.map((d) => d.counter),
    deltas.map((d) => d.amount ?? 1),
  ]);
}
// One statement for any number of deltas, written once (db/prepared.ts): each report appends some.
const insertDeltas = preparedStatement(
  'linli_case_stat_deltas_insert',
  `insert into "case_stat_deltas" ("org_node_id", "dimension", "day", "counter", "amount")
   select n, d, $3::date, c, a from unnest($1::int[], $2::text[], $4::text[], $5::bigint[]) as t(n, d, c, a)`,
);

// One folder at a time (two would add the same deltas twice).
const FOLD_LOCK = 7_245_101;

/**
 * Adds pending deltas into `case_stats`: territory deltas to the node and every ancestor (the path
 * '/1/4/19/' names them all), department deltas to the department. Deletes what it folded, in the same
 * transaction. Cheap when little is pending, so the dashboard folds before it reads and is never stale.
 */
export async function foldStats(db: Db, batch = 50_000): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FOLD_LOCK})`);
    const res = await tx.execute(sql`
      with picked as (
        delete from case_stat_deltas where id in (select id from case_stat_deltas order by id limit ${batch})
        returning org_node_id, dimension, day, counter, amount
      ), expanded as (
        select a.id::int as org_node_id, p.dimension, p.day, p.counter, p.amount
        from picked p
        join org_nodes n on n.id = p.org_node_id
        cross join lateral unnest(string_to_array(trim(both '/' from n.path), '/')) as a(id)
        where p.dimension <> 'department'
        union all
        select p.org_node_id, p.dimension, p.day, p.counter, p.amount from picked p where p.dimension = 'department'
      ), per_counter as (
        select org_node_id, dimension, day, counter, sum(amount)::bigint as amount
        from expanded group by org_node_id, dimension, day, counter
      ), packed as (
        select org_node_id, dimension, day, jsonb_object_agg(counter, amount) as counters
        from per_counter group by org_node_id, dimension, day
      ), upserted as (
        insert into case_stats (org_node_id, dimension, day, counters)
        select org_node_id, dimension, day, counters from packed
        on conflict (org_node_id, dimension, day) do update set counters = (
          select jsonb_object_agg(k, coalesce((case_stats.counters->>k)::bigint, 0) + coalesce((excluded.counters->>k)::bigint, 0))
          from (select jsonb_object_keys(case_stats.counters) union select jsonb_object_keys(excluded.counters)) keys(k)
        )
        returning 1
      )
      select (select count(*) from picked)::int as n, (select count(*) from upserted)::int as u`);
    return Number(rowsOf<{ n: number }>(res)[0]?.n ?? 0);
  });
}

/** Adds packed counter objects together. */
export function addCounters(
  into: Record<string, number>,
  from: Record<string, unknown>,
): Record<string, number> {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + Number(v);
  return into;
}

export async function foldAll(db: Db): Promise<void> {
  while ((await foldStats(db)) > 0) {
    // keep folding until nothing is pending
  }
}

const ratio = (num: number, den: number): number | null =>
  den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null;

/** Splits a territory's `territory_dept` counters (`<deptId>:<counter>`) per department. */
export function departmentCounters(counters: Record<string, number>): Map<number, Record<string, number>> {
  const out = new Map<number, Record<string, number>>();
  for (const [key, amount] of Object.entries(counters)) {
    const m = /^(\d+):(.+)$/.exec(key);
    if (!m) continue;
    const id = Number(m[1]);
    out.set(id, { ...(out.get(id) ?? {}), [m[2]!]: amount });
  }
  return out;
}

/** The research §3.5 formulas over summed counters (缓办 leave the denominator). */
export function figuresOf(counters: Record<string, number>): IndicatorFigures {
  const c = (k: string) => counters[k] ?? 0;
  const due = c('due') - c('on_hold');
  const avgStageHours: Record<string, number> = {};
  for (const key of Object.keys(counters)) {
    if (!key.startsWith('stage_n:')) continue;
    const stage = key.slice('stage_n:'.length);
    const n = c(key);
    if (n > 0) avgStageHours[stage] = Math.round((c(`stage_ms:${stage}`) / n / 3_600_000) * 100) / 100;
  }
  const shown: Record<string, number> = {};
  for (const k of [...INDICATOR_COUNTERS, 'due']) shown[k] = c(k);
  return {
    counters: shown,
    closureRate: ratio(c('closed'), due),
    onTimeClosureRate: ratio(c('closed_on_time'), due),
    reworkRate: ratio(c('rework'), c('dispatched')),
    postponementRate: ratio(c('postponed'), c('dispatched')),
    wrongDispatchRate: ratio(c('wrong_dispatch'), c('dispatched')),
    satisfactionRate: ratio(c('satisfied'), c('evaluated')),
    avgStageHours,
  };
}
