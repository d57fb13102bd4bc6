import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid, type Polygon } from '../../demo-city/geometry';
import { loadDemoProviders } from '../../demo-city/providers-demo';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { orgNodes } from '../org/org.schema';
import { nearestThenBetter } from './providers';

let t: SeededApp;
let hotline: Client;
let provider: Client;
let providerAccountId: number;
let point: { lat: number; lng: number };

/** A point `east`/`north` metres from the first grid's centre. */
const offset = (east: number, north: number) => ({
  lat: point.lat + north / 111_320,
  lng: point.lng + east / (111_320 * Math.cos((point.lat * Math.PI) / 180)),
});

beforeAll(async () => {
  t = await seededApp();
  await loadDemoProviders(t.database.db, t.pii);
  [hotline, provider] = await Promise.all([t.as('hotline'), t.as('provider')]);
  providerAccountId = (await provider.get('/api/auth/me')).json().account.id;
  const gridMe = (await (await t.as('grid')).get('/api/auth/me')).json();
  const [node] = await t.database.db
    .select()
    .from(orgNodes)
    .where(eq(orgNodes.id, gridMe.roles[0].orgNodeId));
  const [lng, lat] = centroid(node!.boundary as Polygon);
  point = { lat: lat!, lng: lng! };
});
afterAll(() => t.close());

const providerBody = (name: string, categories: string[], at: { lat: number; lng: number }) => ({
  name,
  type: 'merchant',
  categories,
  ...at,
  address: `${name}门店`,
  serviceRadiusM: 1500,
  hours: '9:00–18:00',
  prices: '面议',
  phone: '13912345678',
});

async function act(c: Client, id: number, action: string, extra: object = {}) {
  const current = (await c.get(`/api/cases/${id}`)).json();
  return c.post(`/api/cases/${id}/actions`, { action, version: current.version, ...extra });
}

describe('providers', () => {
  it('are vetted with a reason, audited, their phone masked', async () => {
    const created = await hotline.post(
      '/api/hotline/providers',
      providerBody('测试洗衣店', ['laundry'], point),
    );
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ status: 'applied', phoneMasked: '139****5678', ratingCount: 0 });
    const id = created.json().id;
    const match = () =>
      hotline.get(`/api/hotline/providers/match?category=laundry&lat=${point.lat}&lng=${point.lng}`);
    expect((await match()).json()).toEqual([]);
    const approved = await hotline.post(`/api/hotline/providers/${id}/status`, {
      status: 'approved',
      reason: '营业执照已核验',
    });
    expect(approved.json()).toMatchObject({ status: 'approved', statusReason: '营业执照已核验' });
    expect((await match()).json().map((p: { id: number }) => p.id)).toEqual([id]);
    // No reason, no change.
    expect(
      (await hotline.post(`/api/hotline/providers/${id}/status`, { status: 'suspended', reason: '' }))
        .statusCode,
    ).toBe(400);
    // Only those who manage providers.
    expect((await provider.get('/api/hotline/providers')).statusCode).toBe(403);
    const audit = (await (await t.as('admin')).get('/api/admin/audit?recordType=service_provider')).json();
    expect(JSON.stringify(audit)).toContain('provider.status');
  });

  it('match within the radius, nearest first', async () => {
    const ids: Record<string, number> = {};
    for (const [name, at] of [
      ['甲搬家', offset(300, 0)],
      ['乙搬家', offset(-600, 0)],
      ['丙搬家', offset(0, 900)],
      ['丁搬家', offset(0, 1300)],
    ] as const) {
      const p = (await hotline.post('/api/hotline/providers', providerBody(name, ['moving'], at))).json();
      await hotline.post(`/api/hotline/providers/${p.id}/status`, { status: 'approved', reason: '审核通过' });
      ids[name] = p.id;
    }
    const found = (
      await hotline.get(`/api/hotline/providers/match?category=moving&lat=${point.lat}&lng=${point.lng}`)
    ).json() as Array<{ name: string; distanceM: number }>;
    expect(found.map((p) => p.name)).toEqual(['甲搬家', '乙搬家', '丙搬家']);
    expect(found[0]!.distanceM).toBeGreaterThan(290);
    expect(found[0]!.distanceM).toBeLessThan(310);
    expect(found.at(-1)).toMatchObject({ name: '丙搬家' });
    // A wider circle takes in the one 1.3 km away.
    const wide = (
      await hotline.get(
        `/api/hotline/providers/match?category=moving&lat=${point.lat}&lng=${point.lng}&radius=1400`,
      )
    ).json();
    expect(wide.at(-1)).toMatchObject({ name: '丁搬家' });
  });
});

it('at equal distance, the better rated comes first; unrated last', () => {
  const p = (name: string, distanceM: number, ratingAverage: number | null) => ({
    name,
    distanceM,
    ratingAverage,
  });
  const sorted = [p('a', 500, null), p('b', 500, 4.5), p('c', 200, 3), p('d', 500, 4.8)].sort(
    nearestThenBetter,
  );
  expect(sorted.map((x) => x.name)).toEqual(['c', 'd', 'b', 'a']);
});

describe('demands', () => {
  it('run from the call to the call-back, the rating feeding the provider’s quality record', async () => {
    const recorded = await hotline.post('/api/hotline/demands', {
      category: 'appliance_repair',
      callerName: '张桂兰',
      callerPhone: '13812345678',
      ...point,
      address: '3 号楼 2 单元 501',
      description: '洗衣机不脱水',
    });
    expect(recorded.statusCode).toBe(200);
    const demand = recorded.json();
    expect(demand).toMatchObject({
      state: 'filed',
      category: 'appliance_repair',
      callerNameMasked: '张*兰',
      callerPhoneMasked: '138****5678',
    });
    const matched = (
      await hotline.get(
        `/api/hotline/providers/match?category=appliance_repair&lat=${point.lat}&lng=${point.lng}`,
      )
    ).json() as Array<{ name: string; accountId: number | null; distanceM: number }>;
    // The suspended 鑫源水电 and the far 远郊家电服务站 are not offered.
    expect(matched.map((p) => p.name)).toEqual(['惠民家政服务中心', '快修家电维修部']);

    // Suspend the provider: send_provider is refused on the field, then allowed again once approved.
    const own = (await hotline.get('/api/hotline/providers?q=惠民')).json()[0];
    await hotline.post(`/api/hotline/providers/${own.id}/status`, {
      status: 'suspended',
      reason: '核查投诉',
    });
    const refused = await act(hotline, demand.id, 'send_provider', { providerAccountId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({
      path: 'providerAccountId',
      code: 'hotline.provider_not_eligible',
    });
    await hotline.post(`/api/hotline/providers/${own.id}/status`, { status: 'approved', reason: '投诉不实' });

    expect((await act(hotline, demand.id, 'send_provider', { providerAccountId })).json().state).toBe(
      'dispatched',
    );
    // The provider sees its job in its own list.
    const jobs = (await provider.get('/api/hotline/demands')).json();
    expect(jobs).toEqual([
      expect.objectContaining({ id: demand.id, state: 'dispatched', providerName: '惠民家政服务中心' }),
    ]);
    expect((await act(provider, demand.id, 'provider_accept')).json().state).toBe('in_progress');
    expect((await act(provider, demand.id, 'serve', { note: '已更换排水泵' })).json().state).toBe('handled');
    expect((await act(hotline, demand.id, 'call_back', { rating: 4 })).json().state).toBe('evaluated');
    const after = (await hotline.get(`/api/hotline/providers/${own.id}`)).json();
    expect(after).toMatchObject({ ratingAverage: 4, ratingCount: 1, servedCount: 1 });
  });

  it('refuse a provider of another category', async () => {
    const demand = (
      await hotline.post('/api/hotline/demands', {
        category: 'meals',
        callerName: '李大爷',
        callerPhone: '13812340000',
        ...point,
        address: '5 号楼',
      })
    ).json();
    const res = await act(hotline, demand.id, 'send_provider', { providerAccountId });
    expect(res.json().error.details[0].code).toBe('hotline.provider_not_eligible');
  });

  it('a resident files one from the phone, in their own name', async () => {
    const resident = await t.as('13800138000');
    const res = await resident.post('/api/hotline/my-demands', {
      category: 'housekeeping',
      ...point,
      address: '我家',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ channel: 'resident', callerPhoneMasked: '138****8000' });
    expect((await resident.get('/api/hotline/demands')).json().map((d: { id: number }) => d.id)).toEqual([
      res.json().id,
    ]);
    // Residents do not record calls for others.
    expect(
      (
        await resident.post('/api/hotline/demands', {
          category: 'meals',
          callerName: '王',
          callerPhone: '13812340000',
          ...point,
          address: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });
});
