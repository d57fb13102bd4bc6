import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiLogin } from '../api';
import { BASE_URL, DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// A resident calls for help (an emergency case); the grid worker on duty sees an urgent notice in the
// phone's title bar at once, opens it and lands on the case.
let s: Session;
let caseId: number;
const title = `独居老人求助 ${Date.now() % 100000}`;

before(async () => {
  const login = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: '13800138000', password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.getSetCookie().find((c) => c.startsWith('linli_sid=')) ?? '').split(';')[0]!;
  const me = (await login.json()) as { csrfToken: string; roles: { orgNodeId: number }[] };
  const res = await fetch(`${BASE_URL}/api/cases`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'emergency', title, orgNodeId: me.roles[0]!.orgNodeId }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  caseId = ((await res.json()) as { id: number }).id;
  s = await openBrowser('phone');
});
after(() => s.close());

test('the grid worker gets the emergency as an urgent notice and opens the case from it', async () => {
  const { page } = s;
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill('grid');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/m\/grid$/);
  const bell = page.getByRole('button', { name: /^消息（[1-9]\d* 条未读）$/ });
  await bell.click();
  const notice = page.getByText(`紧急呼叫：${title}`);
  await notice.waitFor();
  await screenshot(page, 'phone-emergency-notice');
  await notice.click();
  await page.waitForURL(new RegExp(`/m/cases/${caseId}$`));
  await page.getByText(title).first().waitFor();
  const grid = await apiLogin('grid');
  const unread = await grid.get<{ items: { params: { caseId?: number }; read: boolean }[] }>('/api/notices');
  assert.equal(unread.items.find((n) => n.params.caseId === caseId)?.read, true, 'opening it marks it read');
});
