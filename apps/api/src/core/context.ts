import type { Permission, Role } from '@linli/contract';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { Lang } from './messages';
import type { Pii } from './pii';

/** One role held on one org node, with the node's current path (paths change when nodes move). */
export interface Grant {
  assignmentId: number;
  role: Role;
  orgNodeId: number;
  orgNodeName: string;
  level: string;
  path: string;
  /** An administrator requires a second factor for this role. */
  totpRequired: boolean;
}

export interface Actor {
  accountId: number;
  kind: 'staff' | 'resident';
  displayName: string;
  grants: Grant[];
  via: 'session' | 'token';
  sessionIdHash?: string;
  csrfToken?: string;
  /** A token's scopes narrow its owner's permissions; null means no narrowing. */
  tokenScopes: ReadonlySet<string> | null;
  /** Set while the account must first change its password or enrol a second factor. */
  pendingStep: 'password' | 'totp' | null;
}

/** What every use-case receives: who acts, on which database, in which language. */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  ip: string;
  lang: Lang;
  config: Config;
  pii: Pii;
}

export type { Permission };
