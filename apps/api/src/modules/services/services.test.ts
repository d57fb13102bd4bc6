import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from '../../core/working-time';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { cachedOverrides } from '../calendar';
import { notices } from '../notices/notices.schema';
import { serviceApplications } from './services.schema';

let t: SeededApp;
let resident: Client;
let worker: Client;
let leader: Client;
let civilDept: Client;
let urbanDept: Client;
let matters: { id: number; code: string }[];
const ELDERLY = '000106001000-01';
const SENIOR_CARD = '000106004000-01';
/** A JPEG-shaped scan (start of image, a comment naming it, end of image); distinct names hash apart. */
const jpeg = (name = 'scan') =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xfe]), Buffer.from(name), Buffer.from([0xff, 0xd9])]);
const matterId = (code: string) => matters.find((m) => m.code === code)!.id;

async function upload(c: Client, body: Buffer = jpeg(), type = 'image/jpeg'): Promise<number> {
  const res = await c.request({
    method: 'POST',
    url: '/api/services/files',
    payload: body,
    headers: { 'content-type': type },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function act(c: Client, id: number, action: string, extra: object = {}) {
  const current = (await c.get(`/api/services/applications/${id}`)).json();
  return c.post(`/api/services/applications/${id}/actions`, { action, version: current.version, ...extra });
}

/** The resident applies online for the elderly allowance with every material but the photo. */
async function applyWithoutPhoto() {
  const bank = await upload(resident);
  const res = await resident.post('/api/services/applications', {
    matterId: matterId(ELDERLY),
    form: { bankName: '中国工商银行', address: '光明路 1 号' },
    materials: [{ code: 'bank_card', fileIds: [bank] }],
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await seededApp();
  [resident, worker, leader, civilDept, urbanDept] = await Promise.all([
    t.as('13800138000'),
    t.as('worker'),
    t.as('leader'),
    t.as('civil.dept'),
    t.as('dept'),
  ]);
  matters = (await resident.get('/api/services/matters')).json();
});
afterAll(() => t.close());

describe('the catalogue', () => {
  it('ships at least twelve matters in both languages, each with materials and a settle mode', async () => {
    expect(matters.length).toBeGreaterThanOrEqual(12);
    const elderly = (await resident.get(`/api/services/matters/${matterId(ELDERLY)}`)).json();
    expect(elderly).toMatchObject({ nameZh: '高龄津贴申领', mode: 'forwarded', limitDays: 10, online: true });
    expect(elderly.materials.filter((m: { registrySupplies: boolean }) => m.registrySupplies)).toHaveLength(
      2,
    );
  });

  it('is edited by configuration or civil affairs, not by the window', async () => {
    const elderly = (await resident.get(`/api/services/matters/${matterId(ELDERLY)}`)).json();
    const { id: _, ...body } = elderly;
    expect(
      (await worker.request({ method: 'PUT', url: '/api/services/matters', payload: body })).statusCode,
    ).toBe(403);
    const civil = await t.as('civil.district');
    const saved = await civil.request({
      method: 'PUT',
      url: '/api/services/matters',
      payload: { ...body, limitDays: 12 },
    });
    expect(saved.json()).toMatchObject({ id: elderly.id, limitDays: 12 });
    await civil.request({ method: 'PUT', url: '/api/services/matters', payload: body });
  });
});

describe('an application through the window and the department', () => {
  it('runs submit → one-time supplement list → supply → accept → forward → review → approve → issue → 不满意 with a follow-up case', async () => {
    const prefill = (await resident.get('/api/services/prefill')).json();
    expect(prefill.name).toBe('张晓明');
    expect(prefill.idNumberMasked).toMatch(/\*/);

    const a = await applyWithoutPhoto();
    expect(a).toMatchObject({
      state: 'submitted',
      channel: 'online',
      applicantName: '张晓明',
      receiptNumber: null,
    });
    expect(a.actions).toEqual(['withdraw']);
    const id = a.id;

    // The window of another place does not see it; the window of the resident's community does.
    expect((await urbanDept.get(`/api/services/applications/${id}`)).statusCode).toBe(404);
    const queue = (await worker.get('/api/services/applications?view=window')).json();
    expect(queue.map((q: { id: number }) => q.id)).toContain(id);

    expect((await act(worker, id, 'start_review')).json().state).toBe('pre_review');

    // Accepting with a material missing is refused, naming it (the registry supplies ID card and 户口簿).
    const refused = await act(worker, id, 'accept');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'services.materials_missing' });
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual(['materials.photo']);

    expect((await act(worker, id, 'request_supplement', { supplements: [] })).statusCode).toBe(400);
    const asked = (
      await act(worker, id, 'request_supplement', {
        supplements: [{ code: 'photo', note: '两张近期免冠照' }],
      })
    ).json();
    expect(asked).toMatchObject({ state: 'supplement_required' });
    expect(asked.pausedAt).not.toBeNull();

    const seen = (await resident.get(`/api/services/applications/${id}`)).json();
    expect(seen.supplements).toEqual([
      { code: 'photo', nameZh: '近期免冠证件照', nameEn: expect.any(String), note: '两张近期免冠照' },
    ]);
    expect(seen.actions).toEqual(['supply', 'withdraw']);

    const photo = await upload(resident, jpeg('photo'));
    expect(
      (await act(resident, id, 'supply', { materials: [{ code: 'photo', fileIds: [photo] }] })).json(),
    ).toMatchObject({ state: 'pre_review', pausedAt: null });

    const accepted = (await act(worker, id, 'accept')).json();
    expect(accepted.state).toBe('accepted');
    expect(accepted.receiptNumber).toMatch(/^SL\d{8}\d{6}$/);
    expect(accepted.promisedAt).not.toBeNull();
    expect(accepted.actions).toEqual(['forward', 'withdraw']);
    const receipt = await worker.get(`/api/services/applications/${id}/receipt`);
    expect(receipt.headers['content-type']).toContain('text/html');
    expect(receipt.body).toContain(accepted.receiptNumber);

    // A forwarded matter is not decided on the spot.
    expect((await act(worker, id, 'approve_on_spot')).json().error.code).toBe(
      'services.transition_not_allowed',
    );
    const forwarded = (await act(worker, id, 'forward', { handoverWay: 'in_person' })).json();
    expect(forwarded).toMatchObject({
      state: 'forwarded',
      departmentName: expect.stringContaining('民政局'),
    });
    expect(forwarded.handover).toMatchObject({ by: expect.stringContaining('周敏'), way: 'in_person' });
    expect(forwarded.handover.items).toContain('近期免冠证件照');

    const deptQueue = (await civilDept.get('/api/services/applications?view=department')).json();
    expect(deptQueue.map((q: { id: number }) => q.id)).toContain(id);
    expect((await act(civilDept, id, 'start_dept_review')).json().state).toBe('under_review');
    expect((await act(civilDept, id, 'suspend')).json().error.details[0]).toMatchObject({
      path: 'reason',
      code: 'services.reason_required',
    });
    expect((await act(civilDept, id, 'suspend', { reason: '入户核查' })).json()).toMatchObject({
      suspended: true,
      actions: ['resume'],
    });
    expect((await act(civilDept, id, 'approve')).statusCode).toBe(409);
    await act(civilDept, id, 'resume');
    expect((await act(civilDept, id, 'approve')).json().state).toBe('approved');
    expect((await act(civilDept, id, 'issue')).json().error.details[0].code).toBe('services.result_required');
    const issued = (await act(civilDept, id, 'issue', { result: '核准发放高龄津贴，每月 200 元' })).json();
    expect(issued.state).toBe('issued');

    // Only the applicant rates; a poor rating opens a follow-up case for the window's community.
    expect((await act(worker, id, 'evaluate', { rating: 'satisfied' })).json().error.code).toBe(
      'services.action_forbidden',
    );
    expect((await act(resident, id, 'withdraw')).statusCode).toBe(409);
    const rated = (
      await act(resident, id, 'evaluate', { rating: 'dissatisfied', comment: '跑了两趟' })
    ).json();
    expect(rated).toMatchObject({ state: 'evaluated', rating: 'dissatisfied', ratingComment: '跑了两趟' });
    expect(rated.followUpCase).toMatchObject({ id: expect.any(Number), state: 'dispatched' });
    const followUp = (await leader.get(`/api/cases/${rated.followUpCase.id}`)).json();
    expect(followUp.actions).toContain('accept');
    expect((await resident.get(`/api/cases/${rated.followUpCase.id}`)).statusCode).toBe(200);

    expect(rated.events.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'start_review',
      'request_supplement',
      'supply',
      'accept',
      'forward',
      'start_dept_review',
      'suspend',
      'resume',
      'approve',
      'issue',
      'evaluate',
    ]);
    // Every change told the applicant: submission and each of the eleven steps after it.
    const sent = await t.database.db.select().from(notices).where(eq(notices.kind, 'application_progress'));
    expect(sent.filter((n) => (n.params as { applicationId: number }).applicationId === id)).toHaveLength(12);
    const result = await resident.get(`/api/services/applications/${id}/result`);
    expect(result.body).toContain('每月 200 元');
  });

  it('refuses a stale version and actions of the wrong party', async () => {
    const a = await applyWithoutPhoto();
    const stale = await worker.post(`/api/services/applications/${a.id}/actions`, {
      action: 'start_review',
      version: a.version + 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('services.stale_version');
    expect((await act(resident, a.id, 'start_review')).json().error.code).toBe('services.action_forbidden');
    expect((await act(worker, a.id, 'not_accept')).json().error.details[0].code).toBe(
      'services.reason_required',
    );
    const closed = (await act(worker, a.id, 'not_accept', { reason: '不符合申领年龄' })).json();
    expect(closed).toMatchObject({ state: 'not_accepted', reason: '不符合申领年龄', actions: [] });
    expect((await act(resident, a.id, 'evaluate', { rating: 'basic' })).json().state).toBe('evaluated');
  });

  it('lets the applicant withdraw before the decision', async () => {
    const a = await applyWithoutPhoto();
    expect((await act(resident, a.id, 'withdraw')).json()).toMatchObject({ state: 'withdrawn', actions: [] });
  });
});

describe('the clock', () => {
  it('pauses while supplements are awaited: the promised date moves by the paused working days', async () => {
    const a = await applyWithoutPhoto();
    const promised = new Date(a.promisedAt);
    await act(worker, a.id, 'start_review');
    await act(worker, a.id, 'request_supplement', { supplements: [{ code: 'photo' }] });
    // The applicant took a week to come back.
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    await t.database.db
      .update(serviceApplications)
      .set({ pausedAt: weekAgo })
      .where(eq(serviceApplications.id, a.id));
    const photo = await upload(resident, jpeg('late'));
    const resumed = (
      await act(resident, a.id, 'supply', { materials: [{ code: 'photo', fileIds: [photo] }] })
    ).json();

    const overrides = await cachedOverrides(t.database.db);
    const workingDaysInWeek = [1, 2, 3, 4, 5, 6, 7].filter((back) =>
      isWorkingDay(
        new Date(Date.now() - back * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10),
        overrides,
      ),
    ).length;
    const expected = addWorkingDays(new Date(promised.getTime() - 1), workingDaysInWeek, overrides);
    expect(resumed.promisedAt).toBe(expected.toISOString());
    expect(resumed.events.at(-1)).toMatchObject({ action: 'supply' });
    expect((await act(worker, a.id, 'accept')).json().promisedAt).toBe(expected.toISOString());
  });
});

describe('at the window, with an agent', () => {
  it('requires the authorisation document, then records the agent and settles on the spot', async () => {
    const found = (await worker.get(`/api/registry/residents?q=${encodeURIComponent('张晓明')}`)).json();
    const residentId = found.items[0].id;
    const body = {
      matterId: matterId(SENIOR_CARD),
      residentId,
      materials: [{ code: 'photo', checked: true }],
      agent: { name: '张小红', relation: 'child', phone: '13900139000' },
    };
    // A department clerk is no window: it cannot record applications.
    expect(
      (await civilDept.post('/api/services/applications', { ...body, agent: undefined })).statusCode,
    ).toBe(403);
    const missing = await worker.post('/api/services/applications', body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([
      expect.objectContaining({ path: 'agent.authorisationFileId', code: 'services.authorisation_required' }),
    ]);

    const pdf = await upload(worker, Buffer.from('%PDF-1.4\n授权委托书\n%%EOF'), 'application/pdf');
    const made = await worker.post('/api/services/applications', {
      ...body,
      agent: { ...body.agent, authorisationFileId: pdf },
    });
    expect(made.statusCode).toBe(201);
    const a = made.json();
    expect(a).toMatchObject({
      state: 'pre_review',
      channel: 'window',
      agent: { name: '张小红', authorisationFileId: pdf },
    });
    expect(a.materials.every((m: { present: boolean }) => m.present)).toBe(true);
    // The authorisation is readable by the window that holds it, and by the applicant.
    expect((await resident.get(`/api/services/files/${pdf}`)).statusCode).toBe(200);
    expect((await urbanDept.get(`/api/services/files/${pdf}`)).statusCode).toBe(404);

    expect((await act(worker, a.id, 'accept')).json().actions).toEqual([
      'approve_on_spot',
      'refuse_on_spot',
      'withdraw',
    ]);
    expect((await act(worker, a.id, 'approve_on_spot')).json().state).toBe('approved');
    expect((await act(worker, a.id, 'issue', { result: '优待证编号 LD-0001' })).json().state).toBe('issued');
  });

  it('lets only the window tick a paper as checked, and refuses files that are not images or PDF', async () => {
    const res = await resident.post('/api/services/applications', {
      matterId: matterId(SENIOR_CARD),
      materials: [{ code: 'photo', checked: true }],
    });
    expect(res.json().error.details[0]).toMatchObject({
      path: 'materials.0.checked',
      code: 'services.tick_window_only',
    });
    const text = await resident.request({
      method: 'POST',
      url: '/api/services/files',
      payload: Buffer.from('hello'),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(text.statusCode).toBe(415);
  });
});
