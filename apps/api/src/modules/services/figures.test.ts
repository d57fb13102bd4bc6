import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { jobs } from '../jobs/jobs.schema';
import { serviceJobHandlers } from './deadlines';
import { scheduleApplicationSweep, sweepApplicationDeadlines } from './index';
import { serviceApplications } from './services.schema';

let t: SeededApp;
let resident: Client;
let worker: Client;
let leader: Client;
let civilDept: Client;
let street: Client;
let street2: Client;
let residentId: number;
let matters: { id: number; code: string }[];
const ELDERLY = '000106001000-01'; // forwarded to the civil-affairs department, 10 working days
const SENIOR_CARD = '000106004000-01'; // settled on the spot
const HOUR = 3_600_000;
const matterId = (code: string) => matters.find((m) => m.code === code)!.id;
const jpeg = (name: string) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xfe]), Buffer.from(name), Buffer.from([0xff, 0xd9])]);
/** Today in Asia/Shanghai: every application of this file is submitted today. */
const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
const period = `from=${today}&to=${today}`;

async function upload(c: Client, name: string): Promise<number> {
  const res = await c.request({
    method: 'POST',
    url: '/api/services/files',
    payload: jpeg(name),
    headers: { 'content-type': 'image/jpeg' },
  });
  return res.json().id;
}

async function act(c: Client, id: number, action: string, extra: object = {}) {
  const current = (await c.get(`/api/services/applications/${id}`)).json();
  const res = await c.post(`/api/services/applications/${id}/actions`, {
    action,
    version: current.version,
    ...extra,
  });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

/** The resident applies online for the elderly allowance without the photo. */
async function elderlyOnline(): Promise<number> {
  const bank = await upload(resident, `bank-${Math.random()}`);
  const res = await resident.post('/api/services/applications', {
    matterId: matterId(ELDERLY),
    form: { bankName: '中国工商银行', address: '光明路 1 号' },
    materials: [{ code: 'bank_card', fileIds: [bank] }],
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

/** The window records a senior card for the resident, the photo checked at the counter or not. */
async function seniorCardAtWindow(withPhoto: boolean): Promise<number> {
  const res = await worker.post('/api/services/applications', {
    matterId: matterId(SENIOR_CARD),
    residentId,
    materials: withPhoto ? [{ code: 'photo', checked: true }] : [],
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const setRow = (id: number, set: Partial<typeof serviceApplications.$inferInsert>) =>
  t.database.db.update(serviceApplications).set(set).where(eq(serviceApplications.id, id));

beforeAll(async () => {
  t = await seededApp();
  [resident, worker, leader, civilDept, street, street2] = await Promise.all([
    t.as('13800138000'),
    t.as('worker'),
    t.as('leader'),
    t.as('civil.dept'),
    t.as('street'),
    t.as('street2'),
  ]);
  matters = (await resident.get('/api/services/matters')).json();
  const found = (await worker.get(`/api/registry/residents?q=${encodeURIComponent('张晓明')}`)).json();
  residentId = found.items[0].id;
});
afterAll(() => t.close());

describe('window figures', () => {
  it('count volume, on-the-spot share, on-time rate, average time, 好差评 and supplements by material', async () => {
    // 1. Senior card, complete at the counter: settled on the spot, 非常满意.
    const a1 = await seniorCardAtWindow(true);
    await act(worker, a1, 'accept');
    await act(worker, a1, 'approve_on_spot');
    await act(worker, a1, 'issue', { result: '优待证 LD-1' });
    await act(resident, a1, 'evaluate', { rating: 'very_satisfied' });
    // 2. Senior card without the photo: one supplement, then settled on the spot, 基本满意.
    const a2 = await seniorCardAtWindow(false);
    await act(worker, a2, 'request_supplement', { supplements: [{ code: 'photo' }] });
    await act(worker, a2, 'supply', { materials: [{ code: 'photo', checked: true }] });
    await act(worker, a2, 'accept');
    await act(worker, a2, 'approve_on_spot');
    await act(worker, a2, 'issue', { result: '优待证 LD-2' });
    await act(resident, a2, 'evaluate', { rating: 'basic' });
    // 3. Senior card online, not accepted, rated 不满意 (not accepted counts in volume, not as decided).
    const photo = await upload(resident, 'a3-photo');
    const a3 = (
      await resident.post('/api/services/applications', {
        matterId: matterId(SENIOR_CARD),
        materials: [{ code: 'photo', fileIds: [photo] }],
      })
    ).json().id;
    await act(worker, a3, 'start_review');
    await act(worker, a3, 'not_accept', { reason: '未满 60 周岁' });
    await act(resident, a3, 'evaluate', { rating: 'dissatisfied' });
    // 4. Elderly allowance: asked twice for the photo (once with the bank card too), accepted two days
    //    ago, decided after its promised date, 满意.
    const a4 = await elderlyOnline();
    await act(worker, a4, 'start_review');
    await act(worker, a4, 'request_supplement', {
      supplements: [{ code: 'photo' }, { code: 'bank_card', note: '卡号不清' }],
    });
    await act(resident, a4, 'supply', {
      materials: [{ code: 'photo', fileIds: [await upload(resident, 'a4-1')] }],
    });
    await act(worker, a4, 'request_supplement', { supplements: [{ code: 'photo', note: '背景应为白色' }] });
    await act(resident, a4, 'supply', {
      materials: [{ code: 'photo', fileIds: [await upload(resident, 'a4-2')] }],
    });
    await act(worker, a4, 'accept');
    await act(worker, a4, 'forward', { handoverWay: 'electronic' });
    await act(civilDept, a4, 'start_dept_review');
    await setRow(a4, { acceptedAt: new Date(Date.now() - 48 * HOUR), dueAt: new Date(Date.now() - HOUR) });
    await act(civilDept, a4, 'approve');
    await act(civilDept, a4, 'issue', { result: '每月 200 元' });
    await act(resident, a4, 'evaluate', { rating: 'satisfied' });
    // 5. Elderly allowance withdrawn; 6. one still under pre-review past its promised date.
    const a5 = await elderlyOnline();
    await act(resident, a5, 'withdraw');
    const a6 = await elderlyOnline();
    await act(worker, a6, 'start_review');
    await setRow(a6, { dueAt: new Date(Date.now() - HOUR) });

    const res = await street.get(`/api/services/figures?${period}`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.total).toMatchObject({
      applications: 6,
      onTheSpot: 2,
      onTheSpotShare: 2 / 6,
      decided: 3,
      onTime: 2,
      // a1, a2 and a4 decided, a6 overdue; a3 was not accepted and a5 withdrawn.
      due: 4,
      onTimeRate: 0.5,
      averageHours: 16,
      ratings: { very_satisfied: 1, satisfied: 1, basic: 1, dissatisfied: 1, very_dissatisfied: 0 },
      rated: 4,
      satisfactionRate: 0.75,
      supplemented: 2,
    });
    const byMatter = Object.fromEntries(view.rows.map((r: { matterCode: string }) => [r.matterCode, r]));
    expect(view.rows).toHaveLength(2);
    expect(byMatter[SENIOR_CARD].figures).toMatchObject({
      applications: 3,
      onTheSpot: 2,
      decided: 2,
      onTime: 2,
    });
    expect(byMatter[ELDERLY].figures).toMatchObject({
      applications: 3,
      onTheSpot: 0,
      decided: 1,
      onTime: 0,
      due: 2,
    });
    expect(byMatter[ELDERLY].windowName).toBe(byMatter[SENIOR_CARD].windowName);
    // The photo sends people back most: twice for one elderly allowance, once for a senior card.
    expect(
      view.supplements.map((s: Record<string, unknown>) => [
        s.matterId,
        s.materialCode,
        s.applications,
        s.requests,
      ]),
    ).toEqual([
      [matterId(ELDERLY), 'photo', 1, 2],
      [matterId(ELDERLY), 'bank_card', 1, 1],
      [matterId(SENIOR_CARD), 'photo', 1, 1],
    ]);
    expect(view.supplements[0].materialNameZh).toBe('近期免冠证件照');

    // One matter only, and the same from the community leader.
    const elderly = (
      await leader.get(`/api/services/figures?${period}&matterId=${matterId(ELDERLY)}`)
    ).json();
    expect(elderly.total).toMatchObject({ applications: 3, supplemented: 1 });
    // The department sees what was forwarded to it.
    expect((await civilDept.get(`/api/services/figures?${period}`)).json().total.applications).toBe(1);

    const xlsx = await street.get(`/api/services/figures.xlsx?${period}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    await act(worker, a6, 'withdraw');
  });

  it('are scoped: another street sees none of them, and its node is not found by this one', async () => {
    const other = (await street2.get(`/api/services/figures?${period}`)).json();
    expect(other.total.applications).toBe(0);
    expect(other.rows).toEqual([]);
    expect(other.supplements).toEqual([]);
    const street2Node = (await street2.get('/api/auth/me')).json().roles[0].orgNodeId;
    expect((await street.get(`/api/services/figures?${period}&nodeId=${street2Node}`)).statusCode).toBe(404);
    expect((await resident.get(`/api/services/figures?${period}`)).statusCode).toBe(403);
    const bad = await street.get(`/api/services/figures?from=${today}&to=2020-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'to', code: 'date.before_from' });
    expect(
      (await street.get('/api/services/figures?from=yesterday&to=today')).json().error.details[0].path,
    ).toBe('querystring.from');
  });
});

describe('overdue alerts and escalation', () => {
  it('warn one working day ahead and escalate once overdue, each once, skipping a paused clock', async () => {
    const id = await elderlyOnline();
    const submitted = (await worker.get(`/api/services/applications/${id}`)).json();
    expect(await sweepApplicationDeadlines(t.database.db)).toEqual({ warned: 0, escalated: 0 });

    // Waiting for supplements, the clock stands still: nothing is late, however late it is.
    await act(worker, id, 'start_review');
    await act(worker, id, 'request_supplement', { supplements: [{ code: 'photo' }] });
    const farLater = new Date(Date.parse(submitted.promisedAt) + 30 * 24 * HOUR);
    expect(await sweepApplicationDeadlines(t.database.db, farLater)).toEqual({ warned: 0, escalated: 0 });

    await act(resident, id, 'supply', {
      materials: [{ code: 'photo', fileIds: [await upload(resident, 'x')] }],
    });
    await act(worker, id, 'accept');
    const forwarded = await act(worker, id, 'forward', { handoverWay: 'electronic' });
    const due = new Date(forwarded.promisedAt);

    // Two working hours before the promised date (17:30 on a working day): the department is warned, once.
    const before = new Date(due.getTime() - 2 * HOUR);
    expect(await sweepApplicationDeadlines(t.database.db, before)).toEqual({ warned: 1, escalated: 0 });
    expect(await sweepApplicationDeadlines(t.database.db, before)).toEqual({ warned: 0, escalated: 0 });
    // Past it: escalated to the community leader and the department, once.
    const after = new Date(due.getTime() + HOUR);
    expect(await sweepApplicationDeadlines(t.database.db, after)).toEqual({ warned: 0, escalated: 1 });
    expect(await sweepApplicationDeadlines(t.database.db, after)).toEqual({ warned: 0, escalated: 0 });

    const noticesOf = async (c: Client) =>
      (await c.get('/api/notices?limit=50'))
        .json()
        .items.filter((n: { params: { applicationId?: number } }) => n.params.applicationId === id)
        .map((n: { kind: string; priority: string }) => `${n.kind}:${n.priority}`);
    expect(await noticesOf(civilDept)).toEqual(['application_overdue:urgent', 'application_due_soon:normal']);
    expect(await noticesOf(leader)).toEqual(['application_overdue:urgent']);

    const view = (await civilDept.get(`/api/services/applications/${id}`)).json();
    expect(view.state).toBe('forwarded');
    expect(view.version).toBe(forwarded.version); // marks on the timeline, not state changes
    expect(view.events.slice(-2).map((e: { action: string }) => e.action)).toEqual([
      'deadline_warning',
      'deadline_escalated',
    ]);
    const audit = (await (await t.as('admin')).get('/api/admin/audit?recordType=service_application')).json();
    const actions = audit.items
      .filter((e: { recordId: string }) => Number(e.recordId) === id)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['application.deadline_warning', 'application.deadline_escalated']),
    );
  });

  it('keeps exactly one sweep queued, and the sweep schedules its successor', async () => {
    await scheduleApplicationSweep(t.database.db);
    await scheduleApplicationSweep(t.database.db);
    const queued = async () =>
      (await t.database.db.select().from(jobs).where(eq(jobs.kind, 'services.sweep'))).filter(
        (j) => j.status === 'queued',
      );
    expect(await queued()).toHaveLength(1);
    await t.database.db.delete(jobs).where(eq(jobs.kind, 'services.sweep'));
    await serviceJobHandlers['services.sweep']!(t.database.db, {});
    expect(await queued()).toHaveLength(1);
  });
});
