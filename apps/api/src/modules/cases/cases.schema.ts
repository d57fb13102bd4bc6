import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from '../../db/columns';
import { accounts } from '../accounts/accounts.schema';
import { orgNodes } from '../org/org.schema';

/** The category tree (GB/T 30428 event and component classes, or a city's own list), as data. */
export const caseCategories = pgTable(
  'case_categories',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    parentId: integer('parent_id'),
    type: text('type').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    defaultHandlerNodeId: integer('default_handler_node_id').references(() => orgNodes.id),
    /** Else the nearest department of this type up the case's path (street, then district, then city). */
    handlerDepartmentType: text('handler_department_type'),
    defaultLevel: text('default_level').notNull().default('community'),
    routing: text('routing').notNull(),
    /** Working hours per stage: { file, dispatch, handle, check }. */
    limitsNormal: jsonb('limits_normal').notNull(),
    limitsUrgent: jsonb('limits_urgent').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('case_categories_code_idx').on(t.code)],
);

/**
 * One row per case of any kind. The state is a code from the workflow table in the contract; the
 * counters (rework, wrong dispatch, …) are kept on the row so indicators never replay timelines, and a
 * property test checks they match the timeline. `version` is the optimistic lock.
 */
export const cases = pgTable(
  'cases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    categoryId: integer('category_id').references(() => caseCategories.id),
    urgency: text('urgency').notNull().default('normal'),
    channel: text('channel').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** The grid the case lies in (or the community, when it lies outside every grid polygon). */
    orgNodeId: integer('org_node_id')
      .notNull()
      .references(() => orgNodes.id),
    districtId: integer('district_id').notNull(),
    outsideGrids: boolean('outside_grids').notNull().default(false),
    handlingLevel: text('handling_level').notNull().default('community'),
    /** Where the case is now: the department, street, community or grid it was dispatched to. */
    assigneeNodeId: integer('assignee_node_id').references(() => orgNodes.id),
    /** Hotline demands: the provider's account the demand was sent to. */
    providerAccountId: integer('provider_account_id').references(() => accounts.id),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    address: text('address'),
    reporterAccountId: integer('reporter_account_id').references(() => accounts.id),
    reporterName: text('reporter_name'),
    parentId: bigint('parent_id', { mode: 'number' }),
    externalSystem: text('external_system'),
    externalId: text('external_id'),
    reasonCode: text('reason_code'),
    involved: jsonb('involved').notNull().default(sql`'[]'::jsonb`),
    details: jsonb('details'),
    reworkCount: integer('rework_count').notNull().default(0),
    wrongDispatchCount: integer('wrong_dispatch_count').notNull().default(0),
    postponeCount: integer('postpone_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    onHold: boolean('on_hold').notNull().default(false),
    pendingRequest: text('pending_request'),
    pendingDueAt: tz('pending_due_at'),
    /** The deadline of the whole case (按期结案), moved only by an approved postponement. */
    dueAt: tz('due_at'),
    /** The deadline of the current stage (warnings and escalation). */
    stageDueAt: tz('stage_due_at'),
    stageEnteredAt: tz('stage_entered_at').notNull().defaultNow(),
    warnedAt: tz('warned_at'),
    escalatedAt: tz('escalated_at'),
    reportedAt: tz('reported_at').notNull().defaultNow(),
    filedAt: tz('filed_at'),
    closedAt: tz('closed_at'),
    closedOnTime: boolean('closed_on_time'),
    /** Counted into 应结案 already (when its deadline passed while open), so closing does not count it twice. */
    dueCounted: boolean('due_counted').notNull().default(false),
    rating: integer('rating'),
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('cases_node_state_idx').on(t.orgNodeId, t.state),
    index('cases_assignee_state_idx').on(t.assigneeNodeId, t.state),
    index('cases_provider_state_idx').on(t.providerAccountId, t.state),
    index('cases_reporter_idx').on(t.reporterAccountId, t.reportedAt),
    index('cases_stage_due_idx').on(t.stageDueAt).where(sql`${t.closedAt} is null`),
    index('cases_reported_at_idx').on(t.reportedAt),
    uniqueIndex('cases_idempotency_idx').on(t.reporterAccountId, t.idempotencyKey),
  ],
);

/** The timeline: every transition, note, assignment, deadline change, photo and rating. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id),
    at: tz('at').notNull().defaultNow(),
    actorAccountId: integer('actor_account_id').references(() => accounts.id),
    actorRole: text('actor_role'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    public: boolean('public').notNull().default(false),
    /** On time for this actor's step (核实 / 核查 / 处置 within the stage deadline). */
    onTime: boolean('on_time'),
    data: jsonb('data'),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    index('case_events_actor_idx').on(t.actorAccountId, t.at),
  ],
);

/** Photos, stored by content hash under the data directory; the row says where it belongs. */
export const casePhotos = pgTable(
  'case_photos',
  {
    id: serial('id').primaryKey(),
    caseId: bigint('case_id', { mode: 'number' }).references(() => cases.id),
    eventId: bigint('event_id', { mode: 'number' }),
    phase: text('phase').notNull(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('case_photos_case_idx').on(t.caseId)],
);

/**
 * Indicator counters per org node (every level of the territory, and departments) and day: a write
 * appends deltas (`case_stat_deltas`, insert-only, so no row contention), and a fold adds them up into
 * `case_stats` for the node and all its ancestors. One row holds all counters of a node's day, so a
 * city's month is ~30 rows however many cases it had.
 */
export const caseStatDeltas = pgTable('case_stat_deltas', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orgNodeId: integer('org_node_id').notNull(),
  /**
   * 'territory' and 'territory_dept' (a department's work on a territory's cases, counter
   * `<deptId>:<counter>`) roll up the tree; 'department' stays on the department.
   */
  dimension: text('dimension').notNull(),
  day: date('day').notNull(),
  counter: text('counter').notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
});

export const caseStats = pgTable(
  'case_stats',
  {
    orgNodeId: integer('org_node_id').notNull(),
    dimension: text('dimension').notNull(),
    day: date('day').notNull(),
    counters: jsonb('counters').notNull(),
  },
  (t) => [uniqueIndex('case_stats_key_idx').on(t.orgNodeId, t.dimension, t.day)],
);
