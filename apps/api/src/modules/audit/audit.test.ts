import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { type SeededApp, seededApp } from '../../test/fixtures';
import { recordAudit, verifyAuditChain } from './audit.service';

let t: SeededApp;
beforeAll(async () => {
  t = await seededApp();
});
afterAll(() => t.close());

const db = () => t.database.db;

async function someWrites() {
  const admin = await t.as('admin');
  for (const name of ['审计甲', '审计乙', '审计丙']) {
    const res = await admin.post('/api/admin/accounts', {
      kind: 'staff',
      username: `audit.${name.length}${Math.random().toString(36).slice(2, 6)}`,
      displayName: name,
    });
    expect(res.statusCode).toBe(200);
  }
}

/** Tampering needs the append-only trigger out of the way, as an attacker with table rights would do. */
async function tamper(statement: ReturnType<typeof sql>) {
  await db().execute(sql`alter table audit_log disable trigger audit_log_no_change`);
  await db().execute(statement);
  await db().execute(sql`alter table audit_log enable trigger audit_log_no_change`);
}

describe('audit chain', () => {
  it('records each write in its transaction, with who, role, node, action and digests', async () => {
    const admin = await t.as('admin');
    const res = await admin.post('/api/admin/accounts', {
      kind: 'staff',
      username: 'audited.one',
      displayName: '被审计',
    });
    const id = res.json().account.id as number;
    const list = (await admin.get(`/api/admin/audit?recordType=account&recordId=${id}`)).json();
    expect(list.items[0]).toMatchObject({
      action: 'account.create',
      role: 'admin',
      recordId: String(id),
      clientIp: '127.0.0.1',
    });
    expect(list.items[0].afterDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses UPDATE and DELETE through SQL', async () => {
    await expect(db().execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it('verifies clean, then names the first edited row', async () => {
    await someWrites();
    expect((await verifyAuditChain(db())).ok).toBe(true);
    const [victim] = rowsOf<{ id: number }>(
      await db().execute(sql`select id from audit_log order by id desc offset 1 limit 1`),
    );
    await tamper(sql`update audit_log set reason = 'edited' where id = ${victim!.id}`);
    const report = await verifyAuditChain(db());
    expect(report).toMatchObject({ ok: false, firstBrokenId: Number(victim!.id), problem: 'hash_mismatch' });
    const admin = await t.as('admin');
    const viaHttp = (await admin.get('/api/admin/audit/verify')).json();
    expect(viaHttp).toMatchObject({ ok: false, firstBrokenId: Number(victim!.id) });
  });
});

describe('audit chain under concurrent writes', () => {
  it('stays one unbroken chain when many transactions append at once, and its head is the last entry', async () => {
    // Its own database: the tests above break the chain on purpose.
    const fresh = await seededApp();
    const db = () => fresh.database.db;
    try {
      const before = rowsOf<{ n: number }>(
        await db().execute(sql`select count(*)::int as n from audit_log`),
      )[0]!.n;
      // All 24 are open at once and append when their work is done: on PostgreSQL they queue on the
      // chain head and each must re-read the link its predecessor committed.
      await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          db().transaction(async (tx) => {
            await recordAudit(tx, {
              actor: null,
              action: 'test.concurrent',
              recordType: 'test',
              recordId: i,
              details: { i, text: '并发写入' },
            });
            await tx.execute(sql`select pg_sleep(0.005)`);
          }),
        ),
      );
      // One that rolls back leaves no link behind.
      await expect(
        db().transaction(async (tx) => {
          await recordAudit(tx, { actor: null, action: 'test.rolled_back', recordType: 'test' });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const after = rowsOf<{ n: number }>(
        await db().execute(sql`select count(*)::int as n from audit_log`),
      )[0]!.n;
      expect(after - before).toBe(24);
      expect(await verifyAuditChain(db())).toMatchObject({ ok: true, checked: after });
      const [head] = rowsOf<{ prev_hash: string; hash: string }>(
        await db().execute(sql`select prev_hash, hash from audit_chain_head`),
      );
      const [last] = rowsOf<{ prev_hash: string; hash: string }>(
        await db().execute(sql`select prev_hash, hash from audit_log order by id desc limit 1`),
      );
      expect(head).toEqual(last);
    } finally {
      await fresh.close();
    }
  });
});

describe('audit entries of a transaction', () => {
  const count = async (d: typeof t.database.db, action: string) =>
    rowsOf<{ n: number }>(
      await d.execute(sql`select count(*)::int as n from audit_log where action = ${action}`),
    )[0]!.n;

  it('are appended when its work is done, so the chain head is not held while the rest runs', async () => {
    let seenInside = -1;
    await db().transaction(async (tx) => {
      await recordAudit(tx, { actor: null, action: 'test.deferred', recordType: 'test' });
      seenInside = await count(tx, 'test.deferred');
    });
    expect(seenInside).toBe(0);
    expect(await count(db(), 'test.deferred')).toBe(1);
  });

  it('are appended at once outside a transaction and inside a savepoint', async () => {
    await recordAudit(db(), { actor: null, action: 'test.bare', recordType: 'test' });
    expect(await count(db(), 'test.bare')).toBe(1);
    let seenInSavepoint = -1;
    await db().transaction(async (tx) => {
      await tx.transaction(async (sp) => {
        await recordAudit(sp, { actor: null, action: 'test.savepoint', recordType: 'test' });
        seenInSavepoint = await count(sp, 'test.savepoint');
      });
    });
    expect(seenInSavepoint).toBe(1);
  });
});

describe('audit chain on a fresh database', () => {
  it('names the row after a deleted one', async () => {
    const fresh = await seededApp();
    try {
      const admin = await fresh.as('admin');
      for (const u of ['del.a', 'del.b', 'del.c'])
        await admin.post('/api/admin/accounts', { kind: 'staff', username: u, displayName: u });
      const ids = rowsOf<{ id: number }>(
        await fresh.database.db.execute(sql`select id from audit_log order by id desc limit 3`),
      ).map((r) => Number(r.id));
      await fresh.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_change`);
      await fresh.database.db.execute(sql`delete from audit_log where id = ${ids[1]}`);
      const report = await verifyAuditChain(fresh.database.db);
      expect(report).toMatchObject({ ok: false, firstBrokenId: ids[0], problem: 'prev_mismatch' });
    } finally {
      await fresh.close();
    }
  });
});

describe('audit screen data', () => {
  it('filters, pages with a cursor, and exports CSV', async () => {
    const admin = await t.as('admin');
    const page1 = (await admin.get('/api/admin/audit?action=account.create&limit=2')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items.every((i: { action: string }) => i.action === 'account.create')).toBe(true);
    const page2 = (
      await admin.get(`/api/admin/audit?action=account.create&limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.items[0].id).toBeLessThan(page1.items[1].id);
    const csv = await admin.get('/api/admin/audit/export.csv?action=account.create');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('action');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(1).every((l) => l.includes('"account.create"'))).toBe(true);
  });

  it('is closed to everyone without audit.read', async () => {
    const street = await t.as('street');
    expect((await street.get('/api/admin/audit')).statusCode).toBe(403);
    expect((await street.get('/api/admin/audit/verify')).statusCode).toBe(403);
  });
});
