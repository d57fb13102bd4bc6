import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid, distanceMetres, type Polygon } from '../../core/geo';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { caseEvents, cases } from '../cases/cases.schema';
import { orgNodes } from '../org/org.schema';
import { households } from '../registry/registry.schema';

let t: SeededApp;
let hotline: Client;
let provider: Client;
let leader: Client;
let street2: Client;
let providerAccountId: number;
let grid: { id: number; parentId: number; lat: number; lng: number };
const HOUR = 3_600_000;
/** Days in Asia/Shanghai. The period starts yesterday: one demand is back-dated two hours, which
 * shortly after midnight falls on the day before. */
const shanghaiDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const period = `from=${shanghaiDay(Date.now() - 24 * HOUR)}&to=${shanghaiDay(Date.now())}`;

/** A point `east`/`north` metres from the first grid's centre. */
const offset = (east: number, north: number) => ({
  lat: grid.lat + north / 111_320,
  lng: grid.lng + east / (111_320 * Math.cos((grid.lat * Math.PI) / 180)),
});

async function addProvider(
  name: string,
  categories: string[],
  at: { lat: number; lng: number },
  extra: { accountId?: number; serviceRadiusM?: number; status?: string } = {},
) {
  const created = await hotline.post('/api/hotline/providers', {
    name,
    type: 'merchant',
    categories,
    ...at,
    address: `${name}门店`,
    serviceRadiusM: extra.serviceRadiusM ?? 1500,
    hours: '9:00–18:00',
    prices: '面议',
    phone: '13912345678',
    accountId: extra.accountId ?? null,
  });
  expect(created.statusCode, created.body).toBe(200);
  const id = created.json().id;
  await hotline.post(`/api/hotline/providers/${id}/status`, {
    status: extra.status ?? 'approved',
    reason: '资质已核验',
  });
  return id;
}

async function act(c: Client, id: number, action: string, extra: object = {}) {
  const current = (await c.get(`/api/cases/${id}`)).json();
  const res = await c.post(`/api/cases/${id}/actions`, { action, version: current.version, ...extra });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
}

beforeAll(async () => {
  t = await seededApp();
  [hotline, provider, leader, street2] = await Promise.all([
    t.as('hotline'),
    t.as('provider'),
    t.as('leader'),
    t.as('street2'),
  ]);
  providerAccountId = (await provider.get('/api/auth/me')).json().account.id;
  const gridId = (await (await t.as('grid')).get('/api/auth/me')).json().roles[0].orgNodeId;
  const [node] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, gridId));
  const [lng, lat] = centroid(node!.boundary as Polygon);
  grid = { id: node!.id, parentId: node!.parentId!, lat, lng };
});
afterAll(() => t.close());

describe('hotline figures', () => {
  it('count demands by category and channel, fulfilment time, declines per provider and satisfaction', async () => {
    await addProvider('便民维修铺', ['appliance_repair', 'meals'], offset(0, 0), {
      accountId: providerAccountId,
    });
    const demand = async (category: string) =>
      (
        await hotline.post('/api/hotline/demands', {
          category,
          callerName: '王秀英',
          callerPhone: '13812345678',
          ...offset(20, 20),
          address: '2 号楼',
        })
      ).json().id;
    // A repair: declined once, then taken, served two hours after the call, rated 5.
    const d1 = await demand('appliance_repair');
    await t.database.db
      .update(cases)
      .set({ reportedAt: new Date(Date.now() - 2 * HOUR) })
      .where(eq(cases.id, d1));
    await act(hotline, d1, 'send_provider', { providerAccountId });
    await act(provider, d1, 'provider_decline', { note: '师傅今天不在' });
    await act(hotline, d1, 'send_provider', { providerAccountId });
    await act(provider, d1, 'provider_accept');
    await act(provider, d1, 'serve');
    await act(hotline, d1, 'call_back', { rating: 5 });
    // A meal: served at once, rated 3 (not satisfied).
    const d2 = await demand('meals');
    await act(hotline, d2, 'send_provider', { providerAccountId });
    await act(provider, d2, 'provider_accept');
    await act(provider, d2, 'serve');
    await act(hotline, d2, 'call_back', { rating: 3 });
    // A resident asks for housekeeping from the phone; nobody has taken it yet.
    const resident = await t.as('13800138000');
    expect(
      (
        await resident.post('/api/hotline/my-demands', {
          category: 'housekeeping',
          ...offset(0, 0),
          address: '我家',
        })
      ).statusCode,
    ).toBe(200);

    const res = await hotline.get(`/api/hotline/figures?${period}`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.total).toMatchObject({
      demands: 3,
      served: 2,
      rated: 2,
      satisfied: 1,
      satisfactionRate: 0.5,
    });
    expect(view.total.avgFulfilmentHours).toBe(1);
    expect(view.byChannel).toEqual([
      { channel: 'hotline', demands: 2 },
      { channel: 'resident', demands: 1 },
    ]);
    const byCategory = Object.fromEntries(view.byCategory.map((c: { category: string }) => [c.category, c]));
    expect(byCategory.appliance_repair).toMatchObject({
      demands: 1,
      served: 1,
      avgFulfilmentHours: 2,
      satisfactionRate: 1,
    });
    expect(byCategory.meals).toMatchObject({
      demands: 1,
      served: 1,
      avgFulfilmentHours: 0,
      satisfactionRate: 0,
    });
    expect(byCategory.housekeeping).toMatchObject({
      demands: 1,
      served: 0,
      avgFulfilmentHours: null,
      satisfactionRate: null,
    });
    expect(view.providers).toEqual([
      {
        accountId: providerAccountId,
        name: '便民维修铺',
        dispatched: 3,
        declined: 1,
        declineRate: 1 / 3,
        served: 2,
        rated: 2,
        satisfactionRate: 0.5,
      },
    ]);
    // The declines are read from the timeline, where the provider column no longer shows them.
    const declines = await t.database.db
      .select({ n: count() })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, d1), eq(caseEvents.action, 'provider_decline')));
    expect(declines[0]!.n).toBe(1);

    // The community leader sees its community's demands; another street sees none; a resident nothing.
    expect((await leader.get(`/api/hotline/figures?${period}`)).json().total.demands).toBe(3);
    const other = (await street2.get(`/api/hotline/figures?${period}`)).json();
    expect(other.total.demands).toBe(0);
    expect(other.providers).toEqual([]);
    expect((await street2.get(`/api/hotline/figures?${period}&nodeId=${grid.id}`)).statusCode).toBe(404);
    expect((await resident.get(`/api/hotline/figures?${period}`)).statusCode).toBe(403);
  });
});

describe('15-minute coverage', () => {
  it('is the share of households with an approved provider of each category within the radius', async () => {
    // The community's grids, their centres (where their households are placed) and household counts.
    const grids = await t.database.db.select().from(orgNodes).where(eq(orgNodes.parentId, grid.parentId));
    const centres = new Map(grids.map((g) => [g.id, centroid(g.boundary as Polygon)]));
    const counted = await t.database.db
      .select({ nodeId: households.orgNodeId, n: count() })
      .from(households)
      .where(inArray(households.orgNodeId, [grid.parentId, ...grids.map((g) => g.id)]))
      .groupBy(households.orgNodeId);
    const total = counted.reduce((s, c) => s + Number(c.n), 0);
    const inFirst = Number(counted.find((c) => c.nodeId === grid.id)?.n ?? 0);
    expect(inFirst).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(inFirst);
    // Radius 200 m: only the first grid's centre is that close to these providers.
    for (const [id, c] of centres)
      if (id !== grid.id) expect(distanceMetres(c, [grid.lng, grid.lat])).toBeGreaterThan(500);

    await addProvider('街角洗衣', ['laundry'], offset(100, 0));
    await addProvider('远处搬家', ['moving'], offset(0, 300));
    // Close, but serving only 100 m around itself: it does not reach the grid's centre 150 m away.
    await addProvider('小区家教', ['education'], offset(150, 0), { serviceRadiusM: 100 });
    await addProvider('暂停开锁', ['lock_repair'], offset(50, 0), { status: 'suspended' });

    const coverage = async (c: Client, query: string) => {
      const res = await c.get(`/api/hotline/coverage?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const view = await coverage(leader, 'radius=200');
    expect(view.radius).toBe(200);
    expect(view.communities).toHaveLength(1);
    const community = view.communities[0];
    expect(community).toMatchObject({ nodeId: grid.parentId, households: total, located: total });
    const share = inFirst / total;
    expect(community.shares).toMatchObject({
      laundry: share,
      // The provider of the figures test, at the grid's centre.
      appliance_repair: share,
      meals: share,
      moving: 0,
      education: 0,
      lock_repair: 0,
    });
    expect(Object.keys(community.shares)).toHaveLength(new Set(Object.keys(community.shares)).size);
    // A wider circle reaches the mover 300 m away; the default is 1.2 km.
    expect((await coverage(leader, 'radius=400')).communities[0].shares.moving).toBeGreaterThanOrEqual(share);
    expect((await coverage(leader, '')).radius).toBe(1200);

    // The hotline operator sees every community of the district; another street only its own.
    const district = await coverage(hotline, '');
    expect(district.communities.map((c: { nodeId: number }) => c.nodeId)).toContain(grid.parentId);
    const theirs = await coverage(street2, '');
    expect(theirs.communities.map((c: { nodeId: number }) => c.nodeId)).not.toContain(grid.parentId);
    expect((await street2.get(`/api/hotline/coverage?nodeId=${grid.parentId}`)).statusCode).toBe(404);
    expect((await leader.get('/api/hotline/coverage?radius=50')).json().error.details[0].path).toBe(
      'querystring.radius',
    );
  });
});
