import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiLogin } from '../api';
import { DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// The community service hotline end to end (issue 5 §7–§8): an operator records a caller's demand for
// appliance repair, picks a provider within the 15-minute walk (1,200 m), the provider accepts and
// serves it on its phone, and the operator calls back and records the caller's satisfaction.

/** antd puts a space between the two characters of a two-character button (派 单), so match loosely. */
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

let desk: Session;
let phone: Session;
/** The demand's place: the first grid's centre, 170 m from 惠民家政服务中心 (the demo seed's offset). */
let place: { lat: number; lng: number };

async function signIn(page: Page, login: string) {
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill(login);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/(desk|m)/);
}

before(async () => {
  const operator = await apiLogin('hotline');
  const providers =
    await operator.get<Array<{ name: string; lat: number; lng: number }>>('/api/hotline/providers');
  const own = providers.find((p) => p.name === '惠民家政服务中心');
  assert.ok(own, 'the demo seed has 惠民家政服务中心');
  place = {
    lat: Number((own.lat - 80 / 111_320).toFixed(6)),
    lng: Number((own.lng - 150 / (111_320 * Math.cos((own.lat * Math.PI) / 180))).toFixed(6)),
  };
  [desk, phone] = await Promise.all([openBrowser('desk'), openBrowser('phone')]);
});
after(async () => {
  await Promise.all([desk?.close(), phone?.close()]);
});

test('the operator records a call and sends it to a provider within a 15-minute walk', async () => {
  const page = desk.page;
  await signIn(page, 'hotline');
  await page.getByRole('menuitem', { name: '热线受理' }).click();
  await page.waitForURL(/\/desk\/hotline$/);

  // A searchable select: type the service, pick it from the list.
  await page.getByLabel('服务类别').fill('家电');
  await page.locator('.ant-select-item-option', { hasText: '家电维修' }).click();
  await page.getByLabel('来电人').fill('张桂兰');
  await page.getByLabel('来电电话').fill('13812345678');
  await page.getByLabel('服务地址').fill('幸福小区 3 号楼 2 单元 501');
  // A click on the map sets the place; the operator then corrects it to the caller's door.
  const map = page.getByRole('application', { name: '服务地点' }).first();
  await map.click();
  assert.notEqual(await page.getByLabel('纬度').inputValue(), '');
  await page.getByLabel('纬度').fill(String(place.lat));
  await page.getByLabel('经度').fill(String(place.lng));
  await page.getByLabel('需求描述').fill('洗衣机不脱水，需要上门维修');
  await page.getByRole('button', { name: '记录需求' }).click();

  const match = page.locator('.ant-card').filter({ hasText: /为需求 #\d+ 派单/ });
  await match.waitFor();
  const rows = match.locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  // Nearest first; the suspended 鑫源水电 and the 3 km-away 远郊家电服务站 are not offered.
  const names = await rows.locator('.hotline-provider-name').allTextContents();
  assert.deepEqual(names, ['惠民家政服务中心', '快修家电维修部']);
  const metres = Number((await rows.first().locator('td').nth(1).textContent())?.match(/(\d+) 米/)?.[1]);
  assert.ok(metres > 150 && metres < 200, `惠民 is ${metres} m away`);
  await screenshot(page, 'hotline-01-matched');

  await rows
    .first()
    .getByRole('button', { name: label('派单') })
    .click();
  await page.getByText('已派给 惠民家政服务中心').waitFor();
  const row = page.locator('tbody tr').filter({ hasText: '幸福小区 3 号楼' });
  await row.getByText('待接单').waitFor();
});

test('the provider accepts the job on its phone and reports it served', async () => {
  const page = phone.page;
  await signIn(page, 'provider');
  await page.goto('/m/hotline/jobs');
  const job = page.locator('.hl-job').filter({ hasText: '幸福小区 3 号楼' });
  await job.getByText('待接单').waitFor();
  await job.getByText('张*兰 138****5678').waitFor();
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  assert.ok(overflow <= 0, `the jobs page is ${overflow}px wider than the phone`);
  await screenshot(page, 'hotline-02-provider-job');

  await job.getByRole('button', { name: label('接单') }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: label('接单') })
    .click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await job.getByText('服务中').waitFor();
  await job.getByRole('button', { name: '服务完成' }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('已更换排水泵，试机正常');
  await page.getByRole('dialog').getByRole('button', { name: '服务完成' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await job.getByText('待回访').waitFor();
  await screenshot(page, 'hotline-03-provider-served');
});

test('the operator calls back and records the satisfaction', async () => {
  const page = desk.page;
  await page.reload();
  const row = page.locator('tbody tr').filter({ hasText: '幸福小区 3 号楼' });
  await row.getByText('待回访').waitFor();
  await row.getByRole('button', { name: label('回访') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio').nth(4).click();
  await dialog.getByRole('textbox').fill('居民表示非常满意');
  await dialog.getByRole('button', { name: label('回访') }).click();
  await row.getByText('已回访').waitFor();
  await screenshot(page, 'hotline-04-called-back');

  // The rating is on the provider's quality record.
  await page.getByRole('menuitem', { name: '服务商管理' }).click();
  await page
    .locator('tbody tr')
    .filter({ hasText: '惠民家政服务中心' })
    .getByText(/5 分 · 1 次评价/)
    .waitFor();
  await screenshot(page, 'hotline-05-providers');
});

test('the operator adds a provider, which is offered only once approved', async () => {
  const page = desk.page;
  await page.getByRole('button', { name: '新增服务商' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill('社区爱心理发室');
  await dialog.getByLabel('服务类别').fill('理发');
  await page.locator('.ant-select-item-option', { hasText: '理发' }).click();
  // Close the multi-select's list so it does not swallow the next click.
  await dialog.getByText('新增服务商').click();
  await dialog.getByLabel('服务地址').fill('社区活动中心一楼');
  await dialog.getByLabel('纬度').fill(String(place.lat));
  await dialog.getByLabel('经度').fill(String(place.lng));
  await dialog.getByLabel('营业时间').fill('周二、周四 9:00–11:00');
  await dialog.getByLabel('电话').fill('13812349999');
  await dialog.getByRole('button', { name: label('保存') }).click();
  await dialog.waitFor({ state: 'hidden' });
  const row = page.locator('tbody tr').filter({ hasText: '社区爱心理发室' });
  await row.getByText('待审核').waitFor();
  await row.getByRole('button', { name: label('通过') }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('场地与资质已核验');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: label('通过') })
    .click();
  await row.getByText('已通过').waitFor();
  await row.getByText('138****9999').waitFor();
});
