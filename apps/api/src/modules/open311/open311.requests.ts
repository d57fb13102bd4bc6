import { CASE_STATE_NAMES, CASE_STATES, type CaseState } from '@linli/contract';
import { and, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Lang } from '../../core/messages';
import type { Db } from '../../db/client';
import { caseCategories, cases } from '../cases/cases.schema';
import { orgNodes } from '../org/org.schema';
import { notFound311 } from './open311.errors';
import type { PublicStatus, RequestFilter } from './open311.filters';
import { stageName } from './open311.messages';
import { w3cDate } from './open311.render';
import { categoryName } from './open311.services';

/**
 * The public side of the case engine. Only grid events are published (complaints, disputes,
 * petitions and emergency calls concern people), never drafts, and never who reported: the reporter's
 * name, account, photos and the timeline stay inside. A case needs a category to be published,
 * because a GeoReport request is always of some service.
 */
const assignee = alias(orgNodes, 'open311_assignee');

const statesOf = (statuses: readonly PublicStatus[]): CaseState[] =>
  CASE_STATE_NAMES.filter((s) => (statuses as readonly string[]).includes(CASE_STATES[s].type));

const PUBLISHED_STATES = statesOf(['open', 'closed']);

function conditions(f: RequestFilter): SQL[] {
  const out = [
    eq(cases.kind, 'grid_event'),
    inArray(cases.state, statesOf(f.statuses ?? ['open', 'closed'])),
  ];
  if (f.ids) out.push(inArray(cases.id, f.ids));
  if (f.codes) out.push(inArray(caseCategories.code, f.codes));
  if (f.from) out.push(gte(cases.reportedAt, f.from));
  if (f.to) out.push(lte(cases.reportedAt, f.to));
  return out;
}

function selectPublished(db: Db) {
  return db
    .select({
      id: cases.id,
      state: cases.state,
      title: cases.title,
      description: cases.description,
      reportedAt: cases.reportedAt,
      updatedAt: cases.updatedAt,
      closedAt: cases.closedAt,
      dueAt: cases.dueAt,
      address: cases.address,
      lat: cases.lat,
      lng: cases.lng,
      code: caseCategories.code,
      nameZh: caseCategories.nameZh,
      nameEn: caseCategories.nameEn,
      agency: assignee.name,
    })
    .from(cases)
    .innerJoin(caseCategories, eq(caseCategories.id, cases.categoryId))
    .leftJoin(assignee, eq(assignee.id, cases.assigneeNodeId));
}

type PublishedRow = Awaited<ReturnType<ReturnType<typeof selectPublished>['execute']>>[number];

/** Newest first, one page. */
export async function listRequests(db: Db, f: RequestFilter, lang: Lang) {
  const rows = await selectPublished(db)
    .where(and(...conditions(f)))
    .orderBy(desc(cases.reportedAt), desc(cases.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return rows.map((r) => requestView(r, lang));
}

/** One request, still as a list of one (spec); unpublished and nonexistent look the same. */
export async function oneRequest(db: Db, id: number, lang: Lang) {
  const [row] = await selectPublished(db).where(
    and(eq(cases.id, id), eq(cases.kind, 'grid_event'), inArray(cases.state, PUBLISHED_STATES)),
  );
  if (!row) throw notFound311('request_unknown', { id });
  return [requestView(row, lang)];
}

function requestView(r: PublishedRow, lang: Lang) {
  const state = CASE_STATES[r.state as CaseState];
  const closed = state.type === 'closed';
  return {
    service_request_id: String(r.id),
    status: state.type,
    status_notes: stageName(lang, state.stage),
    service_name: categoryName(r, lang),
    service_code: r.code,
    // A grid worker often reports with a title alone; the title then says what the request is.
    description: r.description || r.title,
    agency_responsible: r.agency ?? undefined,
    requested_datetime: w3cDate(r.reportedAt),
    // Once closed, the spec's updated_datetime is the close time, whatever happened after (a rating).
    updated_datetime: w3cDate(closed ? (r.closedAt ?? r.updatedAt) : r.updatedAt),
    expected_datetime: r.dueAt ? w3cDate(r.dueAt) : undefined,
    address: r.address ?? undefined,
    lat: r.lat ?? undefined,
    long: r.lng ?? undefined,
  };
}
