import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeResidentIdNumber } from '@linli/contract';
import { apiLogin } from '../api';
import { DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// A grid worker on a phone-sized screen registers a floating resident at the door.
let s: Session;
before(async () => {
  s = await openBrowser('phone');
});
after(() => s.close());

test('a grid worker registers a floating resident from the phone', async () => {
  const { page } = s;
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill('grid');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/m\/grid$/);
  await page.getByRole('link', { name: '流动人口登记' }).first().click();
  await page.waitForURL(/\/m\/grid\/floating$/);

  // A number from another province: the arrival is what floating registration is about.
  const idNumber = makeResidentIdNumber('420102', '1996-04-18', 35);
  await page.getByLabel('姓名').fill('马志远');
  await page.getByLabel('身份证号').fill(idNumber);
  await page.getByText('由身份证号识别：1996-04-18').waitFor();
  await page.getByLabel('手机号').fill('13912340018');
  await page.getByLabel('来源地').fill('湖北省武汉市');
  await page.getByRole('radio', { name: '务工' }).check();
  await page.getByLabel('到达日期').fill('2026-11-02');
  await page.getByLabel('预计居住至').fill('2027-05-01');
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  assert.ok(overflow <= 0, `form is ${overflow}px wider than the phone`);
  await screenshot(page, 'phone-floating-form');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('已登记“马志远”').waitFor();
  await screenshot(page, 'phone-floating-done');

  // The registry now holds the person as floating population, found by pinyin initials.
  const worker = await apiLogin('grid');
  const found = await worker.get<{ items: { name: string; residenceType: string; idNumber: string }[] }>(
    `/api/registry/residents?q=mzy&residenceType=floating`,
  );
  const person = found.items.find((p) => p.name === '马志远');
  assert.ok(person, 'registered person is searchable');
  assert.equal(person.residenceType, 'floating');
  assert.match(person.idNumber, /^420\*{11}/);
});
