import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { makeResidentIdNumber, XLSX_MIME } from '@linli/contract';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../db/client';
import { type SeededApp, seededApp } from '../../../test/fixtures';
import type { Client } from '../../../test/harness';
import { claimNextJob } from '../../jobs';
import { orgNodes } from '../../org/org.schema';
import { registryJobHandlers } from '../index';
import { residentEvents, residents } from '../registry.schema';

let t: SeededApp;
let worker: Client; // community worker of the first community
let dataDir: string;
let community: { id: number; code: string };
let myGrid: { id: number; code: string; name: string };
let myGrid2: { id: number; code: string };
let otherGrid: { id: number; code: string }; // a grid of another community

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linli-import-'));
  t = await seededApp({ dataDir });
  worker = await t.as('worker');
  const me = (await worker.get('/api/auth/me')).json();
  const all = await t.database.db.select().from(orgNodes).orderBy(orgNodes.id);
  const c = all.find((n) => n.id === me.roles[0].orgNodeId)!;
  community = { id: c.id, code: c.code };
  const mine = all.filter((n) => n.level === 'grid' && n.parentId === c.id);
  myGrid = mine[0]!;
  myGrid2 = mine[1]!;
  otherGrid = all.find((n) => n.level === 'grid' && n.parentId !== c.id)!;
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let serial = 200;
/** A valid ID number (the sequence's parity carries the gender: odd is male). */
function idFor(birthDate: string, gender: 'male' | 'female') {
  serial += 2;
  return makeResidentIdNumber('329901', birthDate, gender === 'male' ? serial + 1 : serial);
}
const wrongCheckDigit = (id: string) => `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;

function csvOf(rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

async function xlsxOf(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(c: Client, body: string | Buffer, name: string, query = '') {
  const type = name.endsWith('.xlsx') ? XLSX_MIME : 'text/csv';
  return c.request({
    method: 'POST',
    url: `/api/registry/imports${query}`,
    payload: body,
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
  });
}

async function residentCount(): Promise<number> {
  return rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int n from residents`))[0]!.n;
}

type Issue = {
  row: number;
  column: string | null;
  field: string | null;
  code: string;
  message: string;
  value: string | null;
};
const issueKeys = (issues: Issue[]) => issues.map((i) => `${i.row}:${i.column}:${i.code}`);

/** GB 18030 bytes (two-byte range, which covers these names) found by decoding every code. */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const bytes = Buffer.from([hi, lo]);
      const ch = decoder.decode(bytes);
      if (!table.has(ch)) table.set(ch, bytes);
    }
  return Buffer.concat([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? Buffer.from(ch) : table.get(ch)!)));
}

const HEADER = ['姓名', '性别', '出生日期', '身份证号', '手机号', '网格编码', '户号', '与户主关系'];

describe('importing residents from CSV and XLSX', () => {
  const good1 = idFor('1985-03-14', 'male');
  const good2 = idFor('1987-06-01', 'female');
  const badBirth = idFor('1990-02-28', 'male');
  const badPhone = idFor('1979-11-30', 'female');
  const checkDigit = idFor('1990-05-05', 'male');

  const badRows = () => [
    ['邻里居民导入表（测试）'], // a title line above the header row
    [...HEADER, '备注'],
    ['欧阳建国', '男', '1985-03-14', good1, '13912345678', myGrid.code, 'A-1', '户主'],
    ['陈错位', '男', '1990-05-05', wrongCheckDigit(checkDigit), '13912345679', myGrid.code, '', ''],
    ['李不存在', '男', '1990-02-30', badBirth, '13912345670', myGrid.code, '', '', '这一列没人认识'],
    ['王座机', '女', '1979-11-30', badPhone, '010-12345678', myGrid.code, '', ''],
    ['欧阳重复', '男', '1985-03-14', good1, '', myGrid.code, '', ''],
    ['林秀英', '女', '1987-06-01', good2, '13612345678', myGrid.code, 'A-1', '配偶'],
  ];

  it('lists every bad row by row and field, refuses to commit, and writes nothing (CSV)', async () => {
    const before = await residentCount();
    const up = await upload(worker, csvOf(badRows()), '居民.csv');
    expect(up.statusCode, up.body).toBe(200);
    const imp = up.json();
    expect(imp).toMatchObject({ status: 'uploaded', format: 'csv', headerRow: 2 });
    expect(imp.headers).toEqual([...HEADER, '备注']);
    expect(imp.mapping).toEqual([
      'name',
      'gender',
      'birthDate',
      'idNumber',
      'phone',
      'grid',
      'householdNo',
      'relation',
      null,
    ]);
    // The preview masks what looks like an ID number or a mobile.
    expect(imp.preview[0][3]).toMatch(/^329\*+\d{3}[\dX]$/);
    expect(imp.preview[0][4]).toBe('139****5678');

    const checked = await worker.post(`/api/registry/imports/${imp.id}/validate`);
    expect(checked.statusCode, checked.body).toBe(200);
    const v = checked.json();
    expect(v.status).toBe('validated');
    expect(v.rows).toBe(6);
    expect(issueKeys(v.issues)).toEqual([
      '2:备注:registry.import.unknown_column',
      '4:身份证号:id.checksum',
      '5:出生日期:registry.import.date',
      '6:手机号:mobile.format',
      '7:身份证号:registry.import.id_repeated',
    ]);
    expect(v.errorCount).toBe(5);
    const byRow = Object.fromEntries(v.issues.map((i: Issue) => [i.row, i]));
    expect(byRow[4].message).toBe('身份证号码校验位不正确');
    expect(byRow[4].field).toBe('身份证号');
    expect(byRow[4].value).toMatch(/^329\*+/);
    expect(byRow[5].message).toContain('日期不存在');
    expect(byRow[6].message).toBe('手机号格式不正确');
    expect(byRow[6].value).toBe('010****5678');
    expect(byRow[7].message).toBe('与文件第 3 行的证件号码重复');
    expect(byRow[2].message).toContain('备注');

    const commit = await worker.post(`/api/registry/imports/${imp.id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json().error.code).toBe('registry.import.has_errors');
    expect(await residentCount()).toBe(before);

    // The report: one line per problem, with ID numbers masked.
    const report = await worker.get(`/api/registry/imports/${imp.id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe(XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '行号', '列', '字段', '填写的内容', '问题']);
    expect(ws.rowCount).toBe(6);
    const cells = ws.getSheetValues().flat().map(String).join('|');
    for (const id of [good1, badBirth, wrongCheckDigit(checkDigit)]) expect(cells).not.toContain(id);
    expect(ws.getRow(3).getCell(5).value).toBe('身份证号码校验位不正确');
  });

  it('imports the fixed XLSX in one go; households form; a person is found by pinyin initials', async () => {
    const before = await residentCount();
    const fixed = badRows()
      .filter((r) => r[0] !== '欧阳重复')
      .map((r) => r.slice(0, 8));
    fixed[3]![3] = checkDigit; // 陈错位: the right check digit
    fixed[4]![2] = '1990-02-28'; // 李不存在: a real date
    fixed[5]![4] = '13712345678'; // 王座机: a mobile
    const file = await xlsxOf(
      fixed.map((r) => r.map((c, i) => (i === 2 && c ? new Date(`${c}T00:00:00Z`) : c))),
    );
    const imp = (await upload(worker, file, '居民-修正.xlsx')).json();
    expect(imp.format).toBe('xlsx');
    expect(imp.headerRow).toBe(2);
    const v = (await worker.post(`/api/registry/imports/${imp.id}/validate`)).json();
    expect(v.issues).toEqual([]);
    expect(v.rows).toBe(5);
    const done = await worker.post(`/api/registry/imports/${imp.id}/commit`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'committed',
      created: { residents: 5, householdsCreated: 1 },
    });
    expect(await residentCount()).toBe(before + 5);

    const found = (await worker.get('/api/registry/residents?q=oyjg')).json();
    expect(found.items.map((r: { name: string }) => r.name)).toEqual(['欧阳建国']);
    const head = found.items[0];
    expect(head.idNumber).toMatch(/^329\*{11}/);
    const household = (await worker.get(`/api/registry/households/${head.householdId}`)).json();
    expect(household.headId).toBe(head.id);
    expect(household.members.map((m: { name: string }) => m.name).sort()).toEqual(['林秀英', '欧阳建国']);
    const [event] = await t.database.db
      .select()
      .from(residentEvents)
      .where(eq(residentEvents.residentId, head.id));
    expect(event).toMatchObject({ kind: 'created', summary: { via: 'import', importId: imp.id } });
    const admin = await t.as('admin');
    const audit = (await admin.get(`/api/admin/audit?recordType=registry_import&recordId=${imp.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('registry.import');
    // The file is gone once committed.
    expect(readdirSync(join(dataDir, 'imports')).some((f) => f.endsWith('.xlsx'))).toBe(false);
  });

  it('refuses numbers already registered, and a grid out of scope exactly like one that does not exist', async () => {
    const [existing] = await t.database.db.select().from(residents).limit(1);
    const registered = t.pii.decrypt(existing!.idNumberEnc!);
    const rows = [
      ['姓名', '身份证号', '网格'],
      ['重复者', registered, myGrid.code],
      ['别处人', idFor('1970-01-01', 'male'), otherGrid.code],
      ['无此格', idFor('1971-01-01', 'male'), `${community.code}-999`],
      ['按名字', idFor('1972-01-01', 'male'), myGrid.name],
    ];
    const imp = (await upload(worker, csvOf(rows), 'x.csv')).json();
    const v = (await worker.post(`/api/registry/imports/${imp.id}/validate`)).json();
    expect(issueKeys(v.issues)).toEqual([
      '2:身份证号:registry.id_duplicate',
      '3:网格:registry.grid_not_found',
      '4:网格:registry.grid_not_found',
    ]);
    expect(v.issues[1].message).toBe(v.issues[2].message);
  });

  it('ignores a column once told to, and checks the mapping', async () => {
    const rows = [
      ['姓名', '身份证号', '备注'],
      ['章一鸣', idFor('1966-08-08', 'male'), '旧系统编号 17'],
    ];
    const imp = (await upload(worker, csvOf(rows), 'y.csv', `?nodeId=${myGrid2.id}`)).json();
    expect(imp.node.id).toBe(myGrid2.id);
    const bad = await worker.put(`/api/registry/imports/${imp.id}/mapping`, {
      columns: ['name', 'name', 'ignore'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { code: string }) => d.code)).toEqual([
      'registry.import.field_twice',
      'registry.import.birth_or_id',
    ]);
    let v = (await worker.post(`/api/registry/imports/${imp.id}/validate`)).json();
    expect(issueKeys(v.issues)).toEqual(['1:备注:registry.import.unknown_column']);
    const mapped = await worker.put(`/api/registry/imports/${imp.id}/mapping`, {
      columns: ['name', 'idNumber', 'ignore'],
    });
    expect(mapped.statusCode).toBe(200);
    expect(mapped.json().status).toBe('uploaded');
    v = (await worker.post(`/api/registry/imports/${imp.id}/validate`)).json();
    expect(v.issues).toEqual([]);
    const done = (await worker.post(`/api/registry/imports/${imp.id}/commit`)).json();
    expect(done.created.residents).toBe(1);
    const [row] = await t.database.db.select().from(residents).where(eq(residents.name, '章一鸣'));
    // Gender and birth date come from the ID number; the rows go to the import's grid.
    expect(row).toMatchObject({ gender: 'male', birthDate: '1966-08-08', orgNodeId: myGrid2.id });
  });

  it("keeps imports to their owner and the actor's scope", async () => {
    const imp = (
      await upload(
        worker,
        csvOf([
          ['姓名', '身份证号'],
          ['甲', idFor('1980-01-01', 'male')],
        ]),
        'z.csv',
        `?nodeId=${myGrid.id}`,
      )
    ).json();
    const grid = await t.as('grid');
    expect((await grid.get(`/api/registry/imports/${imp.id}`)).statusCode).toBe(404);
    const outside = await upload(worker, 'a,b\r\n1,2\r\n', 'o.csv', `?nodeId=${otherGrid.id}`);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0].code).toBe('registry.import.target_not_found');
    const street = await t.as('street');
    expect((await upload(street, 'a,b\r\n', 's.csv')).statusCode).toBe(403);
  });

  it('reads GB 18030 CSV files as Excel on Chinese Windows saves them', async () => {
    const text = csvOf([
      ['姓名', '性别', '出生日期', '身份证号', '民族', '文化程度', '人口类型'],
      ['钱学林', '男', '1955/3/9', idFor('1955-03-09', 'male'), '汉族', '大学本科', '流动'],
    ]);
    const imp = (await upload(worker, gb18030(text), 'gbk.csv', `?nodeId=${myGrid.id}`)).json();
    expect(imp.headers[0]).toBe('姓名');
    const v = (await worker.post(`/api/registry/imports/${imp.id}/validate`)).json();
    expect(v.issues).toEqual([]);
    await worker.post(`/api/registry/imports/${imp.id}/commit`);
    const [row] = await t.database.db.select().from(residents).where(eq(residents.name, '钱学林'));
    expect(row).toMatchObject({ education: 'bachelor', residenceType: 'floating', birthDate: '1955-03-09' });
  });
});

describe('households, houses and what changed since the check', () => {
  it('forms households by number, joins existing ones, and refuses a second head', async () => {
    const hh = await worker.post('/api/registry/households', {
      gridId: myGrid.id,
      householdNo: 'C-1',
      type: 'registered',
    });
    expect(hh.statusCode, hh.body).toBe(200);
    const headId = idFor('1960-01-01', 'male');
    const head = await worker.post('/api/registry/residents', {
      gridId: myGrid.id,
      name: '孙老大',
      gender: 'male',
      birthDate: '1960-01-01',
      idNumber: headId,
      household: { householdId: hh.json().id, relation: 'head' },
    });
    expect(head.statusCode, head.body).toBe(200);
    const rows = [
      ['姓名', '身份证号', '户号', '与户主关系'],
      ['周一', idFor('1970-01-01', 'male'), 'B-1', '户主'],
      ['周二', idFor('1971-01-01', 'male'), 'B-1', '户主'],
      ['周三', idFor('1972-01-01', 'male'), '', '子女'],
      ['孙小二', idFor('1990-01-01', 'male'), 'C-1', '户主'],
      ['孙小三', idFor('1992-01-01', 'male'), 'C-1', '儿子'],
    ];
    const imp = (await upload(worker, csvOf(rows), 'h.csv', `?nodeId=${myGrid.id}`)).json();
    const v = (await worker.post(`/api/registry/imports/${imp.id}/validate`)).json();
    expect(issueKeys(v.issues)).toEqual([
      '3:与户主关系:registry.import.two_heads',
      '4:与户主关系:registry.import.household_needed',
      '5:与户主关系:registry.import.has_head',
    ]);
    expect(v.issues[0].message).toBe('户号 B-1 在第 2 行已有户主');
    // Without the bad rows the file goes in, and 孙小三 joins the household that was there.
    const fixed = [rows[0]!, rows[1]!, rows[5]!];
    const imp2 = (await upload(worker, csvOf(fixed), 'h2.csv', `?nodeId=${myGrid.id}`)).json();
    expect((await worker.post(`/api/registry/imports/${imp2.id}/validate`)).json().issues).toEqual([]);
    const done = (await worker.post(`/api/registry/imports/${imp2.id}/commit`)).json();
    expect(done.created).toMatchObject({ residents: 2, householdsCreated: 1 });
    const members = (await worker.get(`/api/registry/households/${hh.json().id}`)).json();
    expect(members.headId).toBe(head.json().id);
    expect(members.members.map((m: { name: string }) => m.name).sort()).toEqual(['孙小三', '孙老大']);
  });

  it('finds houses by address in the community; a house elsewhere is a clear error', async () => {
    const building = (
      await worker.post('/api/registry/buildings', {
        gridId: myGrid2.id,
        name: '8号楼',
        address: '幸福路 8 号',
      })
    ).json();
    const house = (
      await worker.post('/api/registry/houses', {
        buildingId: building.id,
        unitNo: '2',
        roomNo: '301',
        use: 'residence',
      })
    ).json();
    // A house in another community, out of this worker's reach.
    const db = t.database.db;
    const [far] = rowsOf<{ id: number }>(
      await db.execute(sql`insert into buildings (org_node_id, district_id, name, address)
        values (${otherGrid.id}, 0, '远楼', '远方路 1 号') returning id`),
    );
    await db.execute(sql`insert into houses (building_id, org_node_id, district_id, room_no, address, use)
      values (${far!.id}, ${otherGrid.id}, 0, '101', '远方路 1 号 101', 'residence')`);
    const rows = [
      ['姓名', '身份证号', '房屋'],
      ['吴住户', idFor('1980-02-02', 'male'), '幸福路8号2单元301'],
      ['吴远方', idFor('1981-02-02', 'male'), '远方路 1 号 101'],
      ['吴无房', idFor('1982-02-02', 'male'), '不存在路 1 号'],
    ];
    const imp = (await upload(worker, csvOf(rows), 'house.csv', `?nodeId=${myGrid.id}`)).json();
    const v = (await worker.post(`/api/registry/imports/${imp.id}/validate`)).json();
    expect(issueKeys(v.issues)).toEqual([
      '3:房屋:registry.import.house_not_found',
      '4:房屋:registry.import.house_not_found',
    ]);
    const ok = (await upload(worker, csvOf(rows.slice(0, 2)), 'house2.csv', `?nodeId=${myGrid.id}`)).json();
    expect((await worker.post(`/api/registry/imports/${ok.id}/validate`)).json().issues).toEqual([]);
    await worker.post(`/api/registry/imports/${ok.id}/commit`);
    const [row] = await db.select().from(residents).where(eq(residents.name, '吴住户'));
    expect(row!.houseId).toBe(house.id);
  });

  it('tells a house in another community from one that does not exist, for an actor over both', async () => {
    const all = await db().select().from(orgNodes);
    const mine = all.find((n) => n.id === community.id)!;
    const sibling = all.find(
      (n) => n.level === 'community' && n.parentId === mine.parentId && n.id !== mine.id,
    )!;
    const siblingGrid = all.find((n) => n.level === 'grid' && n.parentId === sibling.id)!;
    const admin = await t.as('admin');
    const created = (
      await admin.post('/api/admin/accounts', {
        kind: 'staff',
        username: 'two.communities',
        displayName: '两社区工作者',
        password: 'Harbour-lantern-93',
      })
    ).json();
    for (const node of [mine, sibling])
      await admin.post(`/api/admin/accounts/${created.account.id}/roles`, {
        role: 'community_worker',
        orgNodeId: node.id,
      });
    const both = t.client();
    await both.login('two.communities', 'Harbour-lantern-93');
    await both.post('/api/auth/password', {
      currentPassword: 'Harbour-lantern-93',
      newPassword: 'Harbour-lantern-94',
    });
    const building = (
      await both.post('/api/registry/buildings', {
        gridId: siblingGrid.id,
        name: '邻楼',
        address: '邻社区路 2 号',
      })
    ).json();
    await both.post('/api/registry/houses', { buildingId: building.id, roomNo: '502', use: 'residence' });
    const rows = [
      ['姓名', '身份证号', '网格编码', '房屋'],
      ['冯跨区', idFor('1983-03-03', 'male'), myGrid.code, '邻社区路 2 号 502'],
      ['冯本区', idFor('1984-03-03', 'male'), siblingGrid.code, '邻社区路 2 号 502'],
    ];
    const noTarget = await upload(both, csvOf(rows), 'two.csv');
    expect(noTarget.json().error.details[0].code).toBe('registry.import.target_required');
    // Into the first community: its grid with the neighbour's house is a clear error; the neighbour's
    // grid is outside this import (so it is not found, as anywhere else).
    const imp = (await upload(both, csvOf(rows), 'two.csv', `?nodeId=${mine.id}`)).json();
    const v = (await both.post(`/api/registry/imports/${imp.id}/validate`)).json();
    expect(issueKeys(v.issues)).toEqual([
      '2:房屋:registry.import.house_other_community',
      '3:网格编码:registry.grid_not_found',
    ]);
    expect(v.issues[0].message).toBe('该房屋属于其他社区');
  });

  it('fails the whole commit when a number was registered after the check', async () => {
    const late = idFor('1975-05-05', 'female');
    const rows = [
      ['姓名', '身份证号'],
      ['赵先到', idFor('1974-05-05', 'male')],
      ['赵后到', late],
    ];
    const imp = (await upload(worker, csvOf(rows), 'race.csv', `?nodeId=${myGrid.id}`)).json();
    expect((await worker.post(`/api/registry/imports/${imp.id}/validate`)).json().errorCount).toBe(0);
    const other = await worker.post('/api/registry/residents', {
      gridId: myGrid.id,
      name: '赵抢先',
      gender: 'female',
      birthDate: '1975-05-05',
      idNumber: late,
    });
    expect(other.statusCode).toBe(200);
    const before = await residentCount();
    const res = (await worker.post(`/api/registry/imports/${imp.id}/commit`)).json();
    expect(res.status).toBe('failed');
    expect(issueKeys(res.issues)).toEqual(['3:身份证号:registry.id_duplicate']);
    expect(await residentCount()).toBe(before);
    expect((await db().select().from(residents).where(eq(residents.name, '赵先到'))).length).toBe(0);
  });

  it('discards an import and its file; answers in English when asked', async () => {
    const imp = (
      await upload(
        worker,
        csvOf([
          ['姓名', '身份证号'],
          ['某', '123'],
        ]),
        'd.csv',
        `?nodeId=${myGrid.id}`,
      )
    ).json();
    const files = () => readdirSync(join(dataDir, 'imports')).filter((f) => f.endsWith('.csv'));
    const before = files().length;
    const v = await worker.request({
      method: 'POST',
      url: `/api/registry/imports/${imp.id}/validate`,
      headers: { 'accept-language': 'en-US' },
      payload: {},
    });
    expect(v.json().issues[0].message).toBe('ID numbers have 18 characters');
    const gone = (await worker.del(`/api/registry/imports/${imp.id}`)).json();
    expect(gone.status).toBe('discarded');
    expect(files().length).toBe(before - 1);
    expect((await worker.post(`/api/registry/imports/${imp.id}/validate`)).statusCode).toBe(409);
  });
});

const db = () => t.database.db;

describe('limits and background work', () => {
  it('refuses a file over the limit before reading it, and one that grows past it while streaming', async () => {
    const saved = t.config.importMaxBytes;
    t.config.importMaxBytes = 1024;
    try {
      const big = `姓名,身份证号\r\n${'张三,110101199003070011\r\n'.repeat(100)}`;
      const res = await upload(worker, big, 'big.csv');
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('registry.import.too_large');
      const streamed = await worker.request({
        method: 'POST',
        url: '/api/registry/imports',
        payload: Readable.from([Buffer.from(big)]),
        headers: { 'content-type': 'text/csv', 'x-file-name': 'big.csv' },
      });
      expect(streamed.statusCode).toBe(413);
      expect(readdirSync(join(dataDir, 'imports')).filter((f) => f.endsWith('.part'))).toEqual([]);
    } finally {
      t.config.importMaxBytes = saved;
    }
  });

  it('validates and commits over 5,000 rows in jobs; a commit that dies half-way leaves nothing and runs again', async () => {
    const before = await residentCount();
    const lines = [['姓名', '性别', '出生日期', '身份证号', '手机号']];
    for (let i = 0; i < 5_200; i++) {
      const birth = `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`;
      lines.push([
        `批量${i}`,
        i % 2 ? '男' : '女',
        birth,
        makeResidentIdNumber('329902', birth, (i % 500) * 2 + (i % 2)),
        '',
      ]);
    }
    // Unique numbers: the sequence and the birth date vary together.
    const imp = (await upload(worker, csvOf(lines), 'big.csv', `?nodeId=${myGrid.id}`)).json();
    const started = (await worker.post(`/api/registry/imports/${imp.id}/validate`)).json();
    expect(started).toMatchObject({ status: 'validating', background: true });
    const handlers = registryJobHandlers(t.pii, t.config);
    // The job worker's part, done by hand: take the job from the queue, run its handler.
    const check = await claimNextJob(t.database.db);
    expect(check).toMatchObject({ kind: 'registry.import.validate', payload: { importId: imp.id } });
    await handlers['registry.import.validate']!(t.database.db, check!.payload as Record<string, unknown>);
    const v = (await worker.get(`/api/registry/imports/${imp.id}`)).json();
    expect(v).toMatchObject({ status: 'validated', rows: 5_200, errorCount: 0 });
    const committing = (await worker.post(`/api/registry/imports/${imp.id}/commit`)).json();
    expect(committing.status).toBe('committing');
    // The worker takes the job; the commit dies half-way (as in a crash): nothing stays written.
    const job = await claimNextJob(t.database.db);
    expect(job?.kind).toBe('registry.import.commit');
    const events = rowsOf<{ n: number }>(
      await db().execute(sql`select count(*)::int n from resident_events`),
    )[0]!.n;
    await db().execute(
      sql.raw(`create function linli_test_crash() returns trigger language plpgsql as $$
        begin if (select count(*) from resident_events) > ${events + 3_000} then
          raise exception 'simulated crash'; end if; return null; end $$`),
    );
    await db().execute(sql`create trigger linli_test_crash after insert on resident_events
      for each statement execute function linli_test_crash()`);
    await expect(
      handlers['registry.import.commit']!(t.database.db, job!.payload as Record<string, unknown>),
    ).rejects.toThrow();
    expect(await residentCount()).toBe(before);
    expect((await worker.get(`/api/registry/imports/${imp.id}`)).json().status).toBe('committing');
    await db().execute(sql`drop trigger linli_test_crash on resident_events`);
    // The job runs again from the stored file and commits all of it.
    await handlers['registry.import.commit']!(t.database.db, job!.payload as Record<string, unknown>);
    const done = (await worker.get(`/api/registry/imports/${imp.id}`)).json();
    expect(done).toMatchObject({ status: 'committed', created: { residents: 5_200 } });
    expect(await residentCount()).toBe(before + 5_200);
    // Running the job again (a re-queued duplicate) changes nothing.
    await handlers['registry.import.commit']!(t.database.db, { importId: imp.id, ip: '127.0.0.1' });
    expect(await residentCount()).toBe(before + 5_200);
  }, 120_000);
});

describe('export', () => {
  it('exports a search as XLSX with masked numbers and audits it', async () => {
    const res = await worker.get(`/api/registry/residents/export.xlsx?q=${encodeURIComponent('欧阳')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('residents-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual([
      '姓名',
      '性别',
      '出生日期',
      '年龄',
      '证件类型',
      '身份证号',
      '手机号',
    ]);
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row[0]).toBe('欧阳建国');
    expect(row[1]).toBe('男');
    expect(row[5]).toMatch(/^329\*{11}\d{3}[\dX]$/);
    expect(row[6]).toBe('139****5678');
    expect(ws.rowCount).toBe(2);
    const admin = await t.as('admin');
    const audit = (await admin.get('/api/admin/audit?action=registry.export')).json();
    expect(audit.items[0]).toMatchObject({ action: 'registry.export' });
  });

  it('answers an out-of-scope node with 404 before any file starts', async () => {
    const res = await worker.get(`/api/registry/residents/export.xlsx?nodeId=${otherGrid.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
  });
});
