import { type MeView, parseMobile, permissionsOf } from '@linli/contract';
import { eq } from 'drizzle-orm';
import { auditActorOf, permissionsOfActor, requireActor } from '../../core/access';
import type { Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { generateTotpSecret, totpUri, verifyTotp } from '../../core/totp';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit';
import { accounts } from './accounts.schema';
import { checkPasswordPolicy, dummyVerify, hashPassword, verifyPassword } from './password';
import { createSession, loadGrants, pendingStepOf, revokeSessions, totpRequiredFor } from './sessions';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 30 * 60_000;

type AccountRow = typeof accounts.$inferSelect;

async function findAccountByLogin(ctx: Ctx, login: string): Promise<AccountRow | undefined> {
  const mobile = parseMobile(login);
  const where = mobile.ok
    ? eq(accounts.mobileIndex, ctx.pii.blindIndex(mobile.normalized))
    : eq(accounts.username, login.toLowerCase());
  const [row] = await ctx.db.select().from(accounts).where(where).limit(1);
  return row;
}

/** Counts a failure in its own transaction: it must persist although the request then fails. */
async function recordFailure(ctx: Ctx, account: AccountRow, why: string): Promise<Date | null> {
  const failures = account.failedLogins + 1;
  const lockedUntil = failures >= LOCKOUT_THRESHOLD ? new Date(Date.now() + LOCKOUT_MS) : null;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ failedLogins: lockedUntil ? 0 : failures, lockedUntil })
      .where(eq(accounts.id, account.id));
    await recordAudit(tx, {
      actor: { accountId: account.id, role: null, orgNodeId: null },
      clientIp: ctx.ip,
      action: lockedUntil ? 'auth.locked' : 'auth.login_failed',
      recordType: 'account',
      recordId: account.id,
      details: { why, failures },
    });
  });
  return lockedUntil;
}

const SHANGHAI_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The message names the time in Shanghai, as people read it: `2026-11-21 14:05`. */
function lockedError(until: Date) {
  return new AppError(423, 'auth.locked', [], { until: SHANGHAI_MINUTE.format(until) });
}

export async function login(
  ctx: Ctx,
  body: { login: string; password: string; totp?: string | undefined },
  userAgent: string | undefined,
): Promise<{ me: MeView; cookie: string }> {
  const account = await findAccountByLogin(ctx, body.login);
  if (!account) {
    await dummyVerify(body.password);
    throw new AppError(401, 'auth.invalid');
  }
  if (account.lockedUntil && account.lockedUntil > new Date()) throw lockedError(account.lockedUntil);
  if (!(await verifyPassword(account.passwordHash, body.password))) {
    const locked = await recordFailure(ctx, account, 'password');
    throw locked ? lockedError(locked) : new AppError(401, 'auth.invalid');
  }
  if (account.status !== 'active') throw new AppError(403, 'auth.disabled');
  let totpStep: number | null = account.totpLastStep;
  if (account.totpEnabled && account.totpSecretEnc) {
    if (!body.totp) throw new AppError(401, 'auth.totp_required');
    const check = verifyTotp(ctx.pii.decrypt(account.totpSecretEnc), body.totp, Date.now());
    if (!check.ok || check.step === undefined || (totpStep !== null && check.step <= totpStep)) {
      const locked = await recordFailure(ctx, account, 'totp');
      throw locked ? lockedError(locked) : new AppError(401, 'auth.totp_invalid');
    }
    totpStep = check.step;
  }
  const session = await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ failedLogins: 0, lockedUntil: null, totpLastStep: totpStep })
      .where(eq(accounts.id, account.id));
    const s = await createSession(tx, ctx.config, account.id, { ip: ctx.ip, userAgent });
    await recordAudit(tx, {
      actor: { accountId: account.id, role: null, orgNodeId: null },
      clientIp: ctx.ip,
      action: 'auth.login',
      recordType: 'session',
      recordId: s.idHash.slice(0, 16),
    });
    return s;
  });
  const me = await meOf(ctx.db, ctx, account.id, session.csrfToken);
  return { me, cookie: session.cookie };
}

export async function meOf(db: Db, ctx: Ctx, accountId: number, csrfToken: string): Promise<MeView> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account) throw new AppError(401, 'unauthenticated');
  const grants = await loadGrants(db, accountId);
  const pending = pendingStepOf(ctx.config, account, grants);
  return {
    account: {
      id: account.id,
      kind: account.kind as 'staff' | 'resident',
      username: account.username,
      displayName: account.displayName,
      mustChangePassword: pending === 'password',
      totpEnabled: account.totpEnabled,
      totpRequired: totpRequiredFor(grants),
    },
    roles: grants.map((g) => ({
      id: g.assignmentId,
      role: g.role,
      orgNodeId: g.orgNodeId,
      orgNodeName: g.orgNodeName,
      orgNodeLevel: g.level as MeView['roles'][number]['orgNodeLevel'],
    })),
    permissions: ctx.actor ? permissionsOfActor(ctx.actor) : [...permissionsOf(grants.map((g) => g.role))],
    csrfToken,
    demoMode: ctx.config.demoMode,
  };
}

export async function me(ctx: Ctx): Promise<MeView> {
  const actor = requireActor(ctx);
  return meOf(ctx.db, ctx, actor.accountId, actor.csrfToken ?? '');
}

export async function logout(ctx: Ctx, everywhere: boolean): Promise<void> {
  const actor = requireActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const n = await revokeSessions(tx, actor.accountId, everywhere ? {} : { only: actor.sessionIdHash });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: everywhere ? 'auth.logout_all' : 'auth.logout',
      recordType: 'account',
      recordId: actor.accountId,
      details: { sessions: n },
    });
  });
}

export async function changePassword(ctx: Ctx, body: { currentPassword: string; newPassword: string }) {
  const actor = requireActor(ctx);
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!account || !(await verifyPassword(account.passwordHash, body.currentPassword))) {
    throw new AppError(400, 'validation', [{ path: 'currentPassword', code: 'auth.invalid' }]);
  }
  if (body.currentPassword === body.newPassword) {
    throw new AppError(400, 'validation', [{ path: 'newPassword', code: 'password.same' }]);
  }
  const issues = checkPasswordPolicy(body.newPassword, account.username);
  if (issues.length) throw new AppError(400, 'validation', issues);
  const passwordHash = await hashPassword(body.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(accounts.id, account.id));
    // Every other session ends: whoever knew the old password is out.
    const ended = await revokeSessions(tx, account.id, { except: actor.sessionIdHash });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'auth.password_changed',
      recordType: 'account',
      recordId: account.id,
      details: { sessionsEnded: ended },
    });
  });
}

export async function setupTotp(ctx: Ctx): Promise<{ secret: string; uri: string }> {
  const actor = requireActor(ctx);
  const secret = generateTotpSecret();
  await ctx.db.transaction(async (tx) => {
    const [account] = await tx
      .update(accounts)
      .set({ totpSecretEnc: ctx.pii.encrypt(secret), totpEnabled: false, updatedAt: new Date() })
      .where(eq(accounts.id, actor.accountId))
      .returning({ id: accounts.id });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'auth.totp_setup',
      recordType: 'account',
      recordId: account?.id,
    });
  });
  return { secret, uri: totpUri({ secret, account: actor.displayName, issuer: 'Linli' }) };
}

export async function enableTotp(ctx: Ctx, code: string): Promise<void> {
  const actor = requireActor(ctx);
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!account?.totpSecretEnc) throw new AppError(400, 'auth.totp_not_setup');
  const check = verifyTotp(ctx.pii.decrypt(account.totpSecretEnc), code, Date.now());
  if (!check.ok || check.step === undefined) {
    throw new AppError(400, 'validation', [{ path: 'code', code: 'auth.totp_invalid' }]);
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ totpEnabled: true, totpLastStep: check.step, updatedAt: new Date() })
      .where(eq(accounts.id, account.id));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'auth.totp_enabled',
      recordType: 'account',
      recordId: account.id,
    });
  });
}
