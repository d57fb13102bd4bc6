import { sql } from 'drizzle-orm';
import {
  customType,
  date,
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

/** Search lexemes (name n-grams, pinyin, initials) built in the application; see search-terms.ts. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Every registry record belongs to a grid (`org_node_id`) and carries its district (`district_id`), the
 * column a Citus deployment distributes by. Nothing is deleted: people move out or die, and a house or
 * unit is retired.
 */
export const buildings = pgTable(
  'buildings',
  {
    id: serial('id').primaryKey(),
    orgNodeId: integer('org_node_id')
      .notNull()
      .references(() => orgNodes.id),
    districtId: integer('district_id').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    floors: integer('floors'),
    units: integer('units'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('buildings_node_idx').on(t.orgNodeId)],
);

export const houses = pgTable(
  'houses',
  {
    id: serial('id').primaryKey(),
    buildingId: integer('building_id')
      .notNull()
      .references(() => buildings.id),
    orgNodeId: integer('org_node_id')
      .notNull()
      .references(() => orgNodes.id),
    districtId: integer('district_id').notNull(),
    unitNo: text('unit_no'),
    floor: integer('floor'),
    roomNo: text('room_no').notNull(),
    address: text('address').notNull(),
    /** m² × 100 */
    area: integer('area'),
    use: text('use').notNull(),
    tenure: text('tenure'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('houses_building_idx').on(t.buildingId), index('houses_node_idx').on(t.orgNodeId)],
);

export const households = pgTable(
  'households',
  {
    id: serial('id').primaryKey(),
    orgNodeId: integer('org_node_id')
      .notNull()
      .references(() => orgNodes.id),
    districtId: integer('district_id').notNull(),
    householdNo: text('household_no'),
    type: text('type').notNull(),
    houseId: integer('house_id').references(() => houses.id),
    address: text('address'),
    headId: integer('head_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('households_node_idx').on(t.orgNodeId)],
);

export const residents = pgTable(
  'residents',
  {
    id: serial('id').primaryKey(),
    orgNodeId: integer('org_node_id')
      .notNull()
      .references(() => orgNodes.id),
    districtId: integer('district_id').notNull(),
    householdId: integer('household_id').references(() => households.id),
    relation: text('relation'),
    houseId: integer('house_id').references(() => houses.id),
    name: text('name').notNull(),
    formerNames: text('former_names').array().notNull().default(sql`'{}'::text[]`),
    searchTerms: tsvector('search_terms').notNull(),
    gender: text('gender').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    idDocType: text('id_doc_type').notNull().default('resident_id'),
    idNumberEnc: text('id_number_enc'),
    /** Keyed HMAC of the normalised number: exact lookup and duplicate detection without decrypting. */
    idNumberIndex: text('id_number_index'),
    /** What every screen shows (`110***********123X`), kept so lists never decrypt. */
    idNumberMasked: text('id_number_masked'),
    phoneEnc: text('phone_enc'),
    phoneIndex: text('phone_index'),
    phoneMasked: text('phone_masked'),
    ethnicity: text('ethnicity'),
    education: text('education'),
    politicalStatus: text('political_status'),
    maritalStatus: text('marital_status'),
    employmentStatus: text('employment_status'),
    hukouAddress: text('hukou_address'),
    actualAddress: text('actual_address'),
    movedInOn: date('moved_in_on', { mode: 'string' }),
    residenceType: text('residence_type').notNull().default('registered'),
    status: text('status').notNull().default('active'),
    statusOn: date('status_on', { mode: 'string' }),
    accountId: integer('account_id').references(() => accounts.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('residents_node_idx').on(t.orgNodeId, t.status),
    index('residents_household_idx').on(t.householdId),
    index('residents_house_idx').on(t.houseId),
    index('residents_birth_idx').on(t.birthDate),
    index('residents_name_idx').using('btree', sql`${t.name} text_pattern_ops`),
    // The lexemes keyed by the block of org-node ids of the resident's grid (migration 0005 defines
    // registry_search_keys; search-terms.ts explains the keys): a search reads only its scope's blocks.
    index('residents_search_idx').using('gin', sql`registry_search_keys(${t.orgNodeId}, ${t.searchTerms})`),
    // One person, one record: the same number twice is refused wherever the first one lives.
    uniqueIndex('residents_id_number_idx').on(t.idNumberIndex),
    index('residents_phone_idx').on(t.phoneIndex),
    index('residents_account_idx').on(t.accountId),
  ],
);

export const residentTags = pgTable(
  'resident_tags',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    /** general | care | safety: who may see it (the tag itself is encrypted). */
    category: text('category').notNull(),
    tagEnc: text('tag_enc').notNull(),
    tagIndex: text('tag_index').notNull(),
    detailEnc: text('detail_enc'),
    source: text('source').notNull(),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    setBy: integer('set_by'),
    createdAt: createdAt(),
    removedAt: tz('removed_at'),
  },
  (t) => [
    index('resident_tags_resident_idx').on(t.residentId),
    index('resident_tags_index_idx').on(t.tagIndex),
  ],
);

export const floatingRegistrations = pgTable(
  'floating_registrations',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    orgNodeId: integer('org_node_id')
      .notNull()
      .references(() => orgNodes.id),
    arrivedOn: date('arrived_on', { mode: 'string' }).notNull(),
    origin: text('origin').notNull(),
    reason: text('reason').notNull(),
    expectedUntil: date('expected_until', { mode: 'string' }),
    departedOn: date('departed_on', { mode: 'string' }),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('floating_node_idx').on(t.orgNodeId, t.expectedUntil)],
);

/** The per-person history: every life event and change, with who and when (the audit log proves it). */
export const residentEvents = pgTable(
  'resident_events',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    kind: text('kind').notNull(),
    at: tz('at').notNull().defaultNow(),
    by: integer('by'),
    summary: jsonb('summary').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('resident_events_resident_idx').on(t.residentId, t.at)],
);

export const residentUnits = pgTable(
  'resident_units',
  {
    id: serial('id').primaryKey(),
    orgNodeId: integer('org_node_id')
      .notNull()
      .references(() => orgNodes.id),
    districtId: integer('district_id').notNull(),
    name: text('name').notNull(),
    creditCode: text('credit_code'),
    kind: text('kind').notNull(),
    contactName: text('contact_name'),
    contactPhoneEnc: text('contact_phone_enc'),
    contactPhoneMasked: text('contact_phone_masked'),
    staffCount: integer('staff_count'),
    address: text('address'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('resident_units_node_idx').on(t.orgNodeId),
    uniqueIndex('resident_units_credit_idx').on(t.creditCode),
  ],
);

export const corrections = pgTable(
  'registry_corrections',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => accounts.id),
    field: text('field').notNull(),
    proposedEnc: text('proposed_enc').notNull(),
    note: text('note'),
    status: text('status').notNull().default('open'),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: tz('reviewed_at'),
    reviewNote: text('review_note'),
    createdAt: createdAt(),
  },
  (t) => [index('registry_corrections_resident_idx').on(t.residentId)],
);
