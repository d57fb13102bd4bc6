import { makeResidentIdNumber } from '@linli/contract';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { orgNodes } from '../org/org.schema';
import { residents } from './registry.schema';

let t: SeededApp;
let worker: Client; // community worker of the first community
let grids: { id: number; code: string; parentId: number | null }[];
let myGrid: number;
let otherStreetGrid: number;

beforeAll(async () => {
  t = await seededApp();
  worker = await t.as('worker');
  const me = (await worker.get('/api/auth/me')).json();
  const community = me.roles[0].orgNodeId as number;
  grids = await t.database.db.select().from(orgNodes).where(eq(orgNodes.level, 'grid')).orderBy(orgNodes.id);
  myGrid = grids.find((g) => g.parentId === community)!.id;
  const street2 = (await (await t.as('street2')).get('/api/org/roots')).json()[0].path as string | undefined;
  const all = await t.database.db.select().from(orgNodes);
  const s2 =
    all.find((n) => n.level === 'street' && n.id === (street2 ? Number(street2) : NaN)) ??
    all.filter((n) => n.level === 'street')[1]!;
  otherStreetGrid = all.find((n) => n.level === 'grid' && n.path.startsWith(s2.path))!.id;
});
afterAll(() => t.close());

let serial = 100;
function person(overrides: Record<string, unknown> = {}) {
  serial += 2;
  const birthDate = (overrides.birthDate as string) ?? '1985-03-14';
  const gender = (overrides.gender as string) ?? 'male';
  return {
    gridId: myGrid,
    name: '张三丰',
    gender,
    birthDate,
    // The sequence's parity carries the gender (odd: male), as GB 11643 says.
    idNumber: makeResidentIdNumber('329901', birthDate, gender === 'male' ? serial + 1 : serial),
    phone: '139 1234 5678',
    ...overrides,
  };
}

async function count(): Promise<number> {
  return rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int n from residents`))[0]!.n;
}

describe('registering residents', () => {
  it('stores ID numbers and phones encrypted, shows them masked, and records history and audit', async () => {
    const body = person({
      name: '李秀英',
      gender: 'female',
      idNumber: makeResidentIdNumber('329901', '1985-03-14', 2),
    });
    const res = await worker.post('/api/registry/residents', body);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.idNumber).toMatch(/^329\*{11}\d{3}[\dX]$/);
    expect(r.phone).toBe('139****5678');
    const [row] = await t.database.db.select().from(residents).where(eq(residents.id, r.id));
    expect(row!.idNumberEnc).not.toContain(body.idNumber);
    expect(row!.phoneEnc).not.toContain('13912345678');
    const events = (await worker.get(`/api/registry/residents/${r.id}/events`)).json();
    expect(events[0].kind).toBe('created');
    const admin = await t.as('admin');
    const audit = (await admin.get(`/api/admin/audit?recordType=resident&recordId=${r.id}`)).json();
    expect(audit.items[0].action).toBe('resident.create');
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const before = await count();
    const good = person();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { idNumber: `${good.idNumber.slice(0, 17)}${good.idNumber.endsWith('0') ? '1' : '0'}` },
        'idNumber',
        'id.checksum',
      ],
      [{ birthDate: '1990-01-01' }, 'birthDate', 'registry.birth_mismatch'],
      [{ gender: 'female' }, 'gender', 'registry.gender_mismatch'],
      [{ phone: '12345' }, 'phone', 'mobile.format'],
      [{ birthDate: '2999-01-01', idNumber: undefined }, 'birthDate', 'id.future'],
      [{ gridId: otherStreetGrid }, 'gridId', 'registry.grid_not_found'],
      [{ extra: 'x' }, 'extra', 'unrecognized_key'],
      [{ name: 'x'.repeat(40) }, 'name', 'too_big.string'],
    ];
    for (const [patch, path, code] of cases) {
      const res = await worker.post('/api/registry/residents', { ...good, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(
        res.json().error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`),
      ).toContain(`${path}:${code}`);
    }
    expect(await count()).toBe(before);
  });

  it('accepts Hong Kong/Macau/Taiwan residence permits and foreign permanent-resident numbers', async () => {
    const permit = makeResidentIdNumber('810000', '1990-07-01', 11);
    const res = await worker.post(
      '/api/registry/residents',
      person({ name: '陈大文', birthDate: '1990-07-01', idNumber: permit }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().idDocType).toBe('residence_permit');
  });

  it('refuses a duplicate ID number with a pointer inside scope and a neutral message outside', async () => {
    const first = (await worker.post('/api/registry/residents', person({ name: '王重复' }))).json();
    const [row] = await t.database.db.select().from(residents).where(eq(residents.id, first.id));
    const idNumber = t.pii.decrypt(row!.idNumberEnc!);
    const again = await worker.post('/api/registry/residents', person({ name: '王重复', idNumber }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0]).toMatchObject({
      path: 'idNumber',
      code: 'registry.id_duplicate',
      ref: { type: 'resident', id: first.id },
    });
    // A community worker elsewhere cannot see the first record: the answer names no record.
    const otherWorker = await otherStreetWriter();
    const elsewhere = await otherWorker.post(
      '/api/registry/residents',
      person({ gridId: otherStreetGrid, name: '王重复', idNumber }),
    );
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error.details[0]).toEqual(
      expect.objectContaining({ code: 'registry.id_elsewhere' }),
    );
    expect(elsewhere.json().error.details[0].ref).toBeUndefined();
  });
});

/** A grid worker account on a grid of the second street, created through the admin API. */
async function otherStreetWriter(): Promise<Client> {
  const admin = await t.as('admin');
  const created = (
    await admin.post('/api/admin/accounts', {
      kind: 'staff',
      username: `gw.${serial}`,
      displayName: '外街网格员',
      password: 'Harbour-lantern-93',
    })
  ).json();
  await admin.post(`/api/admin/accounts/${created.account.id}/roles`, {
    role: 'grid_worker',
    orgNodeId: otherStreetGrid,
  });
  const c = t.client();
  await c.login(`gw.${serial}`, 'Harbour-lantern-93');
  await c.post('/api/auth/password', {
    currentPassword: 'Harbour-lantern-93',
    newPassword: 'Harbour-lantern-94',
  });
  return c;
}

describe('search', () => {
  let id: number;
  let idNumber: string;
  beforeAll(async () => {
    const r = (
      await worker.post(
        '/api/registry/residents',
        person({ name: '赵小燕', gender: 'female', phone: '13612345678', actualAddress: '幸福路 8 号 3 栋' }),
      )
    ).json();
    id = r.id;
    const [row] = await t.database.db.select().from(residents).where(eq(residents.id, id));
    idNumber = t.pii.decrypt(row!.idNumberEnc!);
  });
  const find = async (query: string) =>
    ((await worker.get(`/api/registry/residents?${query}`)).json().items as { id: number }[]).map(
      (r) => r.id,
    );

  it('finds by name prefix, infix, pinyin, initials, exact ID number, phone and address', async () => {
    for (const q of [
      '赵小',
      '小燕',
      'zhaox',
      'zxy',
      'xiaoyan',
      encodeURIComponent(idNumber),
      '136-1234-5678',
    ]) {
      expect(await find(`q=${encodeURIComponent(q)}`), q).toContain(id);
    }
    expect(await find(`address=${encodeURIComponent('幸福路')}`)).toContain(id);
    expect(await find(`q=zzzzz`)).not.toContain(id);
  });

  it('combines filters, counts, and pages with a cursor', async () => {
    expect(await find(`q=zxy&gender=male`)).not.toContain(id);
    expect(await find(`q=zxy&gender=female&ageMin=30&ageMax=50`)).toContain(id);
    const page = (await worker.get('/api/registry/residents?limit=2&sort=name')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const next = (
      await worker.get(`/api/registry/residents?limit=2&sort=name&cursor=${page.nextCursor}`)
    ).json();
    expect(next.items[0].id).not.toBe(page.items[0].id);
  });

  it("never returns residents outside the actor's scope", async () => {
    const outsider = await otherStreetWriter();
    const ids = (
      (await outsider.get('/api/registry/residents?limit=200')).json().items as { id: number }[]
    ).map((r) => r.id);
    expect(ids).not.toContain(id);
    expect((await outsider.get(`/api/registry/residents?q=${idNumber}`)).json().items).toEqual([]);
    expect((await outsider.get(`/api/registry/residents/${id}`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/registry/residents/${id}`, { name: '改' })).statusCode).toBe(404);
    const admin = await t.as('admin');
    expect((await admin.get('/api/registry/residents')).statusCode).toBe(403);
  });
});

describe('privacy', () => {
  it('reveals an ID number only with pii.reveal and a reason, and audits the reason', async () => {
    const r = (await worker.post('/api/registry/residents', person({ name: '钱多多' }))).json();
    const noReason = await worker.post(`/api/registry/residents/${r.id}/reveal`, {
      field: 'idNumber',
      reason: 'x',
    });
    expect(noReason.statusCode).toBe(400);
    const res = await worker.post(`/api/registry/residents/${r.id}/reveal`, {
      field: 'idNumber',
      reason: '核对低保申请材料',
    });
    expect(res.json().value).toMatch(/^329901\d{11}[\dX]$/);
    const street = await t.as('street'); // reads the registry, holds no pii.reveal
    expect(
      (
        await street.post(`/api/registry/residents/${r.id}/reveal`, {
          field: 'idNumber',
          reason: '核对低保申请材料',
        })
      ).statusCode,
    ).toBe(404);
    const admin = await t.as('admin');
    const audit = (await admin.get(`/api/admin/audit?action=pii.reveal&recordId=${r.id}`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].reason).toBe('核对低保申请材料');
  });

  it('shows children under 14 and care tags only to roles that need them', async () => {
    const child = (
      await worker.post(
        '/api/registry/residents',
        person({
          name: '孙小宝',
          birthDate: '2020-06-01',
          idNumber: makeResidentIdNumber('329901', '2020-06-01', 301),
          phone: undefined,
        }),
      )
    ).json();
    expect(child.under14).toBe(true);
    const adult = (await worker.post('/api/registry/residents', person({ name: '周残疾' }))).json();
    await worker.post(`/api/registry/residents/${adult.id}/tags`, {
      tag: 'disabled',
      detail: '肢体 三级',
      source: '残联',
    });
    await worker.post(`/api/registry/residents/${adult.id}/tags`, {
      tag: 'veteran',
      source: '退役军人事务局',
    });
    const street = await t.as('street');
    expect((await street.get(`/api/registry/residents/${child.id}`)).statusCode).toBe(404);
    const seen = (await street.get(`/api/registry/residents/${adult.id}`)).json();
    expect(seen.tags).toContain('veteran');
    expect(seen.tags).not.toContain('disabled');
    expect((await street.get('/api/registry/residents?tag=disabled')).json().items).toEqual([]);
    const full = (await worker.get(`/api/registry/residents/${adult.id}`)).json();
    expect(full.tagRecords.find((x: { tag: string }) => x.tag === 'disabled').detail).toBe('肢体 三级');
    expect(
      ((await worker.get('/api/registry/residents?tag=disabled')).json().items as { id: number }[]).map(
        (x) => x.id,
      ),
    ).toContain(adult.id);
  });
});

describe('life events', () => {
  it('moves a person to another grid (history stays), moves out, and records a death', async () => {
    const r = (await worker.post('/api/registry/residents', person({ name: '吴迁移' }))).json();
    const community = grids.find((g) => g.id === myGrid)!.parentId;
    const sibling = grids.find((g) => g.parentId === community && g.id !== myGrid)!;
    const moved = await worker.post(`/api/registry/residents/${r.id}/move`, {
      gridId: sibling.id,
      movedOn: '2026-11-01',
    });
    expect(moved.json().gridId).toBe(sibling.id);
    const out = await worker.post(`/api/registry/residents/${r.id}/move-out`, {
      movedOn: '2026-11-10',
      destination: '外市',
    });
    expect(out.json().status).toBe('moved_out');
    expect(
      (await worker.post(`/api/registry/residents/${r.id}/move`, { gridId: myGrid, movedOn: '2026-11-11' }))
        .statusCode,
    ).toBe(409);
    const kinds = (await worker.get(`/api/registry/residents/${r.id}/events`))
      .json()
      .map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['created', 'moved', 'moved_out']);
    const d = (
      await worker.post(
        '/api/registry/residents',
        person({
          name: '郑故去',
          birthDate: '1930-01-01',
          idNumber: makeResidentIdNumber('329901', '1930-01-01', 401),
        }),
      )
    ).json();
    expect(
      (await worker.post(`/api/registry/residents/${d.id}/death`, { diedOn: '2026-11-15' })).json().status,
    ).toBe('deceased');
  });

  it('registers a floating resident in one step and lists registrations about to expire', async () => {
    const res = await worker.post('/api/registry/floating', {
      resident: person({
        name: '马流动',
        birthDate: '1995-02-02',
        idNumber: makeResidentIdNumber('420102', '1995-02-02', 501),
      }),
      floating: {
        arrivedOn: '2026-11-01',
        origin: '湖北省武汉市',
        reason: 'work',
        expectedUntil: '2026-11-30',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ residenceType: 'floating', floating: { origin: '湖北省武汉市' } });
    const expiring = (await worker.get('/api/registry/floating/expiring?days=30')).json();
    expect(expiring.map((e: { residentId: number }) => e.residentId)).toContain(res.json().id);
  });
});
