import type {
  COMPUTED_TAGS,
  correctionBody,
  EDUCATION,
  EMPLOYMENT,
  floatingCreateBody,
  GENDERS,
  HOUSE_TENURES,
  HOUSE_USES,
  HOUSEHOLD_TYPES,
  ID_DOC_TYPES,
  MARITAL,
  POLITICAL,
  RELATIONS,
  RESIDENCE_TYPES,
  RESIDENT_STATUSES,
  TAGS,
  UNIT_KINDS,
} from '@linli/contract';
import type { TFunction } from 'i18next';
import type { Infer } from '../../app/api';
import type { StatusTone } from '../../components/status-tag';

/*
 * The registry's code lists, for the web app. Typed as `typeof` the contract constants so the
 * compiler fails if the contract changes, yet imported as types only: a value import from
 * @linli/contract would pull zod into the phone screens' JavaScript.
 */
export const TAG_CATEGORY: typeof TAGS = {
  living_alone: 'care',
  disabled: 'care',
  chronic_illness: 'care',
  dibao: 'care',
  tekun: 'care',
  veteran: 'general',
  laid_off: 'general',
  job_seeker_4050: 'general',
  party_member: 'general',
  volunteer: 'general',
  key_group: 'safety',
};
export type RecordedTag = keyof typeof TAGS;
export const RECORDED_TAGS = Object.keys(TAG_CATEGORY) as RecordedTag[];
export const COMPUTED_TAG_LIST: typeof COMPUTED_TAGS = ['aged_60', 'aged_80', 'minor', 'under_14'];
export const GENDER_LIST: typeof GENDERS = ['male', 'female'];
export const RESIDENCE_TYPE_LIST: typeof RESIDENCE_TYPES = ['registered', 'floating'];
export const STATUS_LIST: typeof RESIDENT_STATUSES = ['active', 'moved_out', 'deceased'];
export const ID_DOC_TYPE_LIST: typeof ID_DOC_TYPES = [
  'resident_id',
  'residence_permit',
  'foreign_permanent',
  'passport',
  'other',
];
export const RELATION_LIST: typeof RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'other',
];
export const EDUCATION_LIST: typeof EDUCATION = [
  'none',
  'primary',
  'junior',
  'senior',
  'vocational',
  'college',
  'bachelor',
  'master',
  'doctor',
];
export const POLITICAL_LIST: typeof POLITICAL = [
  'masses',
  'cpc_member',
  'cpc_probationary',
  'cyl_member',
  'democratic_party',
  'other',
];
export const MARITAL_LIST: typeof MARITAL = ['single', 'married', 'divorced', 'widowed'];
export const EMPLOYMENT_LIST: typeof EMPLOYMENT = [
  'employed',
  'self_employed',
  'unemployed',
  'retired',
  'student',
  'preschool',
  'other',
];
export const HOUSEHOLD_TYPE_LIST: typeof HOUSEHOLD_TYPES = ['registered', 'living', 'both'];
export const HOUSE_USE_LIST: typeof HOUSE_USES = ['residence', 'shop', 'office', 'vacant'];
export const HOUSE_TENURE_LIST: typeof HOUSE_TENURES = ['owner', 'tenant', 'public', 'other'];
export const UNIT_KIND_LIST: typeof UNIT_KINDS = ['enterprise', 'institution', 'shop', 'social_org', 'other'];

export type FloatingReason = Infer<typeof floatingCreateBody>['reason'];
export const FLOATING_REASONS = ['work', 'business', 'study', 'family', 'medical', 'other'] as const;
export type CorrectionField = Infer<typeof correctionBody>['field'];
export const CORRECTION_FIELDS = [
  'name',
  'phone',
  'actualAddress',
  'maritalStatus',
  'employmentStatus',
  'education',
  'other',
] as const;
// Both lists must name every value the contract allows, and nothing else.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listsMatch: [
  Same<FloatingReason, (typeof FLOATING_REASONS)[number]>,
  Same<CorrectionField, (typeof CORRECTION_FIELDS)[number]>,
] = [true, true];
void listsMatch;

/** Document types whose numbers follow GB 11643 (birth date and gender can be read from them). */
export const GB11643_DOC_TYPES: readonly string[] = ['resident_id', 'residence_permit', 'foreign_permanent'];

export type LabelGroup =
  | 'tags'
  | 'tagGroups'
  | 'gender'
  | 'residenceType'
  | 'status'
  | 'idDocType'
  | 'relation'
  | 'education'
  | 'political'
  | 'marital'
  | 'employment'
  | 'householdType'
  | 'houseUse'
  | 'tenure'
  | 'unitKind'
  | 'floatingReason'
  | 'correctionField'
  | 'correctionStatus'
  | 'eventKind'
  | 'field';

type LooseT = (key: string, options?: { defaultValue?: string }) => string;

/** A registry code in the user's language (`registry.<group>.<value>`); unknown codes show as they are. */
export function regLabel(t: TFunction, group: LabelGroup, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return (t as unknown as LooseT)(`registry.${group}.${value}`, { defaultValue: value });
}

export function labelOptions(t: TFunction, group: LabelGroup, values: readonly string[]) {
  return values.map((value) => ({ value, label: regLabel(t, group, value) }));
}

export type TagKind = 'general' | 'care' | 'safety' | 'computed';

export function tagKind(tag: string): TagKind {
  if ((COMPUTED_TAG_LIST as readonly string[]).includes(tag)) return 'computed';
  return (TAG_CATEGORY as Record<string, TagKind | undefined>)[tag] ?? 'general';
}

// Tag colours stay clear of the status colours (blue, orange, red, green, grey) so a tag never reads as a state.
const TAG_COLOURS: Record<TagKind, string> = {
  general: 'geekblue',
  care: 'magenta',
  safety: 'volcano',
  computed: 'purple',
};

export const tagColour = (tag: string): string => TAG_COLOURS[tagKind(tag)];

export const RESIDENT_STATUS_TONE: Record<string, StatusTone> = {
  active: 'open',
  moved_out: 'refused',
  deceased: 'refused',
};

export const CORRECTION_TONE: Record<string, StatusTone> = {
  open: 'waiting',
  accepted: 'closed',
  rejected: 'refused',
};

/** `2-301` (unit 2, room 301), or just the room when the building has no units. */
export function houseName(h: { unitNo: string | null; roomNo: string }): string {
  return h.unitNo ? `${h.unitNo}-${h.roomNo}` : h.roomNo;
}
