import type { Permission } from '@linli/contract';
import {
  type CaseAction,
  type CaseKind,
  type CaseState,
  FLAG_ACTIONS,
  type FlagAction,
  HANDLING_LEVELS,
  type HandlingLevel,
  KIND_ACTIONS,
  REOPEN_WINDOW_DAYS,
  TRANSITIONS,
  type TransitionWho,
} from '@linli/contract';
import { grantsWith, pathInScope } from '../../core/access';
import type { Actor } from '../../core/context';

/** What the engine needs to know of a case to decide who may act on it. */
export interface CaseAccessFacts {
  kind: CaseKind;
  state: CaseState;
  path: string;
  assigneePath: string | null;
  reporterAccountId: number | null;
  providerAccountId: number | null;
  pendingRequest: string | null;
  onHold: boolean;
  closedAt: Date | null;
}

export const isFlagAction = (action: string): action is FlagAction => action in FLAG_ACTIONS;
export const isTransition = (action: string): action is CaseAction => action in TRANSITIONS;

function whoAllows(actor: Actor, who: TransitionWho, permission: Permission, c: CaseAccessFacts): boolean {
  switch (who) {
    case 'reporter':
      return c.reporterAccountId !== null && c.reporterAccountId === actor.accountId;
    case 'assignee':
      return c.assigneePath !== null && pathInScope(actor, permission, c.assigneePath);
    case 'scope':
    case 'grid':
      return pathInScope(actor, permission, c.path);
    case 'provider':
      return (
        c.providerAccountId !== null &&
        c.providerAccountId === actor.accountId &&
        grantsWith(actor, permission).length > 0
      );
  }
}

/** Whether `actor` may fire `action` on the case now: the table, the kind, the state, the role. */
export function mayFire(actor: Actor, action: string, c: CaseAccessFacts): boolean {
  if (isTransition(action)) {
    const def = TRANSITIONS[action];
    if (!KIND_ACTIONS[c.kind].includes(action)) return false;
    if (!(def.from as readonly CaseState[]).includes(c.state)) return false;
    if (action === 'reopen' && !withinReopenWindow(c.closedAt)) return false;
    return whoAllows(actor, def.who, def.permission, c);
  }
  if (isFlagAction(action)) {
    const def = FLAG_ACTIONS[action];
    if (!(def.states as readonly CaseState[]).includes(c.state)) return false;
    if (!flagStateAllows(action, c)) return false;
    return whoAllows(actor, def.who, def.permission, c);
  }
  return false;
}

function flagStateAllows(action: FlagAction, c: CaseAccessFacts): boolean {
  switch (action) {
    case 'request_postpone':
    case 'request_hold':
      return c.pendingRequest === null && !c.onHold;
    case 'approve_postpone':
    case 'deny_postpone':
      return c.pendingRequest === 'postpone';
    case 'approve_hold':
    case 'deny_hold':
      return c.pendingRequest === 'hold';
    case 'release_hold':
      return c.onHold;
    case 'escalate':
      return true;
  }
}

export function withinReopenWindow(closedAt: Date | null, now = new Date()): boolean {
  return closedAt !== null && now.getTime() - closedAt.getTime() <= REOPEN_WINDOW_DAYS * 86_400_000;
}

/** Every action the actor may fire now, in table order (the UI shows exactly these). */
export function allowedActions(actor: Actor, c: CaseAccessFacts): string[] {
  const all = [...Object.keys(TRANSITIONS), ...Object.keys(FLAG_ACTIONS)];
  return all.filter((a) => mayFire(actor, a, c));
}

/** 分级上报: community → street → district → city; the city is as high as it goes. */
export function levelAbove(level: HandlingLevel): HandlingLevel | null {
  const i = HANDLING_LEVELS.indexOf(level);
  return HANDLING_LEVELS[i + 1] ?? null;
}
