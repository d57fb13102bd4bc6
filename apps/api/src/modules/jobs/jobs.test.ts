import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePiiKeys } from '../../config';
import { createPii } from '../../core/pii';
import { type SeededApp, seededApp } from '../../test/fixtures';
import { accounts } from '../accounts/accounts.schema';
import { piiJobHandlers, scheduleRekeyIfNeeded } from '../pii-rekey';
import { jobs } from './jobs.schema';
import { backoffMs, claimNextJob, enqueueJob, failJob, requeueStale } from './jobs.service';
import { startJobWorker } from './worker';

let t: SeededApp;
beforeAll(async () => {
  t = await seededApp();
});
afterAll(() => t.close());

describe('job queue', () => {
  it('a job enqueued in a rolled-back transaction does not exist', async () => {
    await expect(
      t.database.db.transaction(async (tx) => {
        await enqueueJob(tx, 'test.rollback');
        throw new Error('write failed');
      }),
    ).rejects.toThrow('write failed');
    expect(await t.database.db.select().from(jobs).where(eq(jobs.kind, 'test.rollback'))).toEqual([]);
  });

  it('retries with back-off, fails for good after maxAttempts, and an administrator can retry it', async () => {
    const id = await enqueueJob(t.database.db, 'test.flaky', {}, { maxAttempts: 2 });
    const first = await claimNextJob(t.database.db);
    expect(first?.id).toBe(id);
    await failJob(t.database.db, first!, 'boom');
    const [queued] = await t.database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(queued!.status).toBe('queued');
    expect(queued!.runAt.getTime()).toBeGreaterThan(Date.now() + backoffMs(1) - 2_000);
    expect(await claimNextJob(t.database.db)).toBeUndefined(); // not due yet
    await t.database.db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, id));
    const second = await claimNextJob(t.database.db);
    await failJob(t.database.db, second!, 'boom again');
    const admin = await t.as('admin');
    const failed = (await admin.get('/api/admin/jobs?status=failed')).json();
    expect(failed.items.map((j: { id: number }) => j.id)).toContain(id);
    expect((await admin.post(`/api/admin/jobs/${id}/retry`)).json()).toMatchObject({
      status: 'queued',
      attempts: 0,
    });
    expect((await admin.post(`/api/admin/jobs/${id}/retry`)).statusCode).toBe(409);
    expect((await (await t.as('street')).get('/api/admin/jobs')).statusCode).toBe(403);
  });
});

describe('restarts', () => {
  it('a job left running by a process that died is run again: at once on PGlite, after its heartbeat stops elsewhere', async () => {
    const id = await enqueueJob(t.database.db, 'test.crashed');
    await t.database.db
      .update(jobs)
      .set({ status: 'running', lockedAt: new Date(), attempts: 1 })
      .where(eq(jobs.id, id));
    const ran: number[] = [];
    const log = { warn: () => {}, error: () => {} } as unknown as FastifyBaseLogger;
    // A shared PostgreSQL worker leaves a fresh lock alone: its owner may be alive.
    await requeueStale(t.database.db, 120_000);
    expect((await t.database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!.status).toBe('running');
    const stop = startJobWorker(t.database.db, { 'test.crashed': async () => void ran.push(id) }, log, {
      exclusive: true,
      pollMs: 20,
    });
    for (let i = 0; i < 100 && ran.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(ran).toEqual([id]);
    expect((await t.database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!.status).toBe('done');
  });
});

describe('key rotation', () => {
  it('re-encrypts every value under the new key in the background; old values stay readable meanwhile', async () => {
    const [resident] = await t.database.db.select().from(accounts).where(eq(accounts.kind, 'resident'));
    const plain = t.pii.decrypt(resident!.mobileEnc!);
    // New configuration: a new active key k2, the old key kept for reading.
    const oldSpec = [...t.config.pii.keys].map(([id, k]) => `${id}:${k.toString('base64')}`).join(',');
    const rotated = parsePiiKeys(
      `k2:${Buffer.alloc(32, 7).toString('base64')},${oldSpec}`,
      t.config.pii.indexKey.toString('base64'),
    );
    const pii2 = createPii(rotated);
    expect(pii2.decrypt(resident!.mobileEnc!)).toBe(plain);
    expect(await scheduleRekeyIfNeeded(t.database.db, pii2)).toBe(true);
    const handler = piiJobHandlers(pii2)['pii.rekey']!;
    for (let job = await claimNextJob(t.database.db); job; job = await claimNextJob(t.database.db)) {
      if (job.kind === 'pii.rekey') await handler(t.database.db, {});
      await t.database.db.update(jobs).set({ status: 'done' }).where(eq(jobs.id, job.id));
    }
    const after = await t.database.db.select().from(accounts);
    for (const a of after.filter((r) => r.mobileEnc)) expect(a.mobileEnc!.startsWith('v1:k2:')).toBe(true);
    const [again] = await t.database.db.select().from(accounts).where(eq(accounts.id, resident!.id));
    expect(pii2.decrypt(again!.mobileEnc!)).toBe(plain);
    expect(await scheduleRekeyIfNeeded(t.database.db, pii2)).toBe(false);
  });
});
