import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from '../../db/columns';
import { accounts } from '../accounts/accounts.schema';
import { orgNodes } from '../org/org.schema';
import { residents } from '../registry/registry.schema';

/** The catalogue of matters (事项): materials, fields and limits as data (SPEC §3.4). */
export const serviceMatters = pgTable(
  'service_matters',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    legalBasis: text('legal_basis').notNull(),
    departmentType: text('department_type').notNull(),
    levels: jsonb('levels').notNull(),
    materials: jsonb('materials').notNull(),
    mode: text('mode').notNull(),
    limitDays: integer('limit_days').notNull(),
    fee: numeric('fee', { precision: 10, scale: 2, mode: 'number' }).notNull().default(0),
    online: boolean('online').notNull(),
    fields: jsonb('fields').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('service_matters_code_idx').on(t.code)],
);

/**
 * One application. Materials, the one-time supplement list, the agent and the hand-over record are
 * kept on the row as JSON (they belong to it alone); `version` is the optimistic lock. The promised
 * date (`dueAt`) runs from submission and is moved by the working days the clock was paused.
 */
export const serviceApplications = pgTable(
  'service_applications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => serviceMatters.id),
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    channel: text('channel').notNull(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    applicantAccountId: integer('applicant_account_id').references(() => accounts.id),
    applicantName: text('applicant_name').notNull(),
    idNumberMasked: text('id_number_masked'),
    address: text('address'),
    /** The community service centre (window) that takes the application. */
    windowNodeId: integer('window_node_id')
      .notNull()
      .references(() => orgNodes.id),
    departmentNodeId: integer('department_node_id').references(() => orgNodes.id),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    form: jsonb('form').notNull(),
    materials: jsonb('materials').notNull(),
    supplements: jsonb('supplements'),
    agent: jsonb('agent'),
    handover: jsonb('handover'),
    receiptNumber: text('receipt_number'),
    dueAt: tz('due_at'),
    pausedAt: tz('paused_at'),
    pausedDays: integer('paused_days').notNull().default(0),
    suspended: boolean('suspended').notNull().default(false),
    reason: text('reason'),
    result: text('result'),
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    followUpCaseId: bigint('follow_up_case_id', { mode: 'number' }),
    submittedAt: tz('submitted_at').notNull().defaultNow(),
    acceptedAt: tz('accepted_at'),
    decidedAt: tz('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('service_applications_window_idx').on(t.windowNodeId, t.state),
    index('service_applications_department_idx').on(t.departmentNodeId, t.state),
    index('service_applications_applicant_idx').on(t.applicantAccountId, t.submittedAt),
    uniqueIndex('service_applications_receipt_idx').on(t.receiptNumber),
  ],
);

/** The timeline of an application: every transition and flag, with who and when. */
export const serviceApplicationEvents = pgTable(
  'service_application_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: bigint('application_id', { mode: 'number' })
      .notNull()
      .references(() => serviceApplications.id),
    at: tz('at').notNull().defaultNow(),
    actorAccountId: integer('actor_account_id').references(() => accounts.id),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    data: jsonb('data'),
  },
  (t) => [index('service_application_events_app_idx').on(t.applicationId, t.id)],
);

/** Uploaded materials and authorisations, stored by content hash under <dataDir>/service-files/. */
export const serviceFiles = pgTable('service_files', {
  id: serial('id').primaryKey(),
  sha256: text('sha256').notNull(),
  mime: text('mime').notNull(),
  bytes: integer('bytes').notNull(),
  uploadedBy: integer('uploaded_by')
    .notNull()
    .references(() => accounts.id),
  createdAt: createdAt(),
});
