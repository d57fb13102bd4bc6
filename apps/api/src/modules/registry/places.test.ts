import { makeCreditCode, makeResidentIdNumber } from '@linli/contract';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { accounts } from '../accounts/accounts.schema';
import { orgNodes } from '../org/org.schema';
import { residents } from './registry.schema';

let t: SeededApp;
let worker: Client;
let gridId: number;
beforeAll(async () => {
  t = await seededApp();
  worker = await t.as('worker');
  const me = (await worker.get('/api/auth/me')).json();
  const [grid] = await t.database.db
    .select()
    .from(orgNodes)
    .where(eq(orgNodes.parentId, me.roles[0].orgNodeId))
    .orderBy(orgNodes.id);
  gridId = grid!.id;
});
afterAll(() => t.close());

describe('buildings, houses and households', () => {
  it('builds a building with houses, a household living there, and shows occupants by house', async () => {
    const building = (
      await worker.post('/api/registry/buildings', {
        gridId,
        name: '9栋',
        address: '幸福路 9 号',
        floors: 6,
        units: 2,
      })
    ).json();
    const house = (
      await worker.post('/api/registry/houses', {
        buildingId: building.id,
        unitNo: '1',
        floor: 3,
        roomNo: '302',
        area: 89.5,
        use: 'residence',
        tenure: 'owner',
      })
    ).json();
    expect(house).toMatchObject({ address: '幸福路 9 号 1单元302', area: 89.5, occupants: 0 });
    const household = (
      await worker.post('/api/registry/households', {
        gridId,
        type: 'both',
        houseId: house.id,
        householdNo: 'H-0302',
      })
    ).json();
    const head = await worker.post('/api/registry/residents', {
      gridId,
      name: '林户主',
      gender: 'male',
      birthDate: '1970-01-01',
      idNumber: makeResidentIdNumber('329901', '1970-01-01', 7),
      household: { householdId: household.id, relation: 'head' },
    });
    expect(head.json()).toMatchObject({ householdId: household.id, relation: 'head', houseId: house.id });
    const view = (await worker.get(`/api/registry/households/${household.id}`)).json();
    expect(view.headId).toBe(head.json().id);
    expect(view.members.map((m: { name: string }) => m.name)).toEqual(['林户主']);
    await worker.post('/api/registry/houses', {
      buildingId: building.id,
      unitNo: '1',
      floor: 3,
      roomNo: '301',
      use: 'vacant',
    });
    expect(
      (await worker.get(`/api/registry/buildings/${building.id}/houses`))
        .json()
        .map((h: { occupants: number }) => h.occupants),
    ).toEqual([0, 1]); // rooms 301 (vacant), 302
    expect(
      (await worker.get(`/api/registry/buildings?nodeId=${gridId}`))
        .json()
        .find((b: { id: number }) => b.id === building.id).houses,
    ).toBe(2);
    expect((await worker.get(`/api/registry/houses/${house.id}`)).json().occupants[0].name).toBe('林户主');
    const street2 = await t.as('street2');
    expect((await street2.get(`/api/registry/houses/${house.id}`)).statusCode).toBe(404);
    expect((await street2.get(`/api/registry/households/${household.id}`)).statusCode).toBe(404);
  });
});

describe('resident units', () => {
  it('validates the credit code by GB 32100 and refuses duplicates', async () => {
    const code = makeCreditCode({
      authority: '9',
      category: '1',
      regionCode: '329901',
      entityBody: 'MA1B2C3D',
    });
    const bad = await worker.post('/api/registry/units', {
      gridId,
      name: '坏代码公司',
      kind: 'enterprise',
      creditCode: `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`,
    });
    expect(bad.json().error.details[0]).toMatchObject({ path: 'creditCode', code: 'creditCode.checksum' });
    const ok = await worker.post('/api/registry/units', {
      gridId,
      name: '江川幸福超市',
      kind: 'shop',
      creditCode: code,
      contactPhone: '13712345678',
      staffCount: 12,
    });
    expect(ok.json()).toMatchObject({ creditCode: code, contactPhone: '137****5678' });
    expect(
      (await worker.post('/api/registry/units', { gridId, name: '重复', kind: 'shop', creditCode: code }))
        .statusCode,
    ).toBe(409);
    expect((await worker.get('/api/registry/units?q=幸福超市')).json().items).toHaveLength(1);
  });
});

describe('a resident and their own household', () => {
  it('sees the household, asks for a correction, which the worker accepts and applies', async () => {
    // The demo city links the demo resident's login to their registry record, in a household of three.
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.kind, 'resident'));
    const [me] = await t.database.db.select().from(residents).where(eq(residents.accountId, account!.id));
    const resident = await t.as('13800138000');
    const mine = (await resident.get('/api/me/household')).json();
    expect(mine.members).toHaveLength(3);
    expect(mine.members.map((m: { id: number }) => m.id)).toContain(me!.id);
    expect(mine.members[0].idNumber).toContain('*');
    expect((await resident.get(`/api/registry/residents/${me!.id}`)).statusCode).toBe(403);
    const other = (
      await worker.post('/api/registry/residents', {
        gridId,
        name: '陌生人',
        gender: 'female',
        birthDate: '1990-01-01',
      })
    ).json();
    expect(
      (await resident.post('/api/me/corrections', { residentId: other.id, field: 'name', proposed: 'x' }))
        .statusCode,
    ).toBe(404);
    const c = (
      await resident.post('/api/me/corrections', {
        residentId: me!.id,
        field: 'actualAddress',
        proposed: '幸福路 10 号 2 栋 501',
      })
    ).json();
    const open = (await worker.get('/api/registry/corrections')).json();
    expect(open.map((x: { id: number }) => x.id)).toContain(c.id);
    expect(
      (await worker.post(`/api/registry/corrections/${c.id}/review`, { decision: 'accepted' })).json().status,
    ).toBe('accepted');
    expect((await worker.get(`/api/registry/residents/${me!.id}`)).json().actualAddress).toBe(
      '幸福路 10 号 2 栋 501',
    );
    const kinds = (await worker.get(`/api/registry/residents/${me!.id}/events`))
      .json()
      .map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('updated');
    const [{ n }] = rowsOf<{ n: number }>(
      await t.database.db.execute(
        sql`select count(*)::int n from registry_corrections where status = 'accepted'`,
      ),
    ) as [{ n: number }];
    expect(n).toBe(1);
  });
});
