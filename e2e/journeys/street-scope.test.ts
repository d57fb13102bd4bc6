import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiLogin } from '../api';
import { DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// A street office sees its street and nothing of the next one; another street's address looks
// exactly like an address that does not exist.
let s: Session;
let mine: { id: number; name: string };
let other: { id: number; name: string };
before(async () => {
  const city = await apiLogin('civil.city');
  const streets = await city.get<{ items: { id: number; name: string }[] }>(
    '/api/org/search?level=street&limit=10',
  );
  const street = await apiLogin('street');
  const myId = street.me.roles[0]!.orgNodeId;
  mine = streets.items.find((n) => n.id === myId)!;
  other = streets.items.find((n) => n.id !== myId)!;
  s = await openBrowser('desk');
});
after(() => s.close());

test('a street officer logs in and sees only their street', async () => {
  const { page } = s;
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill('street');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/desk/);

  await page.getByRole('menuitem', { name: '组织架构' }).click();
  await page.waitForURL(new RegExp(`/desk/org/${mine.id}$`));
  await page.getByRole('heading', { name: mine.name }).waitFor();

  // The scope picker in the top bar offers the street as the only top node.
  await page.getByLabel('工作范围').click();
  const tree = page.locator('.ant-select-tree');
  await tree.getByText(mine.name, { exact: false }).first().waitFor();
  assert.equal(await tree.getByText(other.name, { exact: false }).count(), 0);
  await screenshot(page, 'street-scope-tree');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByText(other.name).count(), 0, 'no trace of the other street');
});

test("another street's page answers the not-found page", async () => {
  const { page } = s;
  await page.goto(`/desk/org/${other.id}`);
  await page.getByText('未找到该页面或记录').waitFor();
  assert.equal(await page.getByText(other.name).count(), 0);
  await screenshot(page, 'street-scope-not-found');
  // Same page as for an id that does not exist at all.
  await page.goto('/desk/org/999999');
  await page.getByText('未找到该页面或记录').waitFor();
});
