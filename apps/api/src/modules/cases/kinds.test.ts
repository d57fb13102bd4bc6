import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid, type Polygon } from '../../demo-city/geometry';
import { loadDemoProviders } from '../../demo-city/providers-demo';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { orgNodes } from '../org/org.schema';
import { openDemand, openFollowUpCase } from './cases.service';

let t: SeededApp;
let leader: Client;
let grid: Client;
let street: Client;
let resident: Client;
let point: { lat: number; lng: number };
let categoryId: number;

beforeAll(async () => {
  t = await seededApp();
  // The hotline's provider rule is live in every app: the demo `provider` account needs its record.
  await loadDemoProviders(t.database.db, t.pii);
  [leader, grid, street, resident] = await Promise.all([
    t.as('leader'),
    t.as('grid'),
    t.as('street'),
    t.as('13800138000'),
  ]);
  const me = (await grid.get('/api/auth/me')).json();
  const [node] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, me.roles[0].orgNodeId));
  const [lng, lat] = centroid(node!.boundary as Polygon);
  point = { lat: lat!, lng: lng! };
  categoryId = (await grid.get('/api/cases/categories'))
    .json()
    .find((c: { code: string }) => c.code === 'G01').id;
});
afterAll(() => t.close());

async function act(c: Client, id: number, action: string, extra: object = {}) {
  const current = (await c.get(`/api/cases/${id}`)).json();
  return c.post(`/api/cases/${id}/actions`, { action, version: current.version, ...extra });
}

describe('disputes and petitions', () => {
  it('records mediation sessions and an agreement, printable as a document', async () => {
    const parties = [
      { name: '王某', role: '楼上住户' },
      { name: '李某', role: '楼下住户' },
    ];
    const d = (
      await leader.post('/api/cases', {
        kind: 'dispute',
        title: '楼上漏水引发邻里纠纷',
        description: '卫生间漏水',
        ...point,
        parties,
      })
    ).json();
    expect(d.kind).toBe('dispute');
    await act(street, d.id, 'file', { categoryId });
    const leaderNode = (await leader.get('/api/auth/me')).json().roles[0].orgNodeId;
    await act(street, d.id, 'dispatch', { assigneeNodeId: leaderNode });
    const session = {
      heldAt: '2026-11-20T10:00:00+08:00',
      participants: ['王某', '李某', '刘书记'],
      summary: '双方陈述',
      outcome: 'adjourned',
    };
    expect((await leader.post(`/api/cases/${d.id}/mediation-sessions`, session)).statusCode).toBe(200);
    const missing = await leader.post(`/api/cases/${d.id}/mediation-sessions`, {
      ...session,
      outcome: 'agreed',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('agreement');
    const agreed = await leader.post(`/api/cases/${d.id}/mediation-sessions`, {
      ...session,
      heldAt: '2026-11-21T10:00:00+08:00',
      outcome: 'agreed',
      agreement: { terms: '王某负责维修防水层并赔偿李某 800 元。', signedBy: ['王某', '李某'] },
    });
    expect(agreed.statusCode).toBe(200);
    const actions = agreed.json().timeline.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'mediation_session')).toHaveLength(2);
    expect(actions).toContain('mediation_agreement');
    const doc = await leader.get(`/api/cases/${d.id}/agreement`);
    expect(doc.headers['content-type']).toContain('text/html');
    expect(doc.body).toContain('人民调解协议书');
    expect(doc.body).toContain('王某负责维修防水层');
    // Not a dispute: no mediation.
    const e = (await grid.post('/api/cases', { title: '普通事件', ...point })).json();
    expect((await leader.post(`/api/cases/${e.id}/mediation-sessions`, session)).statusCode).toBe(409);
    // Out of scope: not found.
    const other = await t.as('street2');
    expect((await other.get(`/api/cases/${d.id}/agreement`)).statusCode).toBe(404);
  });

  it('files a petition on behalf of a resident, transfers it to 信访 and records the reply the resident sees', async () => {
    const p = (
      await leader.post('/api/cases', { kind: 'petition', title: '代理信访：拆迁补偿', ...point })
    ).json();
    await act(street, p.id, 'file', { categoryId });
    const moved = (
      await act(street, p.id, 'transfer', { externalSystem: 'petition', externalId: 'XF-2026-0012' })
    ).json();
    expect(moved).toMatchObject({ state: 'transferred', stateType: 'closed', externalId: 'XF-2026-0012' });
    const reply = await leader.post(`/api/cases/${p.id}/external-reply`, {
      receivedAt: '2026-11-21T09:00:00+08:00',
      note: '已转区征收办，30 日内答复。',
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().timeline.at(-1)).toMatchObject({ action: 'external_reply', public: true });
    expect(
      (
        await resident.post(`/api/cases/${p.id}/external-reply`, {
          receivedAt: '2026-11-21T09:00:00+08:00',
          note: 'x',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('opens a follow-up in the hands of the community leader, due in one working day, followed by the resident', async () => {
    const residentMe = (await resident.get('/api/auth/me')).json();
    const leaderMe = (await leader.get('/api/auth/me')).json();
    const id = await t.database.db.transaction((tx) =>
      openFollowUpCase(tx, {
        reporterAccountId: residentMe.account.id,
        reporterName: residentMe.account.displayName,
        title: '服务评价不满意：高龄津贴申请',
        description: '办理太慢',
        orgNodeId: residentMe.roles[0].orgNodeId,
        assigneeNodeId: leaderMe.roles[0].orgNodeId,
        dueHours: 8,
        source: { applicationId: 1 },
      }),
    );
    const assigned = (await leader.get('/api/cases?view=assigned'))
      .json()
      .items.map((c: { id: number }) => c.id);
    expect(assigned).toContain(id);
    const view = (await leader.get(`/api/cases/${id}`)).json();
    expect(view).toMatchObject({ kind: 'complaint', state: 'dispatched', channel: 'system' });
    expect(view.actions).toEqual(expect.arrayContaining(['accept', 'return']));
    expect(
      (await resident.get('/api/cases?view=reported')).json().items.map((c: { id: number }) => c.id),
    ).toContain(id);
    const notices = (await leader.get('/api/notices?unread=true')).json().items;
    expect(
      notices.some(
        (n: { kind: string; params: { caseId: number } }) =>
          n.kind === 'case_assigned' && n.params.caseId === id,
      ),
    ).toBe(true);
  });

  it('runs a hotline demand: received, sent to a provider, declined, sent again, accepted, served, called back', async () => {
    const hotline = await t.as('hotline');
    const provider = await t.as('provider');
    const providerId = (await provider.get('/api/auth/me')).json().account.id;
    const operatorMe = (await hotline.get('/api/auth/me')).json();
    const residentMe = (await resident.get('/api/auth/me')).json();
    const id = await t.database.db.transaction((tx) =>
      openDemand(tx, {
        title: '家电维修：洗衣机不脱水',
        description: '上门维修',
        orgNodeId: residentMe.roles[0].orgNodeId,
        lat: point.lat,
        lng: point.lng,
        address: null,
        reporterAccountId: operatorMe.account.id,
        reporterName: operatorMe.account.displayName,
        channel: 'hotline',
        details: { serviceCategory: 'appliance_repair' },
        urgency: 'normal',
      }),
    );
    const act2 = async (c: Client, action: string, extra: object = {}) => {
      const current = (await c.get(`/api/cases/${id}`)).json();
      return c.post(`/api/cases/${id}/actions`, { action, version: current.version, ...extra });
    };
    expect((await hotline.get(`/api/cases/${id}`)).json()).toMatchObject({
      kind: 'hotline',
      state: 'filed',
      actions: expect.arrayContaining(['send_provider']),
    });
    // Not yet theirs: the provider does not see it.
    expect((await provider.get(`/api/cases/${id}`)).statusCode).toBe(404);
    expect((await act2(hotline, 'send_provider', { providerAccountId: providerId })).json().state).toBe(
      'dispatched',
    );
    expect((await act2(provider, 'provider_decline', { note: '今日排满' })).json()).toMatchObject({
      state: 'filed',
      providerAccountId: null,
    });
    await act2(hotline, 'send_provider', { providerAccountId: providerId });
    expect((await act2(provider, 'provider_accept')).json().state).toBe('in_progress');
    // Only the provider it was sent to serves it.
    expect((await act2(hotline, 'serve')).statusCode).toBe(403);
    expect((await act2(provider, 'serve', { note: '已更换排水泵' })).json().state).toBe('handled');
    const done = (await act2(hotline, 'call_back', { rating: 5, note: '居民很满意' })).json();
    expect(done).toMatchObject({ state: 'evaluated', stateType: 'closed', rating: 5 });
    expect(done.closedAt).not.toBeNull();
    // The grid's own worker sees the demand, but the grid-event actions do not apply to it.
    expect((await act2(grid, 'check_pass')).statusCode).toBe(409);
  });
});
