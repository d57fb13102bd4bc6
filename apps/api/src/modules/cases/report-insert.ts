import { invalid } from '../../core/errors';
import { assertionOf } from '../../db/pg-error';
import {
  allColumns,
  type InsertValues,
  insertColumns,
  preparedInsert,
  preparedMapped,
} from '../../db/prepared';
import { type AuditInput, auditAppendCtes } from '../audit';
import { enqueueJobCte } from '../jobs';
import { caseEvents, casePhotos, cases } from './cases.schema';
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
const photoOut = allColumns(casePhotos, ['photo'], 'p');
const n = CASE_KEYS.length;
const m = EVENT_KEYS.length;
const param = (i: number) => `$${i}`;

/** The case, its first timeline entry and its `reported` delta: `$1 … $(n + m + 2)`. */
const writeCtes = `with c as (
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
)`;
const writeParams = n + m + 2;

type CaseRow = typeof cases.$inferSelect;
type EventRow = typeof caseEvents.$inferSelect;
type PhotoRow = typeof casePhotos.$inferSelect;

interface ReportValues {
  case: InsertValues<typeof cases, (typeof CASE_KEYS)[number]>;
  event: InsertValues<typeof caseEvents, (typeof EVENT_KEYS)[number]>;
  /** Counts the report in the territory's `reported` (not for a draft). */
  countReported: boolean;
  at: Date;
}

const encodeWrite = (values: ReportValues): unknown[] => [
  ...caseColumns.encode(values.case),
  ...eventColumns.encode(values.event),
  statDay(values.at),
  values.countReported,
];

const inTransaction = preparedMapped<{ case: CaseRow; event: EventRow }>(
  'linli_cases_report',
  `${writeCtes}\nselect ${caseOut.list}, ${eventOut.list} from c cross join e`,
  [...caseOut.fields, ...eventOut.fields],
);

/**
 * For a report whose transaction goes on (the caller attaches photos, adds events, audits and
 * enqueues). Undefined when the idempotency key raced in.
 */
export async function insertReport(
  db: Parameters<typeof inTransaction>[0],
  values: ReportValues,
): Promise<{ case: CaseRow; event: EventRow } | undefined> {
  const [row] = await inTransaction(db, encodeWrite(values));
  return row;
}

/*
 * The whole of an ordinary report as ONE statement, its own implicit transaction: the case, its first
 * timeline entry and counter, the reporter's photos attached, the intake job and the audit entry. No
 * BEGIN and COMMIT round trips, and the audit chain's head is locked only from this statement to its
 * commit inside PostgreSQL, never while the API process is busy with other requests (with the head
 * locked across round trips, every report on the platform queued behind the slowest; bench/README.md,
 * `cases`). The statement checks itself with `linli_assert` (migration 0013): photos that are not the
 * reporter's own unattached uploads, or a missing audit head, abort it whole.
 */
const photosAt = writeParams + 1;
const job = enqueueJobCte('j', 'c', 'caseId', photosAt + 3);
const audit = auditAppendCtes('a', 'c', photosAt + 3 + job.count);
const standalone = preparedMapped<{ case: CaseRow; event: EventRow; photo: PhotoRow }>(
  'linli_cases_report_whole',
  `${writeCtes}, p as (
  update "case_photos" set "case_id" = c.id, "event_id" = e.id, "phase" = 'report'
  from c cross join e
  where "case_photos"."id" = any(${param(photosAt)}::integer[])
    and "case_photos"."uploaded_by" = ${param(photosAt + 1)}::integer
    and "case_photos"."case_id" is null
  returning "case_photos".*
), ${job.sql}, ${audit.sql}
select ${caseOut.list}, ${eventOut.list}, ${photoOut.list},
  linli_assert((select count(*) from p) = ${param(photosAt + 2)}::integer, 'cases.photo_unknown')
    and linli_assert(exists (select 1 from a), 'audit.head_missing') as checked
from c cross join e left join p on true
order by p.id`,
  [...caseOut.fields, ...eventOut.fields, ...photoOut.fields],
);

/**
 * Writes a whole report in one statement (see above). Undefined when the idempotency key raced in;
 * photos that may not be attached are refused with `photoIds: cases.photo_unknown` and nothing is written.
 */
export async function insertWholeReport(
  db: Parameters<typeof standalone>[0],
  values: ReportValues & {
    photoIds: readonly number[];
    /** Enqueues `cases.intake` (not for a draft). */
    intakeJob: boolean;
    auditEntry: Omit<AuditInput, 'recordId'>;
  },
): Promise<{ case: CaseRow; event: EventRow; photos: PhotoRow[] } | undefined> {
  const photoIds = [...new Set(values.photoIds)];
  let rows: Awaited<ReturnType<typeof standalone>>;
  try {
    rows = await standalone(db, [
      ...encodeWrite(values),
      photoIds,
      values.case.reporterAccountId,
      photoIds.length,
      ...job.params('cases.intake', values.intakeJob),
      ...audit.params(values.auditEntry),
    ]);
  } catch (err) {
    if (assertionOf(err) === 'cases.photo_unknown') throw invalid('photoIds', 'cases.photo_unknown');
    throw err;
  }
  const [first] = rows;
  if (!first) return undefined;
  return {
    case: first.case,
    event: first.event,
    photos: rows.flatMap((r) => (r.photo.id === null ? [] : [r.photo])),
  };
}
