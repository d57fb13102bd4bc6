import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// An administrator creates an account, grants it a role on a community, and finds both in the audit
// log; the new user must then change the one-time password before anything else.
let admin: Session;
let user: Session;
const username = `e2e.worker${Date.now() % 100_000}`;
let initialPassword = '';
let accountId = '';

before(async () => {
  admin = await openBrowser('desk');
  user = await openBrowser('desk');
});
after(async () => {
  await admin.close();
  await user.close();
});

async function login(page: Page, who: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill(who);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

test('the administrator creates an account (bad input first)', async () => {
  const { page } = admin;
  await login(page, 'admin', DEMO_PASSWORD);
  await page.waitForURL(/\/desk/);
  await page.getByRole('menuitem', { name: '账号' }).click();
  await page.getByRole('button', { name: '新建账号' }).click();
  await page.getByLabel('用户名').fill('Bad Name');
  await page.getByLabel('姓名').fill('测试 社区工作者');
  await page
    .getByRole('button', { name: /新\s*建/ })
    .last()
    .click();
  await page.getByText('用户名须以小写字母开头').first().waitFor();
  await page.getByLabel('用户名').fill(username);
  await page
    .getByRole('button', { name: /新\s*建/ })
    .last()
    .click();
  await page.getByText('初始密码').first().waitFor();
  initialPassword = ((await page.locator('.secret-value').first().textContent()) ?? '').trim();
  assert.equal(initialPassword.length, 14);
  await screenshot(page, 'admin-account-created');
});

test('the administrator grants a role on a community', async () => {
  const { page } = admin;
  await page.getByRole('button', { name: '查看该账号' }).click();
  await page.waitForURL(/accounts\/\d+/);
  accountId = /accounts\/(\d+)/.exec(page.url())?.[1] ?? '';
  await page.getByLabel('角色', { exact: true }).click();
  await page.getByTitle('社区工作者').click();
  await page.getByLabel('所属节点').click();
  for (const level of ['（市）', '（区/县）', '（街道/镇）']) {
    await page
      .locator('.ant-select-tree-treenode', { hasText: level })
      .first()
      .locator('.ant-select-tree-switcher')
      .click();
    await page
      .locator('.ant-select-tree-treenode', { hasText: level })
      .first()
      .locator('.ant-select-tree-switcher_open')
      .waitFor();
  }
  const community = page.locator('.ant-select-tree-node-content-wrapper', { hasText: '（社区/村）' }).first();
  const communityName = ((await community.textContent()) ?? '').replace(/（.*$/, '').trim();
  await community.click();
  await page.getByRole('button', { name: '分配角色' }).click();
  await page.getByRole('cell', { name: communityName }).first().waitFor();
  await screenshot(page, 'admin-role-granted');
});

test('both writes appear in the audit screen', async () => {
  const { page } = admin;
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.getByLabel('对象编号').fill(accountId);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await page.getByRole('cell', { name: 'account.role_grant' }).waitFor();
  await page.getByRole('cell', { name: 'account.create' }).waitFor();
  assert.ok((await page.getByRole('cell', { name: `account#${accountId}` }).count()) >= 2);
  await screenshot(page, 'admin-audit');
});

test('the new user must change the one-time password first', async () => {
  const { page } = user;
  await login(page, username, initialPassword);
  await page.waitForURL(/account\/password/);
  await page.getByLabel('当前密码').fill(initialPassword);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('确认新密码').fill('short');
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await page.getByText('至少需要 10 位').first().waitFor();
  const next = 'Quiet-harbour-lamp-73';
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码').fill(next);
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/account'));
  await screenshot(page, 'new-user-home');
});
