import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@linli/contract';
import { and, asc, eq, gt, isNull, ne, type Placeholder, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Actor, Grant } from '../../core/context';
import type { Db } from '../../db/client';
import { orgNodes } from '../org/org.schema';
import { accounts, apiTokens, roleAssignments, rolePolicies, sessions } from './accounts.schema';

export const SESSION_COOKIE = 'linli_sid';
export const TOKEN_PREFIX = 'lnl_';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

export async function createSession(
  db: Db,
  config: Config,
  accountId: number,
  meta: { ip: string; userAgent: string | undefined },
): Promise<{ cookie: string; csrfToken: string; idHash: string }> {
  const cookie = newSecret();
  const csrfToken = newSecret(24);
  const idHash = sha256(cookie);
  await db.insert(sessions).values({
    idHash,
    accountId,
    csrfToken,
    expiresAt: new Date(Date.now() + config.session.absoluteMs),
    clientIp: meta.ip,
    userAgent: meta.userAgent?.slice(0, 256) ?? null,
  });
  return { cookie, csrfToken, idHash };
}

const grantColumns = {
  assignmentId: roleAssignments.id,
  role: roleAssignments.role,
  orgNodeId: roleAssignments.orgNodeId,
  orgNodeName: orgNodes.name,
  level: orgNodes.level,
  path: orgNodes.path,
  // The role's TOTP policy rides along, so resolving an actor needs no extra query.
  totpRequired: sql<boolean>`coalesce(${rolePolicies.totpRequired}, false)`,
};

const authAccountColumns = {
  id: accounts.id,
  kind: accounts.kind,
  displayName: accounts.displayName,
  status: accounts.status,
  mustChangePassword: accounts.mustChangePassword,
  seeded: accounts.seeded,
  totpEnabled: accounts.totpEnabled,
};
type AuthAccount = { [K in keyof typeof authAccountColumns]: (typeof accounts.$inferSelect)[K] };

// In assignment order, so an actor's first grant is the same however it was loaded.
function grantsQuery(db: Db, accountId: number | Placeholder) {
  return db
    .select(grantColumns)
    .from(roleAssignments)
    .innerJoin(orgNodes, eq(orgNodes.id, roleAssignments.orgNodeId))
    .leftJoin(rolePolicies, eq(rolePolicies.role, roleAssignments.role))
    .where(
      and(
        eq(roleAssignments.accountId, accountId),
        isNull(roleAssignments.revokedAt),
        isNull(orgNodes.validTo),
      ),
    )
    .orderBy(asc(roleAssignments.id));
}

type GrantRow = Awaited<ReturnType<typeof grantsQuery>>[number];

/**
 * The same grants as `grantsQuery`, as one JSON array beside the session row: resolving a session is
 * then one round trip, not two, on every request.
 */
const grantsJson = sql<GrantRow[]>`(
  select coalesce(json_agg(json_build_object(
    'assignmentId', ${roleAssignments.id},
    'role', ${roleAssignments.role},
    'orgNodeId', ${roleAssignments.orgNodeId},
    'orgNodeName', ${orgNodes.name},
    'level', ${orgNodes.level},
    'path', ${orgNodes.path},
    'totpRequired', coalesce(${rolePolicies.totpRequired}, false)
  ) order by ${roleAssignments.id}), '[]'::json)
  from ${roleAssignments}
  inner join ${orgNodes} on ${orgNodes.id} = ${roleAssignments.orgNodeId}
  left join ${rolePolicies} on ${rolePolicies.role} = ${roleAssignments.role}
  where ${roleAssignments.accountId} = ${accounts.id}
    and ${roleAssignments.revokedAt} is null
    and ${orgNodes.validTo} is null
)`;

/**
 * Every API request resolves its actor with this statement, so it is built once per database and sent
 * as a named prepared statement (drizzle's query building was a quarter of the CPU per request).
 */
const prepared = new WeakMap<Db, ReturnType<typeof prepareAuthQueries>>();
function prepareAuthQueries(db: Db) {
  return {
    session: db
      .select({
        ...authAccountColumns,
        csrfToken: sessions.csrfToken,
        lastSeenAt: sessions.lastSeenAt,
        grants: grantsJson,
      })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(
        and(
          eq(sessions.idHash, sql.placeholder('idHash')),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql`now()`),
        ),
      )
      .limit(1)
      .prepare('linli_auth_session_grants'),
  };
}
function authQueries(db: Db) {
  let q = prepared.get(db);
  if (!q) {
    q = prepareAuthQueries(db);
    prepared.set(db, q);
  }
  return q;
}

const toGrant = (r: GrantRow): Grant => ({
  ...r,
  role: r.role as Role,
  totpRequired: Boolean(r.totpRequired),
});

export async function loadGrants(db: Db, accountId: number): Promise<Grant[]> {
  return (await grantsQuery(db, accountId)).map(toGrant);
}

/** Which first step, if any, the account must take before it may do anything else. */
export function pendingStepOf(
  config: Config,
  account: Pick<AuthAccount, 'mustChangePassword' | 'seeded' | 'totpEnabled'>,
  grants: Grant[],
) {
  if (account.mustChangePassword && !(config.demoMode && account.seeded)) return 'password' as const;
  if (!account.totpEnabled && totpRequiredFor(grants)) return 'totp' as const;
  return null;
}

export const totpRequiredFor = (grants: Grant[]) => grants.some((g) => g.totpRequired);

function actorFor(config: Config, account: AuthAccount, grants: Grant[], via: Actor['via']): Actor {
  return {
    accountId: account.id,
    kind: account.kind as Actor['kind'],
    displayName: account.displayName,
    grants,
    via,
    tokenScopes: null,
    pendingStep: pendingStepOf(config, account, grants),
  };
}

// Touching last_seen_at on every request would turn every read into a write; once a minute is enough.
const TOUCH_EVERY_MS = 60_000;

/** Resolves a session cookie to an actor, enforcing idle and absolute expiry. */
export async function actorFromSession(db: Db, config: Config, cookie: string): Promise<Actor | null> {
  const idHash = sha256(cookie);
  const q = authQueries(db);
  const [row] = await q.session.execute({ idHash });
  if (row?.status !== 'active') return null;
  const now = Date.now();
  if (now - row.lastSeenAt.getTime() > config.session.idleMs) return null;
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.idHash, idHash));
  }
  const grants = row.grants.map(toGrant);
  return { ...actorFor(config, row, grants, 'session'), sessionIdHash: idHash, csrfToken: row.csrfToken };
}

/** Resolves an `Authorization: Bearer lnl_…` API token; tokens skip CSRF (no ambient credentials). */
export async function actorFromToken(db: Db, config: Config, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const now = new Date();
  const [row] = await db
    .select({ token: apiTokens, account: accounts })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(
      and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)),
    )
    .limit(1);
  if (row?.account.status !== 'active') return null;
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  const actor = actorFor(config, row.account, await loadGrants(db, row.account.id), 'token');
  // A token is for machines: no interactive first steps, and it carries only its scopes.
  return { ...actor, pendingStep: null, tokenScopes: new Set(row.token.scopes) };
}

export async function revokeSessions(
  db: Db,
  accountId: number,
  which: { only?: string | undefined; except?: string | undefined } = {},
): Promise<number> {
  const res = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.revokedAt),
        which.only ? eq(sessions.idHash, which.only) : undefined,
        which.except ? ne(sessions.idHash, which.except) : undefined,
      ),
    )
    .returning({ idHash: sessions.idHash });
  return res.length;
}
