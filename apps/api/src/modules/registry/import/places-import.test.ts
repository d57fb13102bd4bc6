import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeResidentIdNumber, XLSX_MIME } from '@linli/contract';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../db/client';
import { type SeededApp, seededApp } from '../../../test/fixtures';
import type { Client } from '../../../test/harness';
import { orgNodes } from '../../org/org.schema';
import { buildings, households, houses, residentEvents, residents } from '../registry.schema';

/** The house and household kinds of the registry import: same pipeline, their own rows and checks. */

let t: SeededApp;
let worker: Client; // community worker of the first community
let admin: Client;
let dataDir: string;
let myGrid: { id: number; code: string; name: string };
let myGrid2: { id: number; code: string; name: string };
let otherGrid: { id: number; code: string }; // a grid of another community

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linli-places-import-'));
  t = await seededApp({ dataDir });
  worker = await t.as('worker');
  admin = await t.as('admin');
  const me = (await worker.get('/api/auth/me')).json();
  const all = await t.database.db.select().from(orgNodes).orderBy(orgNodes.id);
  const community = all.find((n) => n.id === me.roles[0].orgNodeId)!;
  const mine = all.filter((n) => n.level === 'grid' && n.parentId === community.id);
  myGrid = mine[0]!;
  myGrid2 = mine[1]!;
  otherGrid = all.find((n) => n.level === 'grid' && n.parentId !== community.id)!;
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const csvOf = (rows: (string | number)[][]) =>
  `${rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : v)).join(',')).join('\r\n')}\r\n`;

async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(c: Client, body: string | Buffer, name: string, kind: string, nodeId?: number) {
  const query = new URLSearchParams({ kind, ...(nodeId ? { nodeId: String(nodeId) } : {}) });
  return c.request({
    method: 'POST',
    url: `/api/registry/imports?${query}`,
    payload: body,
    headers: {
      'content-type': name.endsWith('.xlsx') ? XLSX_MIME : 'text/csv',
      'x-file-name': encodeURIComponent(name),
    },
  });
}

type Issue = { row: number; column: string | null; field: string | null; code: string; message: string };
const issueKeys = (issues: Issue[]) => issues.map((i) => `${i.row}:${i.column}:${i.code}`);

/** Upload, check; returns the checked import. */
async function check(c: Client, body: string | Buffer, name: string, kind: string, nodeId?: number) {
  const up = await upload(c, body, name, kind, nodeId);
  expect(up.statusCode, up.body).toBe(200);
  const v = await c.post(`/api/registry/imports/${up.json().id}/validate`);
  expect(v.statusCode, v.body).toBe(200);
  return v.json();
}

async function count(table: 'houses' | 'buildings' | 'households'): Promise<number> {
  const q = sql.raw(`select count(*)::int n from ${table}`);
  return rowsOf<{ n: number }>(await t.database.db.execute(q))[0]!.n;
}

async function auditActions(importId: number): Promise<string[]> {
  const audit = (await admin.get(`/api/admin/audit?recordType=registry_import&recordId=${importId}`)).json();
  return audit.items.map((a: { action: string }) => a.action);
}

describe('importing houses', () => {
  const HEADER = ['网格编码', '楼栋', '单元', '房号', '楼层', '面积', '用途', '产权'];

  it('commits a good CSV: buildings made once, houses with their addresses, one audit entry', async () => {
    // An existing building takes the file's houses instead of a second "2栋".
    const existing = (
      await worker.post('/api/registry/buildings', { gridId: myGrid.id, name: '2栋', address: '和平路 2 号' })
    ).json();
    const [b0, h0] = [await count('buildings'), await count('houses')];
    const rows = [
      HEADER,
      [myGrid.code, '2栋', '1', '101', 1, '89.5', '住宅', '自有'],
      [myGrid.code, '2 栋', '1单元', '102', '1层', '76㎡', '空置', ''],
      [myGrid2.code, '10栋', '', '商铺1', '', '', '商铺', '租住'],
    ];
    const v = await check(worker, csvOf(rows), '房屋.csv', 'houses');
    expect(v.kind).toBe('houses');
    expect(v.mapping).toEqual(['grid', 'building', 'unitNo', 'roomNo', 'floor', 'area', 'use', 'tenure']);
    expect(v.issues).toEqual([]);
    const done = await worker.post(`/api/registry/imports/${v.id}/commit`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'committed',
      created: { residents: 0, buildingsCreated: 1, housesCreated: 3 },
    });
    expect([await count('buildings'), await count('houses')]).toEqual([b0 + 1, h0 + 3]);
    const inTwo = await t.database.db
      .select()
      .from(houses)
      .where(eq(houses.buildingId, existing.id))
      .orderBy(houses.id);
    expect(inTwo.map((h) => [h.unitNo, h.roomNo, h.floor, h.area, h.use, h.tenure, h.address])).toEqual([
      ['1', '101', 1, 8950, 'residence', 'owner', '和平路 2 号 1单元101'],
      ['1', '102', 1, 7600, 'vacant', null, '和平路 2 号 1单元102'],
    ]);
    const [ten] = await t.database.db
      .select()
      .from(buildings)
      .where(and(eq(buildings.name, '10栋'), eq(buildings.orgNodeId, myGrid2.id)));
    const [shop] = await t.database.db.select().from(houses).where(eq(houses.buildingId, ten!.id));
    expect(shop).toMatchObject({ orgNodeId: myGrid2.id, roomNo: '商铺1', use: 'shop', tenure: 'tenant' });
    expect(await auditActions(v.id)).toEqual(
      expect.arrayContaining(['registry.import.upload', 'registry.import']),
    );
    // The house view lists them (the resident import can now name "和平路 2 号 1单元101").
    const listed = (await worker.get(`/api/registry/buildings/${existing.id}/houses`)).json();
    expect(listed.map((h: { roomNo: string }) => h.roomNo)).toEqual(['101', '102']);
  });

  it('a bad XLSX writes nothing and reports each problem at its row and column', async () => {
    const [b0, h0] = [await count('buildings'), await count('houses')];
    const rows = [
      [...HEADER, '备注'],
      [myGrid.code, '5栋', '1', '101', 3, 90, '住宅', '自有'], // good on its own
      [myGrid.code, '5栋', '1', '', 3, 90, '住宅', ''], // no room
      [myGrid.code, '5栋', '1', '103', 300, '八十', '住宅', ''], // floor and area
      [myGrid.code, '5栋', '1', '104', 3, -5, '仓库', '借住'], // area, use, tenure
      [myGrid.code, '5栋', '1单元', '101室', 3, 90, '住宅', ''], // same house as row 2
      [myGrid.code, '2栋', '1', '101', 1, 89.5, '住宅', ''], // stored by the last test
      [otherGrid.code, '9栋', '1', '101', 1, 60, '住宅', ''], // another community's grid
      [myGrid.code, '5栋', '2', '201', 2, 60, '', '', '这一列没人认识'], // no use; unknown column
    ];
    const v = await check(worker, await xlsxOf(rows), '房屋.xlsx', 'houses');
    expect(v.format).toBe('xlsx');
    expect(issueKeys(v.issues)).toEqual([
      '1:备注:registry.import.unknown_column',
      '3:房号:required',
      '4:楼层:registry.import.floor',
      '4:面积:registry.import.area',
      '5:面积:registry.import.area',
      '5:用途:registry.import.enum',
      '5:产权:registry.import.enum',
      '6:房号:registry.import.house_repeated',
      '7:房号:registry.import.house_exists',
      '8:网格编码:registry.grid_not_found',
      '9:用途:required',
    ]);
    const at = (row: number, column: string) =>
      v.issues.find((i: Issue) => i.row === row && i.column === column)!;
    expect(at(3, '房号')).toMatchObject({ field: '房号', message: '必填' });
    expect(at(4, '楼层').message).toBe('楼层应为 -5 到 200 之间的整数');
    expect(at(5, '用途').message).toBe('“仓库”不是可选的值，可填：住宅、商铺、办公、空置');
    expect(at(6, '房号').message).toBe('与文件第 2 行是同一套房屋（楼栋、单元、房号都相同）');
    expect(at(7, '房号').message).toContain(myGrid.name);
    const commit = await worker.post(`/api/registry/imports/${v.id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect([await count('buildings'), await count('houses')]).toEqual([b0, h0]);
    // The same problems in the downloadable report, in Chinese.
    const report = await worker.get(`/api/registry/imports/${v.id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + v.issues.length);
    expect(sheet.getRow(5).values).toEqual([undefined, 4, '面积', '面积', '八十', at(4, '面积').message]);
  });

  it('checks the mapping against the kind: required fields, and fields of another kind', async () => {
    const up = (
      await upload(
        worker,
        csvOf([
          ['楼栋', '姓名'],
          ['1栋', '张三'],
        ]),
        'm.csv',
        'houses',
        myGrid.id,
      )
    ).json();
    expect(up.mapping).toEqual(['building', null]);
    const bad = await worker.put(`/api/registry/imports/${up.id}/mapping`, { columns: ['building', 'name'] });
    expect(bad.statusCode).toBe(400);
    expect(
      bad.json().error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`),
    ).toEqual([
      'columns.1:registry.import.field_kind',
      'columns:registry.import.field_missing',
      'columns:registry.import.field_missing',
    ]);
  });
});

describe('importing households', () => {
  let n = 500;
  const idFor = (birthDate: string) => {
    n += 2;
    return makeResidentIdNumber('329901', birthDate, n + 1);
  };
  const register = async (gridId: number, name: string, idNumber: string, birthDate: string) => {
    const res = await worker.post('/api/registry/residents', {
      gridId,
      name,
      gender: 'male',
      birthDate,
      idNumber,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as number;
  };
  const HEADER = ['网格编码', '户号', '户类型', '户主身份证号', '家庭住址', '房屋'];

  it('commits a good XLSX: households with their heads as first members, history, audit', async () => {
    const headA = idFor('1961-04-01');
    const headB = idFor('1962-04-01');
    const a = await register(myGrid.id, '钱户主', headA, '1961-04-01');
    const b = await register(myGrid2.id, '赵户主', headB, '1962-04-01');
    const building = (
      await worker.post('/api/registry/buildings', { gridId: myGrid.id, name: '7栋', address: '安康路 7 号' })
    ).json();
    const house = (
      await worker.post('/api/registry/houses', {
        buildingId: building.id,
        unitNo: '1',
        roomNo: '601',
        use: 'residence',
      })
    ).json();
    const before = await count('households');
    const rows = [
      HEADER,
      [myGrid.code, 'HH-001', '人户一致', headA, '', '安康路7号1单元601'],
      [myGrid2.code, 'HH-002', '居住户', headB, '安康路 9 号', ''],
    ];
    const v = await check(worker, await xlsxOf(rows), '家庭户.xlsx', 'households');
    expect(v.mapping).toEqual(['grid', 'householdNo', 'householdType', 'headIdNumber', 'address', 'house']);
    // The preview masks the heads' numbers as it does residents'.
    expect(v.preview[0][3]).toMatch(/^329\*+/);
    expect(v.issues).toEqual([]);
    const done = await worker.post(`/api/registry/imports/${v.id}/commit`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().created).toMatchObject({ householdsCreated: 2, residents: 0 });
    expect(await count('households')).toBe(before + 2);
    const [hhA] = await t.database.db.select().from(households).where(eq(households.householdNo, 'HH-001'));
    expect(hhA).toMatchObject({ orgNodeId: myGrid.id, type: 'both', headId: a, houseId: house.id });
    const detail = (await worker.get(`/api/registry/households/${hhA!.id}`)).json();
    expect(detail.members.map((m: { id: number; relation: string }) => [m.id, m.relation])).toEqual([
      [a, 'head'],
    ]);
    const [rowA] = await t.database.db.select().from(residents).where(eq(residents.id, a));
    expect(rowA).toMatchObject({ householdId: hhA!.id, relation: 'head', houseId: house.id });
    const [hhB] = await t.database.db.select().from(households).where(eq(households.householdNo, 'HH-002'));
    expect(hhB).toMatchObject({ orgNodeId: myGrid2.id, type: 'living', headId: b, address: '安康路 9 号' });
    const events = await t.database.db
      .select()
      .from(residentEvents)
      .where(eq(residentEvents.residentId, b))
      .orderBy(residentEvents.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'household_changed']);
    expect(events[1]!.summary).toMatchObject({ toHousehold: hhB!.id, via: 'import', importId: v.id });
    expect(await auditActions(v.id)).toContain('registry.import');
  });

  it('a bad CSV writes nothing and reports each problem at its row and column', async () => {
    const free = idFor('1963-05-01');
    await register(myGrid.id, '孙自由', free, '1963-05-01');
    const db = t.database.db;
    // A resident of another community (out of this worker's scope), and one already in a household here.
    const [far] = rowsOf<{ id_number_enc: string }>(
      await db.execute(sql`select r.id_number_enc from residents r join org_nodes n on n.id = r.org_node_id
        where n.parent_id = (select parent_id from org_nodes where id = ${otherGrid.id}) and r.id_number_enc is not null
        and r.id_doc_type = 'resident_id' limit 1`),
    );
    const [housed] = rowsOf<{ id_number_enc: string }>(
      await db.execute(sql`select id_number_enc from residents where org_node_id = ${myGrid.id}
        and household_id is not null and id_doc_type = 'resident_id' and status = 'active'
        and birth_date < '2000-01-01' limit 1`),
    );
    const [stored] = rowsOf<{ household_no: string }>(
      await db.execute(sql`select household_no from households where org_node_id = ${myGrid.id}
        and household_no is not null limit 1`),
    );
    const wrongCheck = `${free.slice(0, 17)}${free.endsWith('0') ? '1' : '0'}`;
    const rows = [
      [...HEADER, '备注'],
      [myGrid.code, 'HH-101', '户籍户', free, '', ''], // good on its own
      [myGrid.code, 'HH-101', '户籍户', idFor('1964-01-01'), '', ''], // number repeats row 2
      [myGrid.code, stored!.household_no, '户籍户', idFor('1965-01-01'), '', ''], // number stored already
      [myGrid.code, 'HH-104', '暂住户', wrongCheck, '', ''], // unknown type; GB 11643 check digit
      [myGrid.code, 'HH-105', '户籍户', t.pii.decrypt(far!.id_number_enc), '', ''], // out of scope
      [myGrid.code, 'HH-106', '户籍户', t.pii.decrypt(housed!.id_number_enc), '', ''], // head has a household
      [myGrid.code, '', '户籍户', free, '', '不存在路 1 号', '备注内容'], // no number; unknown column
      [otherGrid.code, 'HH-108', '户籍户', idFor('1966-01-01'), '', ''], // grid of another community
      [myGrid.code, 'HH-109', '户籍户', free, '', ''], // same head as row 2
    ];
    const before = await count('households');
    const v = await check(worker, csvOf(rows), '家庭户.csv', 'households');
    expect(issueKeys(v.issues)).toEqual([
      '1:备注:registry.import.unknown_column',
      '3:户号:registry.import.household_repeated',
      '4:户号:registry.import.household_exists',
      '5:户类型:registry.import.enum',
      '5:户主身份证号:id.checksum',
      '6:户主身份证号:registry.import.head_not_found',
      '7:户主身份证号:registry.import.head_has_household',
      '8:户号:required',
      '9:网格编码:registry.grid_not_found',
      '10:户主身份证号:registry.import.head_repeated',
    ]);
    const at = (row: number, column: string) =>
      v.issues.find((i: Issue) => i.row === row && i.column === column)!;
    expect(at(5, '户主身份证号').message).toBe('身份证号码校验位不正确');
    expect(at(5, '户主身份证号').value).toMatch(/^329\*+/);
    expect(at(3, '户号').message).toBe('与文件第 2 行的户号重复');
    expect(at(10, '户主身份证号').message).toBe('与文件第 2 行的户主是同一人');
    expect((await worker.post(`/api/registry/imports/${v.id}/commit`)).statusCode).toBe(409);
    expect(await count('households')).toBe(before);
    const [freeRow] = await db.select().from(residents).where(eq(residents.name, '孙自由'));
    expect(freeRow!.householdId).toBeNull();
  });

  it('answers in English when asked', async () => {
    const up = await worker.request({
      method: 'POST',
      url: `/api/registry/imports?kind=households&nodeId=${myGrid.id}`,
      payload: csvOf([
        ['户号', '户类型', '户主身份证号'],
        ['HH-201', 'both', '12345'],
      ]),
      headers: { 'content-type': 'text/csv', 'x-file-name': 'en.csv', 'accept-language': 'en-US' },
    });
    const v = (
      await worker.request({
        method: 'POST',
        url: `/api/registry/imports/${up.json().id}/validate`,
        headers: { 'accept-language': 'en-US' },
      })
    ).json();
    expect(v.issues.map((i: Issue) => [i.field, i.message])).toEqual([
      [
        "Head's ID number",
        'No resident with this ID number in your area; register or import the resident first',
      ],
    ]);
  });
});
