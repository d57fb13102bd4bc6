import {
  allColumns,
  type InsertValues,
  insertColumns,
  preparedInsert,
  preparedMapped,
} from '../../db/prepared';
import { caseEvents, cases } from './cases.schema';
import { statDay } from './stats';

/*
 * A new report's case row, its first timeline entry and its `reported` counter delta in ONE statement:
 * intake is the busiest write of the platform, and each statement costs the API process a round trip
 * (bench/README.md, `cases`). Written once and sent as a named prepared statement (db/prepared.ts).
 * `on conflict do nothing` (the idempotency key raced in) leaves all three out and returns no row.
 */

const CASE_KEYS = [
  'kind',
  'state',
  'categoryId',
  'urgency',
  'channel',
  'title',
  'description',
  'orgNodeId',
  'districtId',
  'outsideGrids',
  'lat',
  'lng',
  'address',
  'reporterAccountId',
  'reporterName',
  'involved',
  'details',
  'stageDueAt',
  'stageEnteredAt',
  'reportedAt',
  'idempotencyKey',
] as const;
const EVENT_KEYS = [
  'actorAccountId',
  'actorRole',
  'actorName',
  'action',
  'fromState',
  'toState',
  'note',
  'public',
  'onTime',
  'data',
] as const;

/** Every later timeline entry of a case: the same columns, with the case named. */
export const insertEventRow = preparedInsert('linli_case_events_insert', caseEvents, [
  'caseId',
  ...EVENT_KEYS,
]);

const caseColumns = insertColumns(cases, CASE_KEYS);
const eventColumns = insertColumns(caseEvents, EVENT_KEYS);
const caseOut = allColumns(cases, ['case'], 'c');
const eventOut = allColumns(caseEvents, ['event'], 'e');
const n = CASE_KEYS.length;
const m = EVENT_KEYS.length;
const param = (i: number) => `$${i}`;

const text = `with c as (
  insert into "cases" (${caseColumns.names})
  values (${CASE_KEYS.map((_, i) => param(i + 1)).join(', ')})
  on conflict do nothing
  returning *
), e as (
  insert into "case_events" ("case_id", ${eventColumns.names})
  select c.id, ${EVENT_KEYS.map((_, i) => `${param(n + i + 1)}::${eventColumns.types[i]}`).join(', ')} from c
  returning *
), d as (
  insert into "case_stat_deltas" ("org_node_id", "dimension", "day", "counter", "amount")
  select c.org_node_id, 'territory', ${param(n + m + 1)}::date, 'reported', 1 from c where ${param(n + m + 2)}::boolean
)
select ${caseOut.list}, ${eventOut.list} from c cross join e`;

type CaseRow = typeof cases.$inferSelect;
type EventRow = typeof caseEvents.$inferSelect;
const run = preparedMapped<{ case: CaseRow; event: EventRow }>('linli_cases_report', text, [
  ...caseOut.fields,
  ...eventOut.fields,
]);

export async function insertReport(
  db: Parameters<typeof run>[0],
  values: {
    case: InsertValues<typeof cases, (typeof CASE_KEYS)[number]>;
    event: InsertValues<typeof caseEvents, (typeof EVENT_KEYS)[number]>;
    /** Counts the report in the territory's `reported` (not for a draft). */
    countReported: boolean;
    at: Date;
  },
): Promise<{ case: CaseRow; event: EventRow } | undefined> {
  const [row] = await run(db, [
    ...caseColumns.encode(values.case),
    ...eventColumns.encode(values.event),
    statDay(values.at),
    values.countReported,
  ]);
  return row;
}
