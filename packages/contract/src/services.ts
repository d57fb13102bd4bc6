import { z } from 'zod';
import { text } from './common';
import { DEPARTMENT_TYPES } from './org';

/**
 * One-window services (SPEC §3.4; research anchors-grid-cases §5.2). Matters (事项) are data; an
 * application moves through the state table below, which the API enforces and the screens read to
 * show exactly the buttons the current user may press.
 */

export const FIELD_TYPES = ['text', 'number', 'date', 'choice', 'file', 'address', 'person'] as const;
export const SETTLE_MODES = ['on_the_spot', 'forwarded'] as const;
export type SettleMode = (typeof SETTLE_MODES)[number];
export const ACCEPT_LEVELS = ['community', 'street', 'district'] as const;
export const MATERIAL_FORMS = ['original', 'copy'] as const;

export const matterMaterial = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'services.material_code'),
  nameZh: text(80),
  nameEn: text(160),
  form: z.enum(MATERIAL_FORMS),
  count: z.number().int().min(1).max(20),
  /** The registry already holds it (ID card, household register): the resident need not bring it. */
  registrySupplies: z.boolean(),
});
export type MatterMaterial = z.infer<typeof matterMaterial>;

export const matterField = z.strictObject({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{1,39}$/, 'services.field_key'),
  type: z.enum(FIELD_TYPES),
  labelZh: text(60),
  labelEn: text(120),
  required: z.boolean(),
  /** For `choice`: the options' values (labels are the values; short and bilingual-neutral codes). */
  options: z.array(z.strictObject({ value: text(40), labelZh: text(40), labelEn: text(80) })).optional(),
});
export type MatterField = z.infer<typeof matterField>;

export const matterBody = z.strictObject({
  /** Item code in the style of GB/T 39554 (basic catalogue code + implementation suffix). */
  code: z.string().regex(/^[0-9A-Z-]{6,40}$/, 'services.matter_code'),
  nameZh: text(60),
  nameEn: text(160),
  legalBasis: text(300),
  departmentType: z.enum(DEPARTMENT_TYPES),
  levels: z.array(z.enum(ACCEPT_LEVELS)).min(1),
  materials: z.array(matterMaterial).max(30),
  mode: z.enum(SETTLE_MODES),
  /** Promised limit in working days (0 for a matter settled on the spot). */
  limitDays: z.number().int().min(0).max(120),
  /** Fee in yuan; 0 = free of charge. */
  fee: z.number().min(0).max(100000),
  online: z.boolean(),
  fields: z.array(matterField).max(30),
  active: z.boolean().default(true),
});
export type MatterBody = z.infer<typeof matterBody>;
export const matterView = matterBody.extend({ id: z.number() });
export type MatterView = z.infer<typeof matterView>;

/** Application states, typed open / closed like the case states. */
export const APPLICATION_STATES = {
  submitted: 'open',
  pre_review: 'open',
  supplement_required: 'open',
  not_accepted: 'closed',
  accepted: 'open',
  forwarded: 'open',
  under_review: 'open',
  approved: 'open',
  refused: 'closed',
  issued: 'closed',
  evaluated: 'closed',
  withdrawn: 'closed',
} as const satisfies Record<string, 'open' | 'closed'>;
export type ApplicationState = keyof typeof APPLICATION_STATES;
export const APPLICATION_STATE_NAMES = Object.keys(APPLICATION_STATES) as ApplicationState[];

/**
 * Who fires an action: the applicant (their own application), the window (applications.handle over
 * the window's community) or the department it was forwarded to (applications.handle there).
 * `mode` narrows an action to matters settled one way.
 */
export type ApplicationWho = 'applicant' | 'window' | 'department';
export interface ApplicationTransition {
  from: readonly ApplicationState[];
  to: ApplicationState;
  who: readonly ApplicationWho[];
  mode?: SettleMode;
}

export const APPLICATION_TRANSITIONS = {
  start_review: { from: ['submitted'], to: 'pre_review', who: ['window'] },
  request_supplement: { from: ['pre_review'], to: 'supplement_required', who: ['window'] },
  // The resident supplies online, or brings the papers to the counter.
  supply: { from: ['supplement_required'], to: 'pre_review', who: ['applicant', 'window'] },
  not_accept: { from: ['submitted', 'pre_review'], to: 'not_accepted', who: ['window'] },
  accept: { from: ['pre_review'], to: 'accepted', who: ['window'] },
  forward: { from: ['accepted'], to: 'forwarded', who: ['window'], mode: 'forwarded' },
  start_dept_review: { from: ['forwarded'], to: 'under_review', who: ['department'] },
  approve_on_spot: { from: ['accepted'], to: 'approved', who: ['window'], mode: 'on_the_spot' },
  refuse_on_spot: { from: ['accepted'], to: 'refused', who: ['window'], mode: 'on_the_spot' },
  approve: { from: ['under_review'], to: 'approved', who: ['department'] },
  refuse: { from: ['under_review'], to: 'refused', who: ['department'] },
  issue: { from: ['approved'], to: 'issued', who: ['window', 'department'] },
  evaluate: { from: ['issued', 'not_accepted', 'refused'], to: 'evaluated', who: ['applicant'] },
  withdraw: {
    from: ['submitted', 'pre_review', 'supplement_required', 'accepted', 'forwarded', 'under_review'],
    to: 'withdrawn',
    // At the counter the clerk records a withdrawal the applicant asks for.
    who: ['applicant', 'window'],
  },
} as const satisfies Record<string, ApplicationTransition>;
export type ApplicationTransitionAction = keyof typeof APPLICATION_TRANSITIONS;

/** Flags: the department suspends the review for a hearing or a site visit, and resumes it. */
export const APPLICATION_FLAGS = {
  suspend: { states: ['under_review'], who: ['department'] },
  resume: { states: ['under_review'], who: ['department'] },
} as const satisfies Record<string, { states: readonly ApplicationState[]; who: readonly ApplicationWho[] }>;
export type ApplicationFlag = keyof typeof APPLICATION_FLAGS;
export type ApplicationAction = ApplicationTransitionAction | ApplicationFlag;
export const APPLICATION_ACTIONS = [
  ...Object.keys(APPLICATION_TRANSITIONS),
  ...Object.keys(APPLICATION_FLAGS),
] as ApplicationAction[];

/** The actions of the table open in `state` for a matter settled in `mode` (before role checks). */
export function actionsInState(
  state: ApplicationState,
  mode: SettleMode,
  suspended: boolean,
): ApplicationAction[] {
  const out: ApplicationAction[] = [];
  for (const [action, t] of Object.entries(APPLICATION_TRANSITIONS) as [
    ApplicationTransitionAction,
    ApplicationTransition,
  ][]) {
    if (!t.from.includes(state) || (t.mode && t.mode !== mode)) continue;
    // A suspended review is resumed before it is decided.
    if (suspended && (action === 'approve' || action === 'refuse')) continue;
    out.push(action);
  }
  if (state === 'under_review') out.push(suspended ? 'resume' : 'suspend');
  return out;
}

/** 好差评 (GB/T 39734): five levels, best first. The last two open a follow-up case. */
export const RATINGS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const POOR_RATINGS: readonly Rating[] = ['dissatisfied', 'very_dissatisfied'];

export const HANDOVER_WAYS = ['in_person', 'electronic', 'courier'] as const;
export const AGENT_RELATIONS = [
  'spouse',
  'child',
  'parent',
  'relative',
  'neighbour',
  'grid_worker',
  'other',
] as const;

export const agentInput = z.strictObject({
  name: text(40),
  relation: z.enum(AGENT_RELATIONS),
  phone: z.string().regex(/^1\d{10}$/, 'services.phone'),
  /** The uploaded 授权委托书 (a service file id). */
  authorisationFileId: z.number().int().positive().optional(),
});

/** A material as provided: uploaded files and/or ticked as checked at the window. */
export const materialInput = z.strictObject({
  code: z.string().max(40),
  fileIds: z.array(z.number().int().positive()).max(10).default([]),
  checked: z.boolean().default(false),
});

export const applyBody = z.strictObject({
  matterId: z.number().int().positive(),
  /** Window only: the resident the application is for (found through the registry search). */
  residentId: z.number().int().positive().optional(),
  form: z.record(z.string(), z.union([z.string().max(500), z.number()])).default({}),
  materials: z.array(materialInput).max(30).default([]),
  agent: agentInput.optional(),
});
export type ApplyBody = z.infer<typeof applyBody>;

export const applicationActionBody = z.strictObject({
  action: z.enum(APPLICATION_ACTIONS as [ApplicationAction, ...ApplicationAction[]]),
  version: z.number().int().positive(),
  /** Written reason: not accepted, refused, suspended. */
  reason: z.string().trim().max(500).optional(),
  /** request_supplement: the one-time list (一次性告知) of every missing or wrong material. */
  supplements: z
    .array(z.strictObject({ code: z.string().max(40), note: z.string().trim().max(200).default('') }))
    .max(30)
    .optional(),
  /** supply / accept: materials provided now (uploads or ticks at the window). */
  materials: z.array(materialInput).max(30).optional(),
  /** forward: how the file is handed over. */
  handoverWay: z.enum(HANDOVER_WAYS).optional(),
  /** issue: the result (licence number, amount granted …). */
  result: z.string().trim().max(500).optional(),
  rating: z.enum(RATINGS).optional(),
  comment: z.string().trim().max(500).optional(),
});
export type ApplicationActionBody = z.infer<typeof applicationActionBody>;

export const materialState = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  form: z.enum(MATERIAL_FORMS),
  count: z.number(),
  registrySupplies: z.boolean(),
  fileIds: z.array(z.number()),
  checked: z.boolean(),
  /** Satisfied: supplied by the registry, uploaded or checked at the window. */
  present: z.boolean(),
});

export const applicationEventView = z.object({
  id: z.number(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

export const applicationView = z.object({
  id: z.number(),
  version: z.number(),
  state: z.enum(APPLICATION_STATE_NAMES as [ApplicationState, ...ApplicationState[]]),
  matterId: z.number(),
  matterCode: z.string(),
  matterNameZh: z.string(),
  matterNameEn: z.string(),
  mode: z.enum(SETTLE_MODES),
  channel: z.enum(['online', 'window']),
  applicantName: z.string(),
  idNumberMasked: z.string().nullable(),
  address: z.string().nullable(),
  windowName: z.string(),
  departmentName: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  promisedAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
  suspended: z.boolean(),
  agent: z
    .object({ name: z.string(), relation: z.string(), phone: z.string(), authorisationFileId: z.number() })
    .nullable(),
  form: z.record(z.string(), z.unknown()),
  materials: z.array(materialState),
  supplements: z.array(
    z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), note: z.string() }),
  ),
  handover: z
    .object({ by: z.string(), to: z.string(), way: z.string(), at: z.string(), items: z.array(z.string()) })
    .nullable(),
  reason: z.string().nullable(),
  result: z.string().nullable(),
  rating: z.enum(RATINGS).nullable(),
  ratingComment: z.string().nullable(),
  followUpCase: z.object({ id: z.number(), state: z.string() }).nullable(),
  submittedAt: z.string(),
  actions: z.array(z.string()),
  events: z.array(applicationEventView),
});
export type ApplicationView = z.infer<typeof applicationView>;

export const applicationListItem = applicationView.omit({
  events: true,
  materials: true,
  form: true,
  supplements: true,
  handover: true,
  agent: true,
});
export type ApplicationListItem = z.infer<typeof applicationListItem>;

export const applicationListQuery = z.strictObject({
  /** mine: the applicant's own; window: the window's queue; department: forwarded to my department. */
  view: z.enum(['mine', 'window', 'department']).default('mine'),
  state: z.enum(APPLICATION_STATE_NAMES as [ApplicationState, ...ApplicationState[]]).optional(),
  today: z.enum(['true', 'false']).optional(),
});

/** What the resident's apply form starts from: their registry record, masked. */
export const applicantPrefill = z.object({
  residentId: z.number(),
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  address: z.string().nullable(),
});

export const SERVICE_FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const SERVICE_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Figures of the windows (item 6 of issue 5): the applications submitted in a period, by window and matter. */
export const windowFiguresQuery = z.strictObject({
  /** A window (community), street, district or department; none = everything the reader may see. */
  nodeId: z.coerce.number().int().positive().optional(),
  matterId: z.coerce.number().int().positive().optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format'),
});
export type WindowFiguresQuery = z.infer<typeof windowFiguresQuery>;

export const windowFigures = z.object({
  /** Applications submitted in the period. */
  applications: z.number(),
  /** Accepted and decided at the window itself (即办件 settled on the spot). */
  onTheSpot: z.number(),
  onTheSpotShare: z.number().nullable(),
  /** Accepted and decided (approved or refused), and of those decided by the promised date. */
  decided: z.number(),
  onTime: z.number(),
  /** Decided, plus those still undecided past their promised date (a paused clock is not overdue). */
  due: z.number(),
  onTimeRate: z.number().nullable(),
  /** Mean hours from acceptance to decision (the supplement pause lies before acceptance). */
  averageHours: z.number().nullable(),
  ratings: z.record(z.enum(RATINGS), z.number()),
  rated: z.number(),
  /** 好评率: 非常满意, 满意 and 基本满意 over all ratings (GB/T 39734). */
  satisfactionRate: z.number().nullable(),
  /** Applications that were sent back for supplements at least once. */
  supplemented: z.number(),
});
export type WindowFigures = z.infer<typeof windowFigures>;

export const windowFiguresView = z.object({
  from: z.string(),
  to: z.string(),
  nodeId: z.number().nullable(),
  nodeName: z.string().nullable(),
  total: windowFigures,
  rows: z.array(
    z.object({
      windowNodeId: z.number(),
      windowName: z.string(),
      matterId: z.number(),
      matterCode: z.string(),
      matterNameZh: z.string(),
      matterNameEn: z.string(),
      figures: windowFigures,
    }),
  ),
  /** Which materials send people back: per matter and material, applications asked for it and times asked. */
  supplements: z.array(
    z.object({
      matterId: z.number(),
      matterNameZh: z.string(),
      matterNameEn: z.string(),
      materialCode: z.string(),
      materialNameZh: z.string(),
      materialNameEn: z.string(),
      applications: z.number(),
      requests: z.number(),
    }),
  ),
});
export type WindowFiguresView = z.infer<typeof windowFiguresView>;
