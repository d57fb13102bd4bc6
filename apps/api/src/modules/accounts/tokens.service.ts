import { type Permission, permissionsOf, ROLES, type Role } from '@linli/contract';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { auditActorOf, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { invalid, notFound } from '../../core/errors';
import { recordAudit } from '../audit';
import { apiTokens, rolePolicies } from './accounts.schema';
import { getAccountRow } from './accounts.service';
import { loadGrants, newSecret, sha256, TOKEN_PREFIX } from './sessions';

type TokenRow = typeof apiTokens.$inferSelect;

const tokenView = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export async function listTokens(ctx: Ctx, accountId: number) {
  await getAccountRow(ctx, accountId);
  const rows = await ctx.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.accountId, accountId))
    .orderBy(asc(apiTokens.id));
  return rows.map(tokenView);
}

/** Issues an integration token for an account; the secret is shown once and only its hash is kept. */
export async function createToken(
  ctx: Ctx,
  accountId: number,
  body: { name: string; scopes: string[]; expiresInDays: number },
) {
  const actor = requirePermission(ctx, 'accounts.manage');
  await getAccountRow(ctx, accountId);
  const owned = permissionsOf((await loadGrants(ctx.db, accountId)).map((g) => g.role));
  body.scopes.forEach((s, i) => {
    if (!owned.has(s as Permission)) throw invalid(`scopes.${i}`, 'invalid_value');
  });
  const secret = `${TOKEN_PREFIX}${newSecret()}`;
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        accountId,
        name: body.name,
        tokenHash: sha256(secret),
        scopes: body.scopes,
        expiresAt: new Date(Date.now() + body.expiresInDays * 86_400_000),
      })
      .returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'token.create',
      recordType: 'api_token',
      recordId: created!.id,
      after: { ...created, tokenHash: undefined },
      details: { accountId, scopes: body.scopes },
    });
    return created!;
  });
  return { token: tokenView(row), secret };
}

export async function revokeToken(ctx: Ctx, tokenId: number) {
  const actor = requirePermission(ctx, 'accounts.manage');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'token.revoke',
      recordType: 'api_token',
      recordId: tokenId,
      details: { accountId: row.accountId },
    });
  });
}

export async function listRolePolicies(ctx: Ctx) {
  requirePermission(ctx, 'accounts.manage');
  const policies = await ctx.db.select().from(rolePolicies);
  return (Object.keys(ROLES) as Role[]).map((role) => ({
    role,
    permissions: [...ROLES[role].permissions],
    levels: [...ROLES[role].levels],
    totpRequired: policies.find((p) => p.role === role)?.totpRequired ?? false,
  }));
}

/** An administrator may require a second factor for a staff role; residents' TOTP stays optional. */
export async function setRolePolicy(ctx: Ctx, role: string, totpRequired: boolean) {
  const actor = requirePermission(ctx, 'config.manage');
  if (!(role in ROLES) || role === 'resident') throw invalid('role', 'invalid_value');
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(rolePolicies).where(eq(rolePolicies.role, role));
    await tx
      .insert(rolePolicies)
      .values({ role, totpRequired })
      .onConflictDoUpdate({ target: rolePolicies.role, set: { totpRequired, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'role.policy_update',
      recordType: 'role_policy',
      recordId: role,
      before: before ?? null,
      after: { role, totpRequired },
    });
  });
  return (await listRolePolicies(ctx)).find((p) => p.role === role)!;
}
