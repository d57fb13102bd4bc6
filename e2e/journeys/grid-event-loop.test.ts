import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { apiLogin } from '../api';
import { BASE_URL, DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// The whole closed loop of a grid event, across both surfaces (issue 4 "Done when"): a grid worker
// reports on the phone with a photo; the street dispatcher finds it on the map, files and dispatches
// it; the department returns it once (a wrong dispatch); it is dispatched again, handled, fails the
// grid worker's check (rework), is handled again, passes, is closed and rated by the reporter; and the
// grid's indicators show one rework and one wrong dispatch. The second grid of the demo community is
// used, so the figures are this case's alone.

/** A small real PNG (a coloured square), as a phone camera would give (smaller). */
function png(shade: number, size = 48): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 2; // RGB
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set([shade, 180, 255 - shade], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const title = `楼下垃圾满溢 ${Date.now() % 100000}`;
let phone: Session;
let street: Session;
let dept: Session;
let caseId: number;
let gridId: number;
let deptName: string;
let point: { latitude: number; longitude: number };

async function signIn(page: Page, login: string, landing: RegExp) {
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill(login);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(landing);
}

/** Fires an action from the desk's case detail: the button, then the modal's own confirm button. */
async function deskAction(
  page: Page,
  label: string,
  fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog');
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Fires an action from the phone's task page: the full-width button, then 确认<action>. */
async function phoneAction(page: Page, label: string, fill?: () => Promise<void>) {
  await page.getByRole('button', { name: label, exact: true }).click();
  if (fill) await fill();
  await page.getByRole('button', { name: `确认${label}` }).click();
  await page.getByText(`已${label}。`).waitFor();
}

async function openDeskCase(s: Session) {
  await s.page.goto(`/desk/cases/${caseId}`);
  await s.page.getByRole('heading', { name: `#${caseId} ${title}` }).waitFor();
}

before(async () => {
  const reader = await apiLogin('grid2');
  gridId = reader.me.roles[0]!.orgNodeId;
  const boundary = await reader.get<{ coordinates: number[][][] }>(`/api/org/nodes/${gridId}/boundary`);
  const ring = boundary.coordinates[0]!.slice(0, -1);
  point = {
    longitude: ring.reduce((s, p) => s + p[0]!, 0) / ring.length,
    latitude: ring.reduce((s, p) => s + p[1]!, 0) / ring.length,
  };
  deptName = (await apiLogin('dept')).me.roles[0]!.orgNodeName;
  phone = await openBrowser('phone');
  await phone.context.grantPermissions(['geolocation'], { origin: BASE_URL });
  await phone.context.setGeolocation(point);
  street = await openBrowser('desk');
  dept = await openBrowser('desk');
});
after(async () => {
  await phone.close();
  await street.close();
  await dept.close();
});

test('the grid worker reports an event with a photo from the phone', async () => {
  const { page } = phone;
  await signIn(page, 'grid2', /\/m\/grid$/);
  await page.getByRole('link', { name: '上报事件' }).first().click();
  await page.waitForURL(/\/m\/cases\/report$/);
  await page
    .getByLabel('现场照片：从相册选择')
    .setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: png(40) });
  await page.getByRole('img', { name: '照片 1' }).waitFor();
  await page.getByRole('radio', { name: '暴露垃圾' }).check();
  await page.getByLabel('事件标题').fill(title);
  await page.getByLabel('情况描述').fill('3 栋楼下垃圾桶满溢，散落一地。');
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  assert.ok(overflow <= 0, `report form is ${overflow}px wider than the phone`);
  await screenshot(page, 'loop-phone-report');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('已上报').first().waitFor();

  const mine = await (await apiLogin('grid2')).get<{
    items: { id: number; title: string; orgNodeId: number; state: string }[];
  }>('/api/cases?view=reported');
  const found = mine.items.find((c) => c.title === title);
  assert.ok(found, 'the report reached the server');
  assert.equal(found.orgNodeId, gridId, 'placed in the grid by its position');
  assert.equal(found.state, 'reported');
  caseId = found.id;
});

test('the street finds it on the map, files it and dispatches it to the department', async () => {
  const { page } = street;
  await signIn(page, 'street', /\/desk/);
  await page.getByRole('menuitem', { name: '事件地图' }).click();
  await page.getByRole('button', { name: new RegExp(`#${caseId} `) }).click();
  await page.locator('.leaflet-popup').getByText(`#${caseId} ${title}`).waitFor();
  await screenshot(page, 'loop-desk-map');
  await page
    .locator('.leaflet-popup')
    .getByRole('link', { name: `查看事件 #${caseId} 详情` })
    .click();
  await page.getByRole('heading', { name: `#${caseId} ${title}` }).waitFor();
  await deskAction(page, '立案');
  await page.getByText('已上报 → 已立案').waitFor();
  await deskAction(page, '派遣', async (dialog) => {
    await dialog.getByLabel('承办单位').click();
    await page.keyboard.type(deptName);
    await page.keyboard.press('Enter');
  });
  await page.getByText(`派遣至 ${deptName}`).first().waitFor();
});

test('the department returns it once, and the street dispatches it again', async () => {
  await signIn(dept.page, 'dept', /\/desk/);
  await openDeskCase(dept);
  await deskAction(dept.page, '退回', (dialog) =>
    dialog.getByLabel('办理意见').fill('垃圾清运归环卫所，请改派'),
  );
  await openDeskCase(street);
  await street.page.getByText('已派遣 → 已立案').waitFor();
  await deskAction(street.page, '派遣', async (dialog) => {
    await dialog.getByLabel('承办单位').click();
    await street.page.keyboard.type(deptName);
    await street.page.keyboard.press('Enter');
    await dialog.getByLabel('办理意见（选填）').fill('经核，垃圾满溢属城管职责，请办理');
  });
});

async function handleOnDesk(shade: number, note: string) {
  await openDeskCase(dept);
  if (await dept.page.getByRole('button', { name: '接收', exact: true }).isVisible()) {
    await deskAction(dept.page, '接收');
  }
  await deskAction(dept.page, '处理反馈', async (dialog) => {
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: `after-${shade}.png`, mimeType: 'image/png', buffer: png(shade) });
    await dialog.getByRole('img').first().waitFor();
    await dialog.getByLabel(/办理意见/).fill(note);
  });
  await openDeskCase(street);
  await deskAction(street.page, '要求核查');
}

test('handled, the check fails on the phone (rework), handled again, the check passes and the reporter rates it', async () => {
  await handleOnDesk(120, '已清运');
  const { page } = phone;
  await page.goto(`/m/cases/${caseId}`);
  await phoneAction(page, '核查不通过', () => page.getByLabel('不通过原因').fill('地面仍有散落垃圾'));
  await screenshot(page, 'loop-phone-check-failed');

  await handleOnDesk(200, '已清运并冲洗地面');
  await page.goto(`/m/cases/${caseId}`);
  await phoneAction(page, '核查通过');
  await page.reload();
  await phoneAction(page, '评价', () => page.getByRole('radio', { name: '非常满意' }).check());
  await screenshot(page, 'loop-phone-rated');

  const done = await (await apiLogin('grid2')).get<{
    state: string;
    reworkCount: number;
    wrongDispatchCount: number;
    rating: number;
    closedAt: string | null;
  }>(`/api/cases/${caseId}`);
  assert.deepEqual(
    { state: done.state, rework: done.reworkCount, wrong: done.wrongDispatchCount, rating: done.rating },
    { state: 'evaluated', rework: 1, wrong: 1, rating: 5 },
  );
  assert.ok(done.closedAt);
});

test('the grid indicators show one rework and one wrong dispatch', async () => {
  const { page } = street;
  await page.goto(`/desk/cases/indicators?nodeId=${gridId}`);
  const figure = (label: string) =>
    page
      .locator('.ant-statistic')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('.ant-statistic-content');
  await figure('返工数').waitFor();
  assert.equal((await figure('返工数').textContent())?.trim(), '1');
  assert.equal((await figure('错误派遣').textContent())?.trim(), '1');
  assert.equal((await figure('结案数').textContent())?.trim(), '1');
  await screenshot(page, 'loop-desk-indicators');
});
