import { z } from 'zod';
import { isoDate, text } from './common';

/**
 * The population and places registry (SPEC §3.2). Codes, not sentences: the web app and the API
 * translate them. Personal numbers travel masked unless revealed (`revealBody`).
 */
export const GENDERS = ['male', 'female'] as const;
export const RESIDENCE_TYPES = ['registered', 'floating'] as const; // 户籍 / 流动
export const RESIDENT_STATUSES = ['active', 'moved_out', 'deceased'] as const;
export const ID_DOC_TYPES = [
  'resident_id',
  'residence_permit',
  'foreign_permanent',
  'passport',
  'other',
] as const;
export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'other',
] as const;
export const EDUCATION = [
  'none',
  'primary',
  'junior',
  'senior',
  'vocational',
  'college',
  'bachelor',
  'master',
  'doctor',
] as const;
export const POLITICAL = [
  'masses',
  'cpc_member',
  'cpc_probationary',
  'cyl_member',
  'democratic_party',
  'other',
] as const;
export const MARITAL = ['single', 'married', 'divorced', 'widowed'] as const;
export const EMPLOYMENT = [
  'employed',
  'self_employed',
  'unemployed',
  'retired',
  'student',
  'preschool',
  'other',
] as const;
export const HOUSEHOLD_TYPES = ['registered', 'living', 'both'] as const;
export const HOUSE_USES = ['residence', 'shop', 'office', 'vacant'] as const;
export const HOUSE_TENURES = ['owner', 'tenant', 'public', 'other'] as const;
export const UNIT_KINDS = ['enterprise', 'institution', 'shop', 'social_org', 'other'] as const;

/**
 * Recorded tags. `care` tags (health, disability, assistance) need `registry.sensitive`; `safety` tags
 * (key groups for safety work) need `registry.safety`. All tags are stored encrypted with a blind index.
 */
export const TAGS = {
  living_alone: 'care',
  disabled: 'care',
  chronic_illness: 'care',
  dibao: 'care', // 低保
  tekun: 'care', // 特困
  veteran: 'general',
  laid_off: 'general',
  job_seeker_4050: 'general',
  party_member: 'general',
  volunteer: 'general',
  key_group: 'safety',
} as const;
export type Tag = keyof typeof TAGS;
export const TAG_NAMES = Object.keys(TAGS) as Tag[];
/** Computed from the birth date at read time, never stored. */
export const COMPUTED_TAGS = ['aged_60', 'aged_80', 'minor', 'under_14'] as const;

const optionalText = (max: number) => z.string().trim().max(max).optional();

export const residentFields = {
  name: text(32),
  formerNames: z.array(text(32)).max(5).optional(),
  gender: z.enum(GENDERS),
  birthDate: isoDate,
  idDocType: z.enum(ID_DOC_TYPES).default('resident_id'),
  idNumber: z.string().trim().max(32).optional(),
  phone: z.string().trim().max(32).optional(),
  ethnicity: optionalText(16),
  education: z.enum(EDUCATION).optional(),
  politicalStatus: z.enum(POLITICAL).optional(),
  maritalStatus: z.enum(MARITAL).optional(),
  employmentStatus: z.enum(EMPLOYMENT).optional(),
  hukouAddress: optionalText(200),
  actualAddress: optionalText(200),
  movedInOn: isoDate.optional(),
  residenceType: z.enum(RESIDENCE_TYPES).default('registered'),
  houseId: z.number().int().positive().optional(),
};

export const residentCreateBody = z.strictObject({
  gridId: z.number().int().positive(),
  ...residentFields,
  household: z
    .strictObject({ householdId: z.number().int().positive(), relation: z.enum(RELATIONS) })
    .optional(),
});
export type ResidentCreateBody = z.infer<typeof residentCreateBody>;

export const residentUpdateBody = z.strictObject({
  name: residentFields.name.optional(),
  formerNames: residentFields.formerNames,
  gender: residentFields.gender.optional(),
  birthDate: residentFields.birthDate.optional(),
  idDocType: z.enum(ID_DOC_TYPES).optional(),
  idNumber: residentFields.idNumber,
  phone: z.string().trim().max(32).nullable().optional(),
  ethnicity: residentFields.ethnicity,
  education: residentFields.education,
  politicalStatus: residentFields.politicalStatus,
  maritalStatus: residentFields.maritalStatus,
  employmentStatus: residentFields.employmentStatus,
  hukouAddress: residentFields.hukouAddress,
  actualAddress: residentFields.actualAddress,
  residenceType: z.enum(RESIDENCE_TYPES).optional(),
  houseId: z.number().int().positive().nullable().optional(),
});

export const residentTagView = z.object({
  id: z.number(),
  tag: z.string(),
  detail: z.string().nullable(),
  source: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  setByName: z.string().nullable(),
});

export const residentView = z.object({
  id: z.number(),
  gridId: z.number(),
  gridName: z.string(),
  communityName: z.string().nullable(),
  name: z.string(),
  formerNames: z.array(z.string()),
  gender: z.enum(GENDERS),
  birthDate: z.string(),
  age: z.number(),
  idDocType: z.enum(ID_DOC_TYPES),
  /** Always masked here; `POST /api/registry/residents/:id/reveal` gives the full value. */
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  ethnicity: z.string().nullable(),
  education: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  employmentStatus: z.string().nullable(),
  hukouAddress: z.string().nullable(),
  actualAddress: z.string().nullable(),
  movedInOn: z.string().nullable(),
  residenceType: z.enum(RESIDENCE_TYPES),
  status: z.enum(RESIDENT_STATUSES),
  householdId: z.number().nullable(),
  relation: z.string().nullable(),
  houseId: z.number().nullable(),
  tags: z.array(z.string()),
  under14: z.boolean(),
  updatedAt: z.string(),
});
export type ResidentView = z.infer<typeof residentView>;

export const residentDetailView = residentView.extend({
  tagRecords: z.array(residentTagView),
  floating: z
    .object({
      id: z.number(),
      arrivedOn: z.string(),
      origin: z.string(),
      reason: z.string(),
      expectedUntil: z.string().nullable(),
      departedOn: z.string().nullable(),
    })
    .nullable(),
});

export const residentSearchQuery = z.strictObject({
  /** Name (prefix or infix), pinyin or initials, an ID number or a mobile number. */
  q: z.string().trim().max(32).optional(),
  nodeId: z.coerce.number().int().positive().optional(),
  tag: z.string().max(32).optional(),
  gender: z.enum(GENDERS).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  address: z.string().trim().max(64).optional(),
  houseId: z.coerce.number().int().positive().optional(),
  residenceType: z.enum(RESIDENCE_TYPES).optional(),
  status: z.enum(RESIDENT_STATUSES).default('active'),
  sort: z.enum(['name', 'birthDate', 'updatedAt']).default('name'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ResidentSearchQuery = z.infer<typeof residentSearchQuery>;

export const tagAddBody = z.strictObject({
  tag: z.enum(TAG_NAMES as [Tag, ...Tag[]]),
  /** e.g. disability category and grade: free text, stored encrypted. */
  detail: z.string().trim().max(100).optional(),
  source: text(64),
  startsOn: isoDate.optional(),
  endsOn: isoDate.optional(),
});

export const moveBody = z.strictObject({
  gridId: z.number().int().positive(),
  movedOn: isoDate,
  reason: z.string().trim().max(200).optional(),
});
export const moveOutBody = z.strictObject({ movedOn: isoDate, destination: text(200) });
export const deathBody = z.strictObject({ diedOn: isoDate, note: z.string().trim().max(200).optional() });
export const householdChangeBody = z.strictObject({
  householdId: z.number().int().positive().nullable(),
  relation: z.enum(RELATIONS).optional(),
});

export const residentEventView = z.object({
  id: z.number(),
  kind: z.string(),
  at: z.string(),
  byName: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});

export const floatingCreateBody = z.strictObject({
  arrivedOn: isoDate,
  origin: text(100),
  reason: z.enum(['work', 'business', 'study', 'family', 'medical', 'other']),
  expectedUntil: isoDate.optional(),
});
export const floatingRegisterBody = z.strictObject({
  resident: residentCreateBody.omit({ residenceType: true }),
  floating: floatingCreateBody,
});
export const floatingDepartBody = z.strictObject({ departedOn: isoDate });

export const householdCreateBody = z.strictObject({
  gridId: z.number().int().positive(),
  householdNo: z.string().trim().max(32).optional(),
  type: z.enum(HOUSEHOLD_TYPES),
  houseId: z.number().int().positive().optional(),
  address: optionalText(200),
});
export const householdView = z.object({
  id: z.number(),
  gridId: z.number(),
  householdNo: z.string().nullable(),
  type: z.enum(HOUSEHOLD_TYPES),
  houseId: z.number().nullable(),
  address: z.string().nullable(),
  headId: z.number().nullable(),
  members: z.array(residentView),
});

export const buildingCreateBody = z.strictObject({
  gridId: z.number().int().positive(),
  name: text(64),
  address: text(200),
  floors: z.number().int().min(1).max(200).optional(),
  units: z.number().int().min(1).max(50).optional(),
});
export const houseCreateBody = z.strictObject({
  buildingId: z.number().int().positive(),
  unitNo: z.string().trim().max(16).optional(),
  floor: z.number().int().min(-5).max(200).optional(),
  roomNo: text(16),
  /** Square metres; stored as m² × 100. */
  area: z.number().min(0).max(100_000).optional(),
  use: z.enum(HOUSE_USES),
  tenure: z.enum(HOUSE_TENURES).optional(),
});
export const houseView = z.object({
  id: z.number(),
  buildingId: z.number(),
  buildingName: z.string(),
  unitNo: z.string().nullable(),
  floor: z.number().nullable(),
  roomNo: z.string(),
  address: z.string(),
  area: z.number().nullable(),
  use: z.enum(HOUSE_USES),
  tenure: z.string().nullable(),
  occupants: z.number(),
});
export const buildingView = z.object({
  id: z.number(),
  gridId: z.number(),
  name: z.string(),
  address: z.string(),
  floors: z.number().nullable(),
  units: z.number().nullable(),
  houses: z.number(),
});

export const residentUnitBody = z.strictObject({
  gridId: z.number().int().positive(),
  name: text(100),
  creditCode: z.string().trim().max(32).optional(),
  kind: z.enum(UNIT_KINDS),
  contactName: optionalText(32),
  contactPhone: z.string().trim().max(32).optional(),
  staffCount: z.number().int().min(0).max(1_000_000).optional(),
  address: optionalText(200),
});
export const residentUnitView = z.object({
  id: z.number(),
  gridId: z.number(),
  name: z.string(),
  creditCode: z.string().nullable(),
  creditCodeWarnings: z.array(z.string()),
  kind: z.enum(UNIT_KINDS),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  staffCount: z.number().nullable(),
  address: z.string().nullable(),
});

export const correctionBody = z.strictObject({
  residentId: z.number().int().positive(),
  field: z.enum([
    'name',
    'phone',
    'actualAddress',
    'maritalStatus',
    'employmentStatus',
    'education',
    'other',
  ]),
  proposed: text(200),
  note: z.string().trim().max(200).optional(),
});
export const correctionView = z.object({
  id: z.number(),
  residentId: z.number(),
  residentName: z.string(),
  field: z.string(),
  proposed: z.string(),
  note: z.string().nullable(),
  status: z.enum(['open', 'accepted', 'rejected']),
  createdAt: z.string(),
  reviewNote: z.string().nullable(),
});
export const correctionReviewBody = z.strictObject({
  decision: z.enum(['accepted', 'rejected']),
  note: z.string().trim().max(200).optional(),
});

/** Counting a whole city on every page would cost more than the page; beyond this a list says "more than". */
export const RESIDENT_TOTAL_CAP = 10_000;
