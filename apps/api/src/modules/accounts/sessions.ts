import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@linli/contract';
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
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

export async function loadGrants(db: Db, accountId: number): Promise<Grant[]> {
  const rows = await db
    .select({
      assignmentId: roleAssignments.id,
      role: roleAssignments.role,
      orgNodeId: roleAssignments.orgNodeId,
      orgNodeName: orgNodes.name,
      level: orgNodes.level,
      path: orgNodes.path,
    })
    .from(roleAssignments)
    .innerJoin(orgNodes, eq(orgNodes.id, roleAssignments.orgNodeId))
    .where(
      and(
        eq(roleAssignments.accountId, accountId),
        isNull(roleAssignments.revokedAt),
        isNull(orgNodes.validTo),
      ),
    );
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

type AccountRow = typeof accounts.$inferSelect;

/** Which first step, if any, the account must take before it may do anything else. */
export async function pendingStepOf(db: Db, config: Config, account: AccountRow, grants: Grant[]) {
  if (account.mustChangePassword && !(config.demoMode && account.seeded)) return 'password' as const;
  if (!account.totpEnabled && (await totpRequiredFor(db, grants))) return 'totp' as const;
  return null;
}

export async function totpRequiredFor(db: Db, grants: Grant[]): Promise<boolean> {
  if (grants.length === 0) return false;
  const policies = await db.select().from(rolePolicies).where(eq(rolePolicies.totpRequired, true));
  const required = new Set(policies.map((p) => p.role));
  return grants.some((g) => required.has(g.role));
}

async function actorFor(db: Db, config: Config, account: AccountRow, via: Actor['via']): Promise<Actor> {
  const grants = await loadGrants(db, account.id);
  return {
    accountId: account.id,
    kind: account.kind as Actor['kind'],
    displayName: account.displayName,
    grants,
    via,
    tokenScopes: null,
    pendingStep: await pendingStepOf(db, config, account, grants),
  };
}

// Touching last_seen_at on every request would turn every read into a write; once a minute is enough.
const TOUCH_EVERY_MS = 60_000;

/** Resolves a session cookie to an actor, enforcing idle and absolute expiry. */
export async function actorFromSession(db: Db, config: Config, cookie: string): Promise<Actor | null> {
  const idHash = sha256(cookie);
  const now = new Date();
  const [row] = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (row?.account.status !== 'active') return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > config.session.idleMs) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  const actor = await actorFor(db, config, row.account, 'session');
  return { ...actor, sessionIdHash: idHash, csrfToken: row.session.csrfToken };
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
  const actor = await actorFor(db, config, row.account, 'token');
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
