import { randomInt } from 'node:crypto';
import { type AccountView, maskMobile, parseMobile, ROLES, type Role } from '@linli/contract';
import { and, asc, eq, gt, ilike, inArray, isNull, or } from 'drizzle-orm';
import {
  assertPathInScope,
  auditActorOf,
  requireActor,
  requirePermission,
  roleAllowedOnLevel,
} from '../../core/access';
import type { Ctx } from '../../core/context';
import { AppError, conflict, invalid, notFound } from '../../core/errors';
import { decodeCursor, pageFrom } from '../../core/pagination';
import { containsPattern } from '../../core/sql';
import type { Db } from '../../db/client';
import { recordAudit, revealField } from '../audit';
import { orgNodes } from '../org/org.schema';
import { accounts, roleAssignments } from './accounts.schema';
import { checkPasswordPolicy, hashPassword } from './password';
import { revokeSessions } from './sessions';

type AccountRow = typeof accounts.$inferSelect;

const INITIAL_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 14 characters from an unambiguous alphabet: about 81 bits, shown once and changed at first login. */
export function generateInitialPassword(): string {
  return Array.from({ length: 14 }, () => INITIAL_ALPHABET[randomInt(INITIAL_ALPHABET.length)]).join('');
}

export async function accountViews(db: Db, ctx: Ctx, rows: AccountRow[]): Promise<AccountView[]> {
  if (rows.length === 0) return [];
  const grants = await db
    .select({
      id: roleAssignments.id,
      accountId: roleAssignments.accountId,
      role: roleAssignments.role,
      orgNodeId: roleAssignments.orgNodeId,
      orgNodeName: orgNodes.name,
      orgNodeLevel: orgNodes.level,
    })
    .from(roleAssignments)
    .innerJoin(orgNodes, eq(orgNodes.id, roleAssignments.orgNodeId))
    .where(
      and(
        inArray(
          roleAssignments.accountId,
          rows.map((r) => r.id),
        ),
        isNull(roleAssignments.revokedAt),
      ),
    )
    .orderBy(asc(roleAssignments.id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as AccountView['kind'],
    username: r.username,
    mobile: r.mobileEnc ? maskMobile(ctx.pii.decrypt(r.mobileEnc)) : null,
    displayName: r.displayName,
    status: r.status as AccountView['status'],
    lockedUntil: r.lockedUntil && r.lockedUntil > new Date() ? r.lockedUntil.toISOString() : null,
    totpEnabled: r.totpEnabled,
    // What the account will actually be asked to do (demo accounts in demo mode are not).
    mustChangePassword: r.mustChangePassword && !(ctx.config.demoMode && r.seeded),
    createdAt: r.createdAt.toISOString(),
    roles: grants
      .filter((g) => g.accountId === r.id)
      .map((g) => ({
        id: g.id,
        role: g.role,
        orgNodeId: g.orgNodeId,
        orgNodeName: g.orgNodeName,
        orgNodeLevel: g.orgNodeLevel as AccountView['roles'][number]['orgNodeLevel'],
      })),
  }));
}

export async function listAccounts(
  ctx: Ctx,
  q: { q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  requirePermission(ctx, 'accounts.manage');
  const after = decodeCursor<{ id: number }>(q.cursor);
  const needle = containsPattern(q.q);
  const rows = await ctx.db
    .select()
    .from(accounts)
    .where(
      and(
        after ? gt(accounts.id, Number(after.id)) : undefined,
        needle ? or(ilike(accounts.username, needle), ilike(accounts.displayName, needle)) : undefined,
      ),
    )
    .orderBy(asc(accounts.id))
    .limit(q.limit + 1);
  const page = pageFrom(rows, q.limit, (r) => ({ id: r.id }));
  return { items: await accountViews(ctx.db, ctx, page.items), nextCursor: page.nextCursor };
}

export async function getAccountRow(ctx: Ctx, id: number): Promise<AccountRow> {
  requirePermission(ctx, 'accounts.manage');
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, id));
  if (!row) throw notFound();
  return row;
}

export async function getAccount(ctx: Ctx, id: number): Promise<AccountView> {
  const row = await getAccountRow(ctx, id);
  return (await accountViews(ctx.db, ctx, [row]))[0]!;
}

export async function createAccount(
  ctx: Ctx,
  body: {
    kind: 'staff' | 'resident';
    username?: string | undefined;
    mobile?: string | undefined;
    displayName: string;
    password?: string | undefined;
  },
): Promise<{ account: AccountView; initialPassword: string | null }> {
  const actor = requirePermission(ctx, 'accounts.manage');
  let mobile: string | null = null;
  if (body.mobile) {
    const parsed = parseMobile(body.mobile);
    if (!parsed.ok) throw invalid('mobile', 'mobile.format');
    mobile = parsed.normalized;
  }
  const username = body.kind === 'staff' ? (body.username ?? null) : null;
  if (body.password) {
    const issues = checkPasswordPolicy(body.password, username, 'password');
    if (issues.length) throw new AppError(400, 'validation', issues);
  }
  const initialPassword = body.password ? null : generateInitialPassword();
  const passwordHash = await hashPassword(body.password ?? (initialPassword as string));
  const row = await ctx.db.transaction(async (tx) => {
    if (
      username &&
      (await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username))).length
    ) {
      throw conflict('account.username_taken', [{ path: 'username', code: 'account.username_taken' }]);
    }
    const mobileIndex = mobile ? ctx.pii.blindIndex(mobile) : null;
    if (
      mobileIndex &&
      (await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.mobileIndex, mobileIndex)))
        .length
    ) {
      throw conflict('account.mobile_taken', [{ path: 'mobile', code: 'account.mobile_taken' }]);
    }
    const [created] = await tx
      .insert(accounts)
      .values({
        kind: body.kind,
        username,
        mobileEnc: mobile ? ctx.pii.encrypt(mobile) : null,
        mobileIndex,
        displayName: body.displayName,
        passwordHash,
        mustChangePassword: true,
      })
      .returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'account.create',
      recordType: 'account',
      recordId: created!.id,
      after: { ...created, passwordHash: undefined },
    });
    return created!;
  });
  return { account: (await accountViews(ctx.db, ctx, [row]))[0]!, initialPassword };
}

/** Small account updates share one shape: load, change, audit with before/after, return the view. */
async function updateAccount(
  ctx: Ctx,
  id: number,
  action: string,
  change: (row: AccountRow, tx: Db) => Promise<Partial<AccountRow>>,
  reason?: string,
): Promise<AccountView> {
  const actor = requirePermission(ctx, 'accounts.manage');
  const row = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(accounts).where(eq(accounts.id, id)).for('update');
    if (!before) throw notFound();
    const patch = await change(before, tx);
    const [after] = await tx
      .update(accounts)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(accounts.id, id))
      .returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action,
      recordType: 'account',
      recordId: id,
      before: { ...before, passwordHash: undefined },
      after: { ...after, passwordHash: undefined },
      reason: reason ?? null,
      details: { fields: Object.keys(patch) },
    });
    return after!;
  });
  return (await accountViews(ctx.db, ctx, [row]))[0]!;
}

export function patchAccount(
  ctx: Ctx,
  id: number,
  body: { displayName?: string | undefined; status?: 'active' | 'disabled' | undefined },
) {
  return updateAccount(ctx, id, 'account.update', async (row, tx) => {
    // A disabled account is out at once, not when its sessions happen to expire.
    if (body.status === 'disabled' && row.status !== 'disabled') await revokeSessions(tx, id);
    return {
      ...(body.displayName ? { displayName: body.displayName } : {}),
      ...(body.status ? { status: body.status } : {}),
    };
  });
}

export const unlockAccount = (ctx: Ctx, id: number) =>
  updateAccount(ctx, id, 'account.unlock', async () => ({ failedLogins: 0, lockedUntil: null }));

export const resetTotp = (ctx: Ctx, id: number) =>
  updateAccount(ctx, id, 'account.totp_reset', async () => ({
    totpEnabled: false,
    totpSecretEnc: null,
    totpLastStep: null,
  }));

export async function logoutAccountEverywhere(ctx: Ctx, id: number) {
  return updateAccount(ctx, id, 'account.logout_all', async (_row, tx) => {
    await revokeSessions(tx, id);
    return {};
  });
}

export async function resetPassword(ctx: Ctx, id: number): Promise<{ initialPassword: string }> {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  await updateAccount(ctx, id, 'account.password_reset', async (_row, tx) => {
    await revokeSessions(tx, id);
    return { passwordHash, mustChangePassword: true, seeded: false, failedLogins: 0, lockedUntil: null };
  });
  return { initialPassword };
}

export async function grantRole(
  ctx: Ctx,
  id: number,
  body: { role: string; orgNodeId: number },
): Promise<AccountView> {
  const actor = requirePermission(ctx, 'accounts.manage');
  const role = body.role as Role;
  await ctx.db.transaction(async (tx) => {
    const [account] = await tx
      .select({ id: accounts.id, kind: accounts.kind })
      .from(accounts)
      .where(eq(accounts.id, id));
    if (!account) throw notFound();
    const [node] = await tx
      .select()
      .from(orgNodes)
      .where(and(eq(orgNodes.id, body.orgNodeId), isNull(orgNodes.validTo)));
    if (!node) throw invalid('orgNodeId', 'not_found');
    assertPathInScope(actor, 'accounts.manage', node.path);
    if (!roleAllowedOnLevel(role, node.level)) throw invalid('orgNodeId', 'role.level_mismatch');
    // Residents hold only the resident role, and staff never hold it: the two surfaces stay apart.
    if ((account.kind === 'resident') !== (role === 'resident')) throw invalid('role', 'invalid_value');
    const [grant] = await tx
      .insert(roleAssignments)
      .values({ accountId: id, role, orgNodeId: node.id })
      .returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'account.role_grant',
      recordType: 'account',
      recordId: id,
      after: grant,
      details: { role, orgNodeId: node.id, assignmentId: grant!.id },
    });
  });
  return getAccount(ctx, id);
}

export async function revokeRole(ctx: Ctx, id: number, assignmentId: number): Promise<AccountView> {
  const actor = requirePermission(ctx, 'accounts.manage');
  await ctx.db.transaction(async (tx) => {
    const [grant] = await tx
      .update(roleAssignments)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(roleAssignments.id, assignmentId),
          eq(roleAssignments.accountId, id),
          isNull(roleAssignments.revokedAt),
        ),
      )
      .returning();
    if (!grant) throw notFound();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'account.role_revoke',
      recordType: 'account',
      recordId: id,
      before: grant,
      details: { role: grant.role, orgNodeId: grant.orgNodeId, assignmentId },
    });
  });
  return getAccount(ctx, id);
}

export const ALL_ROLES = Object.keys(ROLES) as Role[];

/**
 * Unmasks a resident account's mobile number for someone holding `pii.reveal` over the grid or
 * community the resident belongs to (not for administrators, who hold no data permission).
 */
export async function revealAccountField(ctx: Ctx, id: number, body: { field: string; reason: string }) {
  requireActor(ctx);
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, id));
  if (!row) throw notFound();
  if (body.field !== 'mobile') throw invalid('field', 'invalid_value');
  const paths = await ctx.db
    .select({ path: orgNodes.path })
    .from(roleAssignments)
    .innerJoin(orgNodes, eq(orgNodes.id, roleAssignments.orgNodeId))
    .where(and(eq(roleAssignments.accountId, id), isNull(roleAssignments.revokedAt)));
  return revealField(ctx, ctx.db, {
    paths: paths.map((p) => p.path),
    recordType: 'account',
    recordId: id,
    field: 'mobile',
    reason: body.reason,
    read: () => (row.mobileEnc ? ctx.pii.decrypt(row.mobileEnc) : null),
  });
}
