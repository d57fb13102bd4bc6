import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeResidentIdNumber } from '@linli/contract';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// A community worker imports an XLSX with three bad rows, sees the errors, fixes the file, imports it,
// finds a person by pinyin initials and reveals an ID number with a reason, which the audit screen shows.
let worker: Session;
let admin: Session;
const dir = mkdtempSync(join(tmpdir(), 'linli-import-'));
const HEADER = ['姓名', '性别', '出生日期', '身份证号', '手机号', '现住址'];
const people = [
  [
    '欧阳靖远',
    '男',
    '1979-03-08',
    makeResidentIdNumber('329901', '1979-03-08', 611),
    '13512340001',
    '幸福路 12 号',
  ],
  [
    '司马晓晴',
    '女',
    '1988-12-24',
    makeResidentIdNumber('329901', '1988-12-24', 612),
    '13512340002',
    '幸福路 14 号',
  ],
  [
    '诸葛明轩',
    '男',
    '2001-06-30',
    makeResidentIdNumber('329901', '2001-06-30', 613),
    '13512340003',
    '幸福路 16 号',
  ],
  ['上官若兰', '女', '1965-09-09', makeResidentIdNumber('329901', '1965-09-09', 614), '', '幸福路 18 号'],
];

async function writeXlsx(name: string, rows: string[][], header = HEADER): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('居民');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

before(async () => {
  worker = await openBrowser('desk');
  admin = await openBrowser('desk');
});
after(async () => {
  await worker.close();
  await admin.close();
});

async function login(page: Page, who: string) {
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill(who);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/desk/);
}

async function uploadAndCheck(page: Page, file: string) {
  // Target: the first grid of the worker's community (open the community in the tree first).
  await page.getByRole('heading', { name: '导入居民' }).waitFor();
  await page.locator('#import-target').click();
  const community = page.locator('.ant-select-tree-treenode', { hasText: '（社区/村）' }).first();
  if ((await community.locator('.ant-select-tree-switcher_open').count()) === 0) {
    await community.locator('.ant-select-tree-switcher').click();
  }
  await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '网格' }).first().click();
  await page.locator('#import-file').setInputFiles(file);
  await page.getByRole('button', { name: '检查数据' }).click();
}

test('the bad file is refused row by row, and nothing is written', async () => {
  const { page } = worker;
  await login(page, 'worker');
  await page.goto('/desk/registry/import');
  const [a, b, c, d] = people as [string[], string[], string[], string[]];
  const badCheck = `${a[3]!.slice(0, 17)}${a[3]!.endsWith('1') ? '2' : '1'}`;
  const bad = await writeXlsx('居民-有误.xlsx', [
    [a[0]!, a[1]!, a[2]!, badCheck, a[4]!, a[5]!], // wrong check digit
    [b[0]!, b[1]!, '1988-02-30', b[3]!, b[4]!, b[5]!], // impossible birth date
    [c[0]!, c[1]!, c[2]!, c[3]!, '12345', c[5]!], // not a mobile number
    d,
  ]);
  await uploadAndCheck(page, bad);
  await page.getByText('发现 3 处问题').waitFor();
  await page
    .getByRole('link', { name: '下载错误报告' })
    .or(page.getByRole('button', { name: '下载错误报告' }))
    .first()
    .waitFor();
  await screenshot(page, 'import-errors');
  const start = page.getByRole('button', { name: '开始导入' });
  assert.ok((await start.count()) === 0 || (await start.isDisabled()), 'no import while errors remain');
});

test('the fixed file imports in one go, and a person is found by pinyin initials', async () => {
  const { page } = worker;
  await page.getByRole('button', { name: '重新上传' }).first().click();
  const fixed = await writeXlsx('居民-已修正.xlsx', people);
  await uploadAndCheck(page, fixed);
  await page.getByText('未发现问题').waitFor();
  await page.getByRole('button', { name: '开始导入' }).click();
  await page.getByText('已导入 4 位居民').waitFor();
  await screenshot(page, 'import-done');

  await page.goto('/desk/registry/residents');
  await page.getByLabel('搜索居民').fill('oyjy');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await page.getByRole('link', { name: '欧阳靖远' }).first().click();
  await page.waitForURL(/\/desk\/registry\/residents\/\d+/);
});

test('revealing the ID number asks for a reason, and the audit screen shows it', async () => {
  const { page } = worker;
  await page
    .getByRole('button', { name: /查看完整身份证号/ })
    .first()
    .click();
  await page.getByLabel('查看原因').fill('核对导入数据与户籍底册');
  await page.getByRole('button', { name: '确认查看' }).click();
  await page.getByText(people[0]![3]!).first().waitFor();
  await screenshot(page, 'import-reveal');

  await login(admin.page, 'admin');
  await admin.page.goto('/desk/admin/audit');
  await admin.page.getByLabel('操作').fill('pii.reveal');
  await admin.page.getByRole('button', { name: /查\s*询/ }).click();
  await admin.page.getByRole('cell', { name: '核对导入数据与户籍底册' }).waitFor();
  await screenshot(admin.page, 'import-reveal-audit');
});

test('the same wizard imports houses: a bad floor is refused at its row, the fixed file goes in', async () => {
  const { page } = worker;
  await page.goto('/desk/registry/import');
  await page.locator('.ant-radio-button-wrapper', { hasText: '房屋' }).click();
  await page.getByRole('button', { name: '下载房屋导入模板' }).waitFor();
  await screenshot(page, 'import-kind-choice');
  const header = ['楼栋', '单元', '房号', '楼层', '面积', '用途'];
  const rows = [
    ['12栋', '1', '101', '1', '88.5', '住宅'],
    ['12栋', '1', '1501', '300', '92', '住宅'],
  ];
  await uploadAndCheck(page, await writeXlsx('房屋-有误.xlsx', rows, header));
  await page.getByText('发现 1 处问题').waitFor();
  await page.getByRole('cell', { name: '楼层应为 -5 到 200 之间的整数' }).waitFor();
  await screenshot(page, 'import-houses-errors');
  await page.getByRole('button', { name: '重新上传' }).first().click();
  await page.locator('.ant-radio-button-wrapper', { hasText: '房屋' }).click();
  rows[1]![3] = '15';
  await uploadAndCheck(page, await writeXlsx('房屋-已修正.xlsx', rows, header));
  await page.getByText('未发现问题').waitFor();
  await page.getByRole('button', { name: '开始导入' }).click();
  await page.getByText('已导入 2 套房屋，新建 1 栋楼').waitFor();
});
