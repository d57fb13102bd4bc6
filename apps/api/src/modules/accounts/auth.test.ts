import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../core/totp';
import { rowsOf } from '../../db/client';
import { DEMO_PASSWORD, type SeededApp, seededApp } from '../../test/fixtures';
import { Client } from '../../test/harness';
import { LOCKOUT_THRESHOLD } from './auth.service';

let t: SeededApp;
beforeAll(async () => {
  t = await seededApp();
});
afterAll(() => t.close());

describe('login', () => {
  it('accepts a staff username and a resident mobile number, and rejects a wrong password', async () => {
    expect((await t.client().login('street', DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await t.client().login('138 0013 8000', DEMO_PASSWORD)).statusCode).toBe(200);
    const bad = await t.client().login('street', 'wrong-password-1');
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('auth.invalid');
    const unknown = await t.client().login('nobody', DEMO_PASSWORD);
    expect(unknown.json().error.code).toBe('auth.invalid');
  });

  it(`locks the account after ${LOCKOUT_THRESHOLD} failures, even for the right password`, async () => {
    const c = t.client();
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++)
      expect((await c.login('social', `wrong-${i}-password`)).statusCode).toBe(401);
    const fifth = await c.login('social', 'wrong-5-password');
    expect(fifth.statusCode).toBe(423);
    const right = await c.login('social', DEMO_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('auth.locked');
    // An administrator can lift the lock.
    const admin = await t.as('admin');
    const [row] = rowsOf<{ id: number }>(
      await t.database.db.execute(sql`select id from accounts where username = 'social'`),
    );
    expect((await admin.post(`/api/admin/accounts/${row!.id}/unlock`)).statusCode).toBe(200);
    expect((await c.login('social', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('the lock lasts 30 minutes', async () => {
    const c = t.client();
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await c.login('party', 'wrong-password-x');
    const [row] = rowsOf<{ locked_until: string }>(
      await t.database.db.execute(sql`select locked_until from accounts where username = 'party'`),
    );
    const minutes = (new Date(row!.locked_until).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
  });

  it('refuses unknown fields and wrong types with field-level errors in the asked language', async () => {
    const res = await new Client(t.app, 'en-US').request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 5, password: 'x', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path).sort()).toEqual(['extra', 'login']);
    expect(details.find((d) => d.path === 'extra')?.message).toBe('Field not allowed');
  });
});

describe('sessions and CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF token, and accepts it with one', async () => {
    const c = await t.as('admin');
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: { cookie: `linli_sid=${c.cookie}` },
      payload: { kind: 'staff', username: 'csrf.victim', displayName: 'x' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: { cookie: `linli_sid=${c.cookie}`, 'x-csrf-token': 'guess' },
      payload: { kind: 'staff', username: 'csrf.victim', displayName: 'x' },
    });
    expect(wrong.statusCode).toBe(403);
    const [{ n }] = rowsOf<{ n: number }>(
      await t.database.db.execute(sql`select count(*)::int n from accounts where username = 'csrf.victim'`),
    ) as [{ n: number }];
    expect(n).toBe(0);
    expect(
      (await c.post('/api/admin/accounts', { kind: 'staff', username: 'csrf.ok', displayName: 'x' }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses text/plain bodies, so a cross-site form cannot post', async () => {
    const c = await t.as('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `linli_sid=${c.cookie}`, 'x-csrf-token': c.csrf, 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(res.statusCode).toBe(415);
  });

  it('logs out one session, or every session', async () => {
    const a = await t.as('civil.city');
    const b = await t.as('civil.city');
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
    expect((await b.get('/api/auth/me')).statusCode).toBe(200);
    const c = await t.as('civil.city');
    expect((await c.post('/api/auth/logout-all')).statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends a session after the idle time', async () => {
    const c = await t.as('hotline');
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes'`);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends a session at its absolute expiry', async () => {
    const c = await t.as('provider');
    await t.database.db.execute(sql`update sessions set expires_at = now() - interval '1 second'`);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('passwords', () => {
  it('enforces the policy on change and then accepts a good password', async () => {
    const c = await t.as('worker');
    const short = await c.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'short',
    });
    expect(short.json().error.details[0]).toMatchObject({ path: 'newPassword', code: 'password.too_short' });
    const common = await c.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'qwertyuiop123',
    });
    expect(common.json().error.details[0].code).toBe('password.common');
    const wrongCurrent = await c.post('/api/auth/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'Tea-kettle-42-river',
    });
    expect(wrongCurrent.json().error.details[0].path).toBe('currentPassword');
    expect(
      (
        await c.post('/api/auth/password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'Tea-kettle-42-river',
        })
      ).statusCode,
    ).toBe(200);
    expect((await t.client().login('worker', 'Tea-kettle-42-river')).statusCode).toBe(200);
  });

  it('outside demo mode, a seeded or new account must change its password before anything else', async () => {
    const real = await seededApp({ demoMode: false });
    try {
      const c = new Client(real.app);
      const res = await c.login('admin', DEMO_PASSWORD);
      expect(res.json().account.mustChangePassword).toBe(true);
      const blocked = await c.get('/api/admin/accounts');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('auth.password_change_required');
      expect(
        (
          await c.post('/api/auth/password', {
            currentPassword: DEMO_PASSWORD,
            newPassword: 'Granite-lamp-77-sky',
          })
        ).statusCode,
      ).toBe(200);
      expect((await c.get('/api/admin/accounts')).statusCode).toBe(200);
    } finally {
      await real.close();
    }
  });
});

describe('TOTP', () => {
  it('when required for a role, blocks work until enrolled, then asks for a fresh code at every login', async () => {
    const admin = await t.as('admin');
    expect(
      (await admin.put('/api/admin/roles/street_officer/policy', { totpRequired: true })).statusCode,
    ).toBe(200);

    const c = await t.as('street2');
    const blocked = await c.get('/api/org/roots');
    expect(blocked.json().error.code).toBe('auth.totp_enrollment_required');
    const setup = await c.post('/api/auth/totp/setup');
    const secret = setup.json().secret as string;
    const wrong = await c.post('/api/auth/totp/enable', {
      code: '000000' === totpCode(secret, Date.now()) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect((await c.post('/api/auth/totp/enable', { code: totpCode(secret, Date.now()) })).statusCode).toBe(
      200,
    );
    expect((await c.get('/api/org/roots')).statusCode).toBe(200);

    const next = t.client();
    expect((await next.login('street2', DEMO_PASSWORD)).json().error.code).toBe('auth.totp_required');
    // The code used to enable is spent; the next time step's code is accepted.
    const reused = await next.login('street2', DEMO_PASSWORD, totpCode(secret, Date.now()));
    expect(reused.json().error.code).toBe('auth.totp_invalid');
    expect(
      (await next.login('street2', DEMO_PASSWORD, totpCode(secret, Date.now() + 30_000))).statusCode,
    ).toBe(200);
    await admin.put('/api/admin/roles/street_officer/policy', { totpRequired: false });
  });
});

describe('API tokens', () => {
  it('authenticate without CSRF, carry only their scopes, and stop working when revoked', async () => {
    const admin = await t.as('admin');
    const [row] = rowsOf<{ id: number }>(
      await t.database.db.execute(sql`select id from accounts where username = 'civil.district'`),
    );
    const created = await admin.post(`/api/admin/accounts/${row!.id}/tokens`, {
      name: 'stats sync',
      scopes: ['org.read'],
    });
    expect(created.statusCode).toBe(200);
    const { secret, token } = created.json();
    const bearer = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${secret}` } });
    expect((await bearer('/api/org/roots')).statusCode).toBe(200);
    const [tokRow] = rowsOf<{ token_hash: string }>(
      await t.database.db.execute(sql`select token_hash from api_tokens where id = ${token.id}`),
    );
    expect(tokRow!.token_hash).not.toContain(secret);
    const beyond = await admin.post(`/api/admin/accounts/${row!.id}/tokens`, {
      name: 'too much',
      scopes: ['accounts.manage'],
    });
    expect(beyond.json().error.details[0].path).toBe('scopes.0');
    expect((await admin.del(`/api/admin/tokens/${token.id}`)).statusCode).toBe(200);
    expect((await bearer('/api/org/roots')).statusCode).toBe(401);
  });
});
