import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { apiLogin } from '../api';
import { BASE_URL, DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// The dispatcher's part of the case loop on the desk: a grid worker's report (made through the API,
// as the phone would) shows up in the street's queue and on the map; the street files it and
// dispatches it to the district's 城管局; the department returns it with a reason; the street sees it
// back, counted as a wrong dispatch; the indicators page shows the figures with an XLSX link.

/** A signed-in API session that can also write (the e2e helper only reads). */
async function apiSession(login: string) {
  const res = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200, `login ${login}`);
  const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('linli_sid=')) ?? '').split(';')[0]!;
  const me = (await res.json()) as { csrfToken: string; roles: { orgNodeId: number }[] };
  const send = async <T>(path: string, body: Uint8Array | string, type: string): Promise<T> => {
    const r = await fetch(`${BASE_URL}${path}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': type },
      body,
    });
    assert.ok(r.ok, `POST ${path}: ${r.status} ${await r.clone().text()}`);
    return (await r.json()) as T;
  };
  return { me, send };
}

/** A small real PNG (a grey square), so the case has a photo to show. */
function png(size = 32): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((size + 1) * size, 0x99);
  for (let y = 0; y < size; y++) rows[y * (size + 1)] = 0; // filter byte of each row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const title = `东门垃圾堆积 ${Date.now() % 100000}`;
let caseId: number;
let deptName: string;
let street: Session;
let dept: Session;

async function signIn(page: Page, login: string) {
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill(login);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/desk/);
}

before(async () => {
  const grid = await apiSession('grid');
  const gridId = grid.me.roles[0]!.orgNodeId;
  const reader = await apiLogin('grid');
  const boundary = await reader.get<{ coordinates: number[][][] }>(`/api/org/nodes/${gridId}/boundary`);
  const ring = boundary.coordinates[0]!.slice(0, -1);
  const lng = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
  const photo = await grid.send<{ id: number }>('/api/cases/photos', new Uint8Array(png()), 'image/png');
  const created = await grid.send<{ id: number }>(
    '/api/cases',
    JSON.stringify({ title, description: '人行道上堆放生活垃圾，有异味。', lat, lng, photoIds: [photo.id] }),
    'application/json',
  );
  caseId = created.id;
  deptName = (await apiLogin('dept')).me.roles[0]!.orgNodeName;
  street = await openBrowser('desk');
  dept = await openBrowser('desk');
});
after(async () => {
  await street.close();
  await dept.close();
});

test('the street sees the new report in its queue and on the map', async () => {
  const { page } = street;
  await signIn(page, 'street');
  await page.getByRole('menuitem', { name: '派遣队列' }).click();
  await page.getByRole('tab', { name: '待受理' }).click();
  await page.getByRole('link', { name: title, exact: true }).waitFor();
  await screenshot(page, 'case-desk-queue');

  await page.getByRole('menuitem', { name: '事件地图' }).click();
  await page.getByRole('button', { name: new RegExp(`#${caseId} `) }).click();
  const popup = page.locator('.leaflet-popup');
  await popup.getByText(`#${caseId} ${title}`).waitFor();
  assert.ok(
    (await page.locator('.leaflet-overlay-pane path').count()) > 1,
    'grid polygons and markers drawn',
  );
  await screenshot(page, 'case-desk-map');
  await popup.getByRole('link', { name: `查看事件 #${caseId} 详情` }).click();
  await page.waitForURL(new RegExp(`/desk/cases/${caseId}$`));
});

test('the street files the case and dispatches it to the urban-management department', async () => {
  const { page } = street;
  await page.getByRole('heading', { name: `#${caseId} ${title}` }).waitFor();
  await page.getByRole('button', { name: '立案', exact: true }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('事件分类').click();
  await page.keyboard.type('E0101');
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: '立案', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('已上报 → 已立案').waitFor();

  await page.getByRole('button', { name: '派遣', exact: true }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('承办单位').click();
  await page.keyboard.type(deptName);
  await page.keyboard.press('Enter');
  await dialog.getByLabel('办理意见（选填）').fill('请尽快清运');
  await screenshot(page, 'case-desk-dispatch-modal');
  await dialog.getByRole('button', { name: '派遣', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(`派遣至 ${deptName}`).waitFor();
  await screenshot(page, 'case-desk-dispatched');
});

test('the department must give a reason to return it, and then no longer has it', async () => {
  const { page } = dept;
  await signIn(page, 'dept');
  await page.getByRole('menuitem', { name: '承办事件' }).click();
  await page.getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('button', { name: '退回', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '退回', exact: true }).click();
  await dialog.getByText('请填写办理意见').waitFor();
  await dialog.getByLabel('办理意见').fill('不属于本局职责，请改派环卫所');
  await dialog.getByRole('button', { name: '退回', exact: true }).click();
  await page.waitForURL(/\/desk\/cases\/assigned$/);
  await page.getByText('已退回').first().waitFor();
  // The list refetches after the return; the case leaves it (it is no longer the department's).
  await page.getByRole('link', { name: title, exact: true }).waitFor({ state: 'detached' });
});

test('the street sees it back to dispatch, counted as a wrong dispatch, and the indicators say so', async () => {
  const { page } = street;
  await page.reload();
  await page.getByText('已派遣 → 已立案').waitFor();
  await page.getByText('不属于本局职责，请改派环卫所').waitFor();
  const counter = page.locator('.ant-statistic').filter({ hasText: '错误派遣' });
  assert.equal((await counter.locator('.ant-statistic-content').textContent())?.trim(), '1');
  assert.ok(await page.getByRole('button', { name: '派遣', exact: true }).isVisible());
  await screenshot(page, 'case-desk-returned');

  await page.getByRole('menuitem', { name: '指标统计' }).click();
  await page.getByText('错误派遣率').first().waitFor();
  await page.locator('canvas').first().waitFor();
  const href = await page.getByRole('link', { name: /导出 XLSX/ }).getAttribute('href');
  assert.match(href ?? '', /^\/api\/cases\/indicators\.xlsx\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  const xlsx = await page.request.get(href!);
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
  await screenshot(page, 'case-desk-indicators');
});
