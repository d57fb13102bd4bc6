import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiLogin } from '../api';
import { DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// Residents and grid workers land on their phone home screens, which fit a 375 px screen.
let s: Session;
before(async () => {
  s = await openBrowser('phone');
});
after(() => s.close());

async function login(who: string) {
  const { page } = s;
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill(who);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

async function assertFitsWidth() {
  // Evaluated in the page; written as a string because the e2e code is type-checked without the DOM.
  const overflow = await s.page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
}

test('a resident signs in with a mobile number and lands on the resident home', async () => {
  const { page } = s;
  await login('138 0013 8000');
  await page.waitForURL(/\/m$/);
  for (const tile of ['我要报事', '办事申请', '我的家庭'])
    await page.getByRole('link', { name: tile }).waitFor();
  await page.getByRole('navigation', { name: '底部导航' }).waitFor();
  await assertFitsWidth();
  await screenshot(page, 'phone-resident-home');
  // The desk is for staff: a resident who follows a desk link is taken back to their own home.
  await page.goto('/desk/admin/accounts');
  await page.waitForURL(/\/m$/);
});

test('a grid worker lands on the grid home with their grid and its figures', async () => {
  const { page } = s;
  const grid = (await apiLogin('grid')).me.roles[0]!.orgNodeName;
  await login('grid');
  await page.waitForURL(/\/m\/grid$/);
  await page.getByRole('heading', { name: '我的网格' }).waitFor();
  await page.getByText(grid).first().waitFor();
  await page.getByText('常住人口').first().waitFor();
  await assertFitsWidth();
  await screenshot(page, 'phone-grid-home');
});
