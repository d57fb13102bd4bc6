import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiLogin } from '../api';
import { BASE_URL, DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// Bills end to end (issue 5 §10, 网上缴费): the community worker imports a biller's CSV whose one row
// names a household that is not in the registry, sees that row refused and nothing imported, then
// imports the corrected file; the resident pays one bill on the phone through the payment provider's
// page and cannot pay it twice; the worker takes another bill at the window and prints its receipt.

/** antd puts a space between the two characters of a two-character button (导 入), so match loosely. */
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

let desk: Session;
let phone: Session;
let worker: Awaited<ReturnType<typeof apiLogin>>;
let resident: Awaited<ReturnType<typeof apiLogin>>;
let household: { id: number; address: string | null };
/** An order the resident opened for the bill the worker then cancels: paid late, it must be refunded. */
let lateOrder: { orderId: string; payUrl: string } | undefined;
const dir = mkdtempSync(join(tmpdir(), 'linli-bills-'));
// Bill numbers are unique per biller: a stamp keeps a rerun against the same data from colliding.
const stamp = Date.now().toString(36).toUpperCase();
const HEADER = '户号,类别,收费单位,账期,金额,缴费截止,账单号';
const MISSING_HOUSEHOLD = 987_654_321;

/** The first day of next month, so the bills are not overdue whenever the journey runs. */
function nextMonthStart(): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return next.toISOString().slice(0, 10);
}

function csv(name: string, lastHousehold: number): string {
  const due = nextMonthStart();
  const lines = [
    HEADER,
    `${household.id},水费,江川市自来水公司,2026-11,45.60,${due},SW-${stamp}-1`,
    `${household.id},电费,国网江川供电公司,2026-11,128.35,${due},DF-${stamp}-2`,
    `${lastHousehold},物业费,幸福物业服务有限公司,2026-11,210.00,${due},WY-${stamp}-3`,
  ];
  const path = join(dir, name);
  // With the byte-order mark, as Excel on Chinese Windows saves "CSV UTF-8".
  writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`);
  return path;
}

async function signIn(page: Page, login: string, landing: RegExp) {
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill(login);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(landing);
}

const billCount = async (q?: string) =>
  (await worker.get<{ totals: { count: number } }>(`/api/bills${q ? `?q=${encodeURIComponent(q)}` : ''}`))
    .totals.count;

before(async () => {
  resident = await apiLogin('13800138000');
  household = await resident.get<{ id: number; address: string | null }>('/api/me/household');
  worker = await apiLogin('worker');
  [desk, phone] = await Promise.all([openBrowser('desk'), openBrowser('phone')]);
});
after(async () => {
  await Promise.all([desk?.close(), phone?.close()]);
});

test('a file naming a household not in the registry is refused at that row, and nothing is imported', async () => {
  const { page } = desk;
  const before = await billCount();
  await signIn(page, 'worker', /\/desk/);
  await page.getByRole('menuitem', { name: '账单管理' }).click();
  await page.waitForURL(/\/desk\/bills$/);
  await page.getByText(/^共 [\d,]+ 笔，待缴 ¥/).waitFor();
  await screenshot(page, 'bills-01-list-before');

  await page.getByRole('menuitem', { name: '导入账单' }).click();
  await page.waitForURL(/\/desk\/bills\/import$/);
  await page.getByRole('link', { name: '下载账单导入模板' }).waitFor();
  await page.locator('#bills-file').setInputFiles(csv('账单-有误.csv', MISSING_HOUSEHOLD));
  await page.getByText('发现 1 处问题，请修改文件后重新上传').waitFor();
  await page.locator('tbody tr.ant-table-row').first().waitFor();
  const cells = await page.locator('tbody tr.ant-table-row').first().locator('td').allTextContents();
  assert.equal(cells[0], '3', 'the third data row is the bad one');
  assert.equal(cells[1], '户号');
  assert.match(cells[2] ?? '', /户籍登记中没有这一户/);
  await page.getByRole('link', { name: '下载错误报告' }).waitFor();
  await screenshot(page, 'bills-02-import-errors');
  assert.ok(
    await page.getByRole('button', { name: label('导入') }).isDisabled(),
    'no import while errors remain',
  );
  assert.equal(await billCount(), before, 'the list did not grow');
  assert.equal(await billCount(`SW-${stamp}`), 0, 'not even the good rows were written');
});

test('the corrected file is imported in one go', async () => {
  const { page } = desk;
  const before = await billCount();
  await page.getByRole('button', { name: '重新上传' }).click();
  await page.locator('#bills-file').setInputFiles(csv('账单-已修正.csv', household.id));
  await page.getByText('未发现问题，可以导入 3 笔账单').waitFor();
  await page.getByRole('button', { name: label('导入') }).click();
  await page.getByText('已导入 3 笔账单').waitFor();
  await screenshot(page, 'bills-03-import-done');
  assert.equal(await billCount(), before + 3);

  await page.getByRole('button', { name: '查看账单' }).click();
  await page.waitForURL(/\/desk\/bills$/);
  await page.getByLabel('搜索账单').fill(stamp);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await page.getByText('共 3 笔，待缴 ¥383.95，已缴 ¥0.00').waitFor();
  await screenshot(page, 'bills-04-list-imported');
});

test('the resident pays the water bill through the provider page, and cannot pay it twice', async () => {
  const { page } = phone;
  await signIn(page, '13800138000', /\/m/);
  const tile = page.getByRole('link', { name: /我的账单/ });
  await tile.locator('.bp-count').waitFor();
  await screenshot(page, 'bills-05-phone-home');
  await tile.click();
  await page.waitForURL(/\/m\/bills$/);
  await page.getByText('待缴合计').waitFor();
  await screenshot(page, 'bills-06-phone-list');

  // The demo household may have bills of its own: open the one this journey imported.
  const mine = await resident.get<{ items: { id: number; externalRef: string }[] }>('/api/me/bills');
  const billId = mine.items.find((b) => b.externalRef === `SW-${stamp}-1`)?.id;
  assert.ok(billId, "the imported water bill is among the resident's bills");
  await page.locator(`a[href="/m/bills/${billId}"]`).click();
  await page.waitForURL(new RegExp(`/m/bills/${billId}$`));
  await page.getByText('¥45.60').first().waitFor();
  await screenshot(page, 'bills-07-phone-bill');
  await page.getByRole('button', { name: '去支付' }).click();

  await page.waitForURL(/\/fake-pay\//);
  await page
    .getByText(/45\.60/)
    .first()
    .waitFor();
  await screenshot(page, 'bills-08-fake-provider');
  await page.getByRole('button', { name: '确认支付' }).click();

  await page.waitForURL(new RegExp(`/m/bills/${billId}\\?paid=1`));
  await page.getByText('缴费成功').waitFor();
  await page.locator('.phone-card').getByText('已缴费').waitFor();
  await page.getByRole('link', { name: '查看电子收据' }).waitFor();
  assert.equal(
    await page.getByRole('button', { name: '去支付' }).count(),
    0,
    'a paid bill has no pay button',
  );
  await screenshot(page, 'bills-09-phone-paid');

  // And over HTTP, with the resident's own session: the API refuses a second payment.
  const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const again = await page.request.post(`/api/me/bills/${billId}/pay`, {
    headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
    data: {},
  });
  assert.equal(again.status(), 409);
  assert.equal(((await again.json()) as { error: { code: string } }).error.code, 'bills.already_paid');

  await page.goto('/m/bills');
  await page.getByRole('list', { name: '已缴费' }).locator(`a[href="/m/bills/${billId}"]`).waitFor();
  await screenshot(page, 'bills-10-phone-list-after');
});

test('the worker takes the electricity bill at the window and prints its receipt', async () => {
  const { page, context } = desk;
  await page.getByLabel('搜索账单').fill(`DF-${stamp}`);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await page.getByText('共 1 笔，待缴 ¥128.35，已缴 ¥0.00').waitFor();
  await page.locator('tbody tr.ant-table-row').first().click();
  await page.waitForURL(/\/desk\/bills\/\d+$/);
  await page.getByRole('heading', { name: '电费 · 2026-11 · ¥128.35' }).waitFor();
  await screenshot(page, 'bills-11-desk-detail');

  await page.getByRole('button', { name: '窗口收款' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByText('刷卡', { exact: true }).click();
  await modal.getByLabel('凭证号（选填）').fill('POS-000123');
  await screenshot(page, 'bills-12-window-modal');
  await modal.getByRole('button', { name: '确认收款' }).click();
  const notice = page.getByText(/^已收款，收据号 /);
  await notice.waitFor();
  const receipt = ((await notice.textContent()) ?? '').replace('已收款，收据号 ', '').trim();
  assert.ok(receipt.length > 0, 'a receipt number is shown');
  await page.getByRole('main').getByText('窗口缴费').waitFor();
  await modal.waitFor({ state: 'hidden' });
  await screenshot(page, 'bills-13-desk-paid');

  const [printed] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: '打印收据' }).click(),
  ]);
  await printed.waitForLoadState();
  await printed.getByText(receipt).first().waitFor();
  await screenshot(printed, 'bills-14-receipt');
  await printed.close();
});

test('the worker cancels the property bill issued in error, with a reason; the resident can no longer pay it', async () => {
  const { page } = desk;
  await page.goto('/desk/bills');
  await page.getByLabel('搜索账单').fill(`WY-${stamp}`);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await page.getByText('共 1 笔，待缴 ¥210.00，已缴 ¥0.00').waitFor();
  await page.locator('tbody tr.ant-table-row').first().click();
  await page.waitForURL(/\/desk\/bills\/\d+$/);
  const billId = Number(new URL(page.url()).pathname.split('/').pop());
  // Meanwhile the resident has opened the provider's page for it (paid in the next test).
  lateOrder = await resident.post<{ orderId: string; payUrl: string }>(`/api/me/bills/${billId}/pay`);

  await page.getByRole('button', { name: '作废' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByRole('button', { name: '确认作废' }).click();
  await modal.getByText('请填写作废原因（至少 2 个字）').waitFor();
  await modal.getByLabel('作废原因').fill('物业公司重复出账，已另行开具');
  await screenshot(page, 'bills-15-cancel-modal');
  await modal.getByRole('button', { name: '确认作废' }).click();
  await page.getByText('账单已作废').waitFor();
  await modal.waitFor({ state: 'hidden' });
  await page.getByRole('main').getByText('物业公司重复出账，已另行开具').waitFor();
  assert.equal(
    await page.getByRole('button', { name: '窗口收款' }).count(),
    0,
    'a cancelled bill takes no payment',
  );
  await screenshot(page, 'bills-16-desk-cancelled');

  const p = phone.page;
  // The resident is told why the bill went, and the notice opens it.
  await p.goto('/m');
  await p.getByRole('button', { name: /^消息（[1-9]\d* 条未读）$/ }).click();
  await p
    .getByText('幸福物业服务有限公司 2026-11 账单（¥210.00）已作废：物业公司重复出账，已另行开具')
    .waitFor();
  await screenshot(p, 'bills-17-phone-notice');
  await p.goto('/m/bills');
  await p.getByText('待缴合计').waitFor();
  assert.equal(
    await p.getByRole('list', { name: '待缴费' }).locator(`a[href="/m/bills/${billId}"]`).count(),
    0,
    'the cancelled bill is no longer among what the household has to pay',
  );
  const cancelledCard = p.getByRole('list', { name: '已作废' }).locator(`a[href="/m/bills/${billId}"]`);
  await cancelledCard.scrollIntoViewIfNeeded();
  await screenshot(p, 'bills-18-phone-list-cancelled');
  await cancelledCard.click();
  await p.waitForURL(new RegExp(`/m/bills/${billId}$`));
  await p.locator('.phone-card').getByText('已作废').waitFor();
  await p.getByText('物业公司重复出账，已另行开具').waitFor();
  assert.equal(await p.getByRole('button', { name: '去支付' }).count(), 0, 'no pay button');
  await screenshot(p, 'bills-19-phone-bill-cancelled');
});

test('the payment that arrives for the cancelled bill waits in 退款登记 until its refund is recorded', async () => {
  assert.ok(lateOrder, 'the resident opened an order before the bill was cancelled');
  const { orderId, payUrl } = lateOrder;
  const paid = await fetch(`${BASE_URL}${payUrl.replace(`/${orderId}?`, `/${orderId}/confirm?`)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
    redirect: 'manual',
  });
  assert.equal(paid.status, 303, 'the provider took the money');

  const { page } = desk;
  await page.getByRole('menuitem', { name: '退款登记' }).click();
  await page.waitForURL(/\/desk\/bills\/refunds$/);
  const row = page.locator('tbody tr.ant-table-row', { hasText: orderId });
  await row.waitFor();
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
  assert.match((await row.textContent()) ?? '', /¥210\.00/);
  assert.match((await row.textContent()) ?? '', /已作废/);
  await screenshot(page, 'bills-20-refunds-due');

  await row.getByRole('button', { name: '登记退款' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByRole('button', { name: '确认登记' }).click();
  await modal.getByText('请填写退款凭证号').waitFor();
  await modal.getByLabel('退款凭证号').fill(`TK-${stamp}`);
  await modal.getByRole('button', { name: '确认登记' }).click();
  await page.getByText('已登记退款 ¥210.00').waitFor();
  await modal.waitFor({ state: 'hidden' });
  assert.equal(
    await page.locator('tbody tr.ant-table-row', { hasText: orderId }).count(),
    0,
    'no longer due',
  );

  await page.getByText('已退款', { exact: true }).click();
  await page.locator('.ant-segmented-item-selected', { hasText: '已退款' }).waitFor();
  const done = page.locator('tbody tr.ant-table-row', { hasText: orderId });
  await done.waitFor();
  assert.match((await done.textContent()) ?? '', new RegExp(`TK-${stamp}`));
  await screenshot(page, 'bills-21-refunds-done');
});
