import { z } from 'zod';
import { text } from './common';
import { DEPARTMENT_TYPES } from './org';
import type { Permission } from './roles';

/**
 * The case engine (SPEC §3.3; research anchors-grid-cases §5.1). One engine, several kinds; each
 * kind's workflow is data: states typed open / closed / hidden and mapped to the standard stages
 * (信息收集 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价), transitions with the permission that fires
 * them and who, beyond the permission, may fire them (the reporter, the assignee, the case's grid).
 */
export const CASE_KINDS = ['grid_event', 'complaint', 'dispute', 'petition', 'emergency', 'hotline'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STAGES = [
  'collect',
  'file',
  'dispatch',
  'handle',
  'feedback',
  'check',
  'close',
  'evaluate',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const STATE_TYPES = ['hidden', 'open', 'closed'] as const;
export type StateType = (typeof STATE_TYPES)[number];

export const CASE_STATES = {
  draft: { type: 'hidden', stage: 'collect' },
  reported: { type: 'open', stage: 'collect' },
  verifying: { type: 'open', stage: 'collect' },
  filed: { type: 'open', stage: 'file' },
  dispatched: { type: 'open', stage: 'dispatch' },
  in_progress: { type: 'open', stage: 'handle' },
  handled: { type: 'open', stage: 'feedback' },
  checking: { type: 'open', stage: 'check' },
  closed: { type: 'closed', stage: 'close' },
  evaluated: { type: 'closed', stage: 'evaluate' },
  reopened: { type: 'open', stage: 'dispatch' },
  self_resolved: { type: 'closed', stage: 'close' },
  rejected: { type: 'closed', stage: 'close' },
  duplicate: { type: 'closed', stage: 'close' },
  transferred: { type: 'closed', stage: 'close' },
} as const satisfies Record<string, { type: StateType; stage: CaseStage }>;
export type CaseState = keyof typeof CASE_STATES;
export const CASE_STATE_NAMES = Object.keys(CASE_STATES) as CaseState[];

/**
 * Who may fire a transition, beyond holding `permission` over the case's place:
 * - `scope`: anyone holding the permission over the case's node (or its assignee node);
 * - `reporter`: only the account that reported the case;
 * - `assignee`: only holders of the permission over the node the case is assigned to;
 * - `grid`: only holders of the permission over the case's own grid (核实 / 核查 on site);
 * - `provider`: only the service provider's account the case was sent to (hotline demands).
 */
export type TransitionWho = 'scope' | 'reporter' | 'assignee' | 'grid' | 'provider';

export interface TransitionDef {
  from: readonly CaseState[];
  to: CaseState;
  permission: Permission;
  who: TransitionWho;
}

/** Actions that move the state. Flags (postpone, hold, escalate, note) are actions too but keep it. */
export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'reported', permission: 'cases.report', who: 'reporter' },
  request_verify: { from: ['reported'], to: 'verifying', permission: 'cases.dispatch', who: 'scope' },
  verify: { from: ['verifying'], to: 'reported', permission: 'cases.handle', who: 'grid' },
  file: { from: ['reported', 'verifying'], to: 'filed', permission: 'cases.dispatch', who: 'scope' },
  reject: { from: ['reported', 'verifying'], to: 'rejected', permission: 'cases.dispatch', who: 'scope' },
  merge: {
    from: ['reported', 'verifying', 'filed'],
    to: 'duplicate',
    permission: 'cases.dispatch',
    who: 'scope',
  },
  self_resolve: { from: ['reported'], to: 'self_resolved', permission: 'cases.handle', who: 'grid' },
  transfer: { from: ['reported', 'filed'], to: 'transferred', permission: 'cases.dispatch', who: 'scope' },
  dispatch: { from: ['filed', 'reopened'], to: 'dispatched', permission: 'cases.dispatch', who: 'scope' },
  return: { from: ['dispatched'], to: 'filed', permission: 'cases.handle', who: 'assignee' },
  accept: { from: ['dispatched'], to: 'in_progress', permission: 'cases.handle', who: 'assignee' },
  handle: { from: ['in_progress'], to: 'handled', permission: 'cases.handle', who: 'assignee' },
  request_check: { from: ['handled'], to: 'checking', permission: 'cases.dispatch', who: 'scope' },
  check_pass: { from: ['checking'], to: 'closed', permission: 'cases.handle', who: 'grid' },
  check_fail: { from: ['checking'], to: 'in_progress', permission: 'cases.handle', who: 'grid' },
  close: { from: ['handled'], to: 'closed', permission: 'cases.dispatch', who: 'scope' },
  evaluate: { from: ['closed'], to: 'evaluated', permission: 'cases.report', who: 'reporter' },
  reopen: { from: ['closed', 'evaluated'], to: 'reopened', permission: 'cases.report', who: 'reporter' },
  // The hotline variant (research §5.2): received (filed) → matched to a provider (dispatched) →
  // provider accepted (in_progress) → served (handled) → operator's call back (evaluated).
  send_provider: { from: ['filed'], to: 'dispatched', permission: 'hotline.operate', who: 'scope' },
  provider_accept: { from: ['dispatched'], to: 'in_progress', permission: 'hotline.serve', who: 'provider' },
  provider_decline: { from: ['dispatched'], to: 'filed', permission: 'hotline.serve', who: 'provider' },
  serve: { from: ['in_progress'], to: 'handled', permission: 'hotline.serve', who: 'provider' },
  call_back: { from: ['handled'], to: 'evaluated', permission: 'hotline.operate', who: 'scope' },
  cancel_demand: {
    from: ['filed', 'dispatched'],
    to: 'rejected',
    permission: 'hotline.operate',
    who: 'scope',
  },
} as const satisfies Record<string, TransitionDef>;
export type CaseAction = keyof typeof TRANSITIONS;
export const CASE_ACTIONS = Object.keys(TRANSITIONS) as CaseAction[];

/** Actions that change flags, not the state. */
export const FLAG_ACTIONS = {
  request_postpone: { states: ['in_progress'], permission: 'cases.handle', who: 'assignee' },
  approve_postpone: { states: ['in_progress'], permission: 'cases.dispatch', who: 'scope' },
  deny_postpone: { states: ['in_progress'], permission: 'cases.dispatch', who: 'scope' },
  request_hold: { states: ['in_progress'], permission: 'cases.handle', who: 'assignee' },
  approve_hold: { states: ['in_progress'], permission: 'cases.dispatch', who: 'scope' },
  deny_hold: { states: ['in_progress'], permission: 'cases.dispatch', who: 'scope' },
  release_hold: { states: ['in_progress'], permission: 'cases.dispatch', who: 'scope' },
  escalate: {
    states: ['reported', 'verifying', 'filed', 'dispatched', 'in_progress', 'reopened'],
    permission: 'cases.dispatch',
    who: 'scope',
  },
} as const satisfies Record<
  string,
  { states: readonly CaseState[]; permission: Permission; who: TransitionWho }
>;
export type FlagAction = keyof typeof FLAG_ACTIONS;

/**
 * Each kind's workflow: the actions it uses (a subset of the table above). A complaint is answered
 * and closed by the dispatcher without an on-site check; an emergency skips filing niceties but not
 * the loop; a petition agency is mostly transferred to 信访 and tracked.
 */
/** The hotline's own actions; no other kind uses them, and a hotline demand uses only these. */
export const HOTLINE_ACTIONS: readonly CaseAction[] = [
  'send_provider',
  'provider_accept',
  'provider_decline',
  'serve',
  'call_back',
  'cancel_demand',
];
const LOOP_ACTIONS = CASE_ACTIONS.filter((a) => !HOTLINE_ACTIONS.includes(a));

export const KIND_ACTIONS: Record<CaseKind, readonly CaseAction[]> = {
  grid_event: LOOP_ACTIONS.filter((a) => a !== 'close'),
  complaint: LOOP_ACTIONS.filter(
    (a) =>
      !['verify', 'request_verify', 'self_resolve', 'request_check', 'check_pass', 'check_fail'].includes(a),
  ),
  dispute: LOOP_ACTIONS.filter((a) => !['self_resolve'].includes(a)),
  petition: LOOP_ACTIONS.filter((a) => !['self_resolve', 'verify', 'request_verify'].includes(a)),
  emergency: LOOP_ACTIONS.filter(
    (a) => !['request_verify', 'verify', 'reject', 'merge', 'self_resolve'].includes(a),
  ),
  hotline: HOTLINE_ACTIONS,
};

export function transitionAllowed(kind: CaseKind, action: CaseAction, from: CaseState): boolean {
  return (
    KIND_ACTIONS[kind].includes(action) && (TRANSITIONS[action].from as readonly CaseState[]).includes(from)
  );
}

/** Days after closing in which the reporter may reopen a case they are not satisfied with. */
export const REOPEN_WINDOW_DAYS = 7;

export const stateType = (state: CaseState): StateType => CASE_STATES[state].type;

export const CASE_CHANNELS = [
  'grid_worker',
  'resident',
  'hotline',
  'window',
  'open311',
  'system',
  'other',
] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export const URGENCIES = ['normal', 'urgent'] as const;
export const HANDLING_LEVELS = ['grid', 'community', 'street', 'district', 'city'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];
export const REJECT_REASONS = [
  'not_in_scope',
  'insufficient_info',
  'not_found_on_site',
  'already_handled',
  'other',
] as const;
export const TRANSFER_SYSTEMS = ['hotline_12345', 'police_110', 'petition', 'other'] as const;
export const PHOTO_PHASES = ['report', 'verify', 'handle', 'check', 'self_resolve'] as const;
export const CATEGORY_TYPES = ['event', 'component'] as const;
export const ROUTING = ['territory_first', 'owner_first'] as const;

/** Working hours per stage; the case deadline is the sum from filing. */
export const stageLimits = z.strictObject({
  file: z.number().int().min(1).max(2000),
  dispatch: z.number().int().min(1).max(2000),
  handle: z.number().int().min(1).max(20000),
  check: z.number().int().min(1).max(2000),
});
export type StageLimits = z.infer<typeof stageLimits>;

export const categoryView = z.object({
  id: z.number(),
  code: z.string(),
  parentId: z.number().nullable(),
  type: z.enum(CATEGORY_TYPES),
  nameZh: z.string(),
  nameEn: z.string(),
  defaultHandlerNodeId: z.number().nullable(),
  handlerDepartmentType: z.enum(DEPARTMENT_TYPES).nullable(),
  defaultLevel: z.enum(HANDLING_LEVELS),
  routing: z.enum(ROUTING),
  limitsNormal: stageLimits,
  limitsUrgent: stageLimits,
  active: z.boolean(),
});
export type CategoryView = z.infer<typeof categoryView>;

export const categoryBody = z.strictObject({
  code: z.string().regex(/^[0-9A-Za-z]{2,12}$/, 'category.code'),
  parentCode: z.string().optional(),
  type: z.enum(CATEGORY_TYPES),
  nameZh: text(60),
  nameEn: text(120),
  defaultHandlerNodeId: z.number().int().positive().nullable().optional(),
  handlerDepartmentType: z.enum(DEPARTMENT_TYPES).nullable().optional(),
  defaultLevel: z.enum(HANDLING_LEVELS).default('community'),
  routing: z.enum(ROUTING).optional(),
  limitsNormal: stageLimits.optional(),
  limitsUrgent: stageLimits.optional(),
});
export type CategoryBody = z.infer<typeof categoryBody>;

export const categoryImportBody = z.strictObject({ categories: z.array(categoryBody).min(1).max(2000) });

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);

export const involvedRef = z.strictObject({
  type: z.enum(['resident', 'unit']),
  id: z.number().int().positive(),
});

export const caseReportBody = z.strictObject({
  kind: z.enum(CASE_KINDS).default('grid_event'),
  categoryId: z.number().int().positive().optional(),
  title: text(100),
  description: z.string().trim().max(4000).default(''),
  lat: lat.optional(),
  lng: lng.optional(),
  address: z.string().trim().max(200).optional(),
  /** Reports without a point name their grid (a grid worker's own grid, a window's community). */
  orgNodeId: z.number().int().positive().optional(),
  urgency: z.enum(URGENCIES).default('normal'),
  photoIds: z.array(z.number().int().positive()).max(9).default([]),
  involved: z.array(involvedRef).max(20).default([]),
  /** Kept as a draft (offline capture) rather than reported. */
  draft: z.boolean().default(false),
  /** 自办自结: handled on the spot; needs before and after photos. */
  selfResolved: z
    .strictObject({ note: text(500), afterPhotoIds: z.array(z.number().int().positive()).min(1).max(9) })
    .optional(),
  /** Replaying the same key returns the first case (offline sync). */
  idempotencyKey: z.string().min(8).max(64).optional(),
  /** Dispute details (parties and what they disagree about). */
  parties: z
    .array(z.strictObject({ name: text(40), role: text(20).optional() }))
    .max(10)
    .optional(),
});
export type CaseReportBody = z.infer<typeof caseReportBody>;

export const caseActionBody = z.strictObject({
  action: z.enum([...CASE_ACTIONS, ...(Object.keys(FLAG_ACTIONS) as FlagAction[])] as [string, ...string[]]),
  /** The version the actor saw (optimistic locking). */
  version: z.number().int().min(1),
  note: z.string().trim().max(2000).optional(),
  notePublic: z.boolean().optional(),
  categoryId: z.number().int().positive().optional(),
  urgency: z.enum(URGENCIES).optional(),
  assigneeNodeId: z.number().int().positive().optional(),
  /** send_provider: the provider's account. */
  providerAccountId: z.number().int().positive().optional(),
  reasonCode: z.enum(REJECT_REASONS).optional(),
  parentId: z.number().int().positive().optional(),
  externalSystem: z.enum(TRANSFER_SYSTEMS).optional(),
  externalId: z.string().trim().min(1).max(64).optional(),
  photoIds: z.array(z.number().int().positive()).max(9).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  /** Requested or approved new deadline (postponement). */
  dueAt: z.iso.datetime({ offset: true }).optional(),
});
export type CaseActionBody = z.infer<typeof caseActionBody>;

export const caseNoteBody = z.strictObject({
  note: text(2000),
  public: z.boolean().default(false),
  photoIds: z.array(z.number().int().positive()).max(9).default([]),
});

export const caseListQuery = z.strictObject({
  view: z.enum(['queue', 'mine', 'assigned', 'reported', 'all']).default('all'),
  kind: z.enum(CASE_KINDS).optional(),
  state: z.string().optional(),
  stage: z.enum(CASE_STAGES).optional(),
  type: z.enum(STATE_TYPES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  nodeId: z.coerce.number().int().positive().optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  escalated: z.enum(['true', 'false']).optional(),
  pending: z.enum(['postpone', 'hold']).optional(),
  q: z.string().max(60).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const photoView = z.object({
  id: z.number(),
  phase: z.enum(PHOTO_PHASES),
  mime: z.string(),
  bytes: z.number(),
  url: z.string(),
});

export const caseView = z.object({
  id: z.number(),
  kind: z.enum(CASE_KINDS),
  state: z.enum(CASE_STATE_NAMES as [CaseState, ...CaseState[]]),
  stateType: z.enum(STATE_TYPES),
  stage: z.enum(CASE_STAGES),
  version: z.number(),
  title: z.string(),
  description: z.string(),
  categoryId: z.number().nullable(),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  urgency: z.enum(URGENCIES),
  channel: z.enum(CASE_CHANNELS),
  orgNodeId: z.number(),
  orgNodeName: z.string(),
  outsideGrids: z.boolean(),
  handlingLevel: z.enum(HANDLING_LEVELS),
  assigneeNodeId: z.number().nullable(),
  assigneeNodeName: z.string().nullable(),
  /** Hotline demands: the provider (account) the demand was sent to. */
  providerAccountId: z.number().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  address: z.string().nullable(),
  reporterName: z.string().nullable(),
  reportedByMe: z.boolean(),
  parentId: z.number().nullable(),
  externalSystem: z.string().nullable(),
  externalId: z.string().nullable(),
  reasonCode: z.string().nullable(),
  reworkCount: z.number(),
  wrongDispatchCount: z.number(),
  postponeCount: z.number(),
  reopenCount: z.number(),
  onHold: z.boolean(),
  pendingRequest: z.enum(['postpone', 'hold']).nullable(),
  pendingDueAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** The deadline of the current stage (核实, 派遣, 处置, 核查 …); `dueAt` is the whole case's. */
  stageDueAt: z.string().nullable(),
  overdue: z.boolean(),
  reportedAt: z.string(),
  filedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rating: z.number().nullable(),
  updatedAt: z.string(),
  /** What the current actor may do now (the UI shows exactly these buttons). */
  actions: z.array(z.string()),
});
export type CaseView = z.infer<typeof caseView>;

export const timelineEntry = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  note: z.string().nullable(),
  public: z.boolean(),
  data: z.record(z.string(), z.unknown()).nullable(),
  photos: z.array(photoView),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const caseDetailView = caseView.extend({
  timeline: z.array(timelineEntry),
  photos: z.array(photoView),
  involved: z.array(z.object({ type: z.string(), id: z.number(), label: z.string() })),
  parties: z.array(z.object({ name: z.string(), role: z.string().optional() })).nullable(),
});
export type CaseDetailView = z.infer<typeof caseDetailView>;

export const caseMapItem = z.object({
  id: z.number(),
  lat: z.number(),
  lng: z.number(),
  state: z.string(),
  urgency: z.enum(URGENCIES),
  title: z.string(),
  overdue: z.boolean(),
});

export const indicatorQuery = z.strictObject({
  nodeId: z.coerce.number().int().positive().optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format'),
});

export const INDICATOR_COUNTERS = [
  'reported',
  'valid',
  'filed',
  'closed',
  'closed_on_time',
  'on_hold',
  'rework',
  'postponed',
  'wrong_dispatch',
  'dispatched',
  'evaluated',
  'satisfied',
  'self_resolved',
  'rejected',
  'declined',
] as const;
export type IndicatorCounter = (typeof INDICATOR_COUNTERS)[number];

export const indicatorFigures = z.object({
  counters: z.record(z.string(), z.number()),
  closureRate: z.number().nullable(),
  onTimeClosureRate: z.number().nullable(),
  reworkRate: z.number().nullable(),
  postponementRate: z.number().nullable(),
  wrongDispatchRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  avgStageHours: z.record(z.string(), z.number()),
});
export type IndicatorFigures = z.infer<typeof indicatorFigures>;

export const indicatorView = z.object({
  nodeId: z.number(),
  nodeName: z.string(),
  from: z.string(),
  to: z.string(),
  total: indicatorFigures,
  byChild: z.array(z.object({ nodeId: z.number(), nodeName: z.string(), figures: indicatorFigures })),
  byDay: z.array(z.object({ day: z.string(), reported: z.number(), closed: z.number() })),
  byDepartment: z.array(z.object({ nodeId: z.number(), nodeName: z.string(), figures: indicatorFigures })),
  roles: z.array(
    z.object({
      accountId: z.number(),
      name: z.string(),
      role: z.string(),
      counts: z.record(z.string(), z.number()),
    }),
  ),
});
export type IndicatorView = z.infer<typeof indicatorView>;

/** A mediation session of a dispute (人民调解): who met, what came of it, and the agreement if any. */
export const mediationSessionBody = z.strictObject({
  heldAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().max(100).optional(),
  participants: z.array(text(40)).min(1).max(20),
  summary: text(2000),
  outcome: z.enum(['agreed', 'not_agreed', 'adjourned']),
  /** Required when the outcome is an agreement: its terms, and who signed it. */
  agreement: z.strictObject({ terms: text(4000), signedBy: z.array(text(40)).min(2).max(20) }).optional(),
});
export type MediationSessionBody = z.infer<typeof mediationSessionBody>;

/** The reply another system (信访, 12345) gave to a case transferred to it. */
export const externalReplyBody = z.strictObject({
  receivedAt: z.iso.datetime({ offset: true }),
  note: text(2000),
});
