import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, openBrowser, type Session, screenshot } from '../browser';

// One-window services end to end (issue 5 "Done when"): a resident applies for the elderly allowance
// on the phone with the photo missing; the window starts the pre-review and sends the one-time list of
// missing materials; the resident supplies the photo; the window accepts (receipt number, promised date)
// and forwards it to the civil-affairs department, which approves and issues; the resident sees the
// result and rates it 不满意, which opens a follow-up case shown on the application page.

/** A small real PNG (one colour), standing in for a scanned material. */
function png(shade: number, size = 32): Buffer {
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
  header[9] = 2;
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set([shade, 200, 255 - shade], 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** antd puts a space between the two characters of a two-character button (受 理), so match loosely. */
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

let phone: Session;
let windowDesk: Session;
let deptDesk: Session;
let applicationId: number;

async function signIn(page: Page, login: string, landing: RegExp) {
  await page.goto('/login');
  await page.getByLabel('账号/手机号').fill(login);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(landing);
}

async function assertFitsPhone(page: Page, what: string) {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the phone`);
}

/** A desk action: its button, then (for those that ask for something) the dialog's own button. */
async function deskAction(
  page: Page,
  text: string,
  fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page
    .getByRole('button', { name: label(text) })
    .first()
    .click();
  if (!fill) return;
  const dialog = page.getByRole('dialog');
  await fill(dialog);
  await dialog.getByRole('button', { name: label(text) }).click();
  await dialog.waitFor({ state: 'detached' });
}

const stateTag = (page: Page, state: string) => page.getByText(state, { exact: true }).first().waitFor();

before(async () => {
  phone = await openBrowser('phone');
  windowDesk = await openBrowser('desk');
  deptDesk = await openBrowser('desk');
});
after(async () => {
  await phone.close();
  await windowDesk.close();
  await deptDesk.close();
});

test('the resident applies for the elderly allowance on the phone, without the photo', async () => {
  const { page } = phone;
  await signIn(page, '13800138000', /\/m$/);
  await page.getByRole('link', { name: '办事申请' }).click();
  await page.waitForURL(/\/m\/services$/);
  await assertFitsPhone(page, 'the catalogue');
  await screenshot(page, 'services-phone-catalogue');
  await page.getByRole('link', { name: /高龄津贴申领/ }).click();
  await page.getByText('免提交（数据共享）').first().waitFor();
  await page.getByText('10 个工作日').waitFor();
  await screenshot(page, 'services-phone-matter');
  await page.getByRole('button', { name: '我要申请' }).click();
  await page.waitForURL(/\/apply$/);
  await page.getByText('张晓明').waitFor();
  await page.getByLabel('开户银行').fill('中国工商银行');
  await page.getByLabel('居住地址').fill('光明街道幸福路 8 号 3 栋 201');
  await page
    .getByLabel('上传 本人银行卡或存折')
    .setInputFiles({ name: 'bank.png', mimeType: 'image/png', buffer: png(30) });
  await page.getByText('已上传 1 份').waitFor();
  await assertFitsPhone(page, 'the apply form');
  await screenshot(page, 'services-phone-apply');
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.waitForURL(/\/m\/services\/applications\/\d+$/);
  applicationId = Number(page.url().split('/').pop());
  await stateTag(page, '已提交');
});

test('the window starts the pre-review and sends the one-time list of missing materials', async () => {
  const { page } = windowDesk;
  await signIn(page, 'worker', /\/desk/);
  await page.goto('/desk/services');
  await page.getByRole('link', { name: '办理' }).first().waitFor();
  await screenshot(page, 'services-desk-queue');
  await page.goto(`/desk/services/applications/${applicationId}`);
  await deskAction(page, '开始预审');
  await stateTag(page, '预审中');
  // Accepting now is refused: the photo is missing.
  await page.getByRole('button', { name: label('受理') }).click();
  await page.getByText('材料不齐全，不能受理，请看标出的材料').waitFor();
  await deskAction(page, '一次性告知补正', async (dialog) => {
    assert.ok(await dialog.getByRole('checkbox', { name: '近期免冠证件照' }).isChecked());
    await dialog.getByLabel('说明 近期免冠证件照').fill('请上传两张近期免冠证件照');
  });
  await stateTag(page, '待补正');
  await screenshot(page, 'services-desk-supplement');
});

test('the resident sees the list and supplies the photo', async () => {
  const { page } = phone;
  await page.reload();
  const list = page.getByRole('region', { name: '需要补正的材料（一次性告知）' });
  await list.getByText('近期免冠证件照', { exact: true }).waitFor();
  await list.getByText('请上传两张近期免冠证件照').waitFor();
  await page.getByText('补正期间办理时限暂停计算').waitFor();
  await assertFitsPhone(page, 'the supplement list');
  await screenshot(page, 'services-phone-supplement');
  await list
    .getByLabel('上传 近期免冠证件照')
    .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png(120) });
  await list.getByText('已上传 1 份').waitFor();
  await page.getByRole('button', { name: '提交补正材料' }).click();
  await stateTag(page, '预审中');
});

test('the window accepts it with a receipt and forwards it to civil affairs', async () => {
  const { page } = windowDesk;
  await page.reload();
  await stateTag(page, '预审中');
  await deskAction(page, '受理');
  await stateTag(page, '已受理');
  await page.getByText(/^SL\d{14}$/).waitFor();
  await page.getByRole('link', { name: '打印受理回执' }).waitFor();
  await deskAction(page, '转办部门', async (dialog) => {
    await dialog.getByLabel('交接方式').waitFor();
  });
  await stateTag(page, '已转办');
  await page.getByText(/以「电子流转」方式移交.*民政局/).waitFor();
  await screenshot(page, 'services-desk-forwarded');
});

test('the civil-affairs department reviews, approves and issues', async () => {
  const { page } = deptDesk;
  await signIn(page, 'civil.dept', /\/desk/);
  await page.goto('/desk/services/department');
  await page.getByRole('link', { name: '办理' }).first().click();
  await page.waitForURL(new RegExp(`/desk/services/applications/${applicationId}$`));
  await deskAction(page, '开始审查');
  await stateTag(page, '审查中');
  await deskAction(page, '准予');
  await stateTag(page, '已准予');
  await deskAction(page, '出件', async (dialog) => {
    await dialog.getByLabel('办理结果').fill('核准发放高龄津贴，每月 200 元，自下月起发放');
  });
  await stateTag(page, '已出件');
  await screenshot(page, 'services-desk-issued');
});

test('the resident sees the result, rates it 不满意, and a follow-up case opens', async () => {
  const { page } = phone;
  await page.reload();
  await stateTag(page, '已出件');
  await page.getByText('核准发放高龄津贴，每月 200 元，自下月起发放', { exact: true }).waitFor();
  await page.getByText(/^SL\d{14}$/).waitFor();
  await page.getByRole('radio', { name: '不满意', exact: true }).check();
  await page.getByLabel('意见（可选）').fill('材料要求没有一次说清楚，跑了两趟');
  await page.getByRole('button', { name: '提交评价' }).click();
  await stateTag(page, '已评价');
  const followUp = page.getByRole('link', { name: /不满意回访：案件 #\d+/ });
  await followUp.waitFor();
  await assertFitsPhone(page, 'the application page');
  await screenshot(page, 'services-phone-rated');
  await followUp.click();
  await page.waitForURL(/\/m\/cases\/\d+$/);
  await page
    .getByText(/办事评价「不满意」/)
    .first()
    .waitFor();
});

test('the window records an application brought by an agent: the authorisation is required, then it is settled on the spot', async () => {
  const { page } = windowDesk;
  await page.goto('/desk/services/new');
  await page.getByLabel('查找居民（身份证号或姓名）').fill('张晓明');
  await page.getByLabel('查找居民（身份证号或姓名）').press('Enter');
  await page
    .getByRole('button', { name: label('选择') })
    .first()
    .click();
  await page.getByLabel('办理事项').click();
  await page.getByLabel('办理事项').fill('老年人优待证');
  await page.getByLabel('办理事项').press('Enter');
  await page.getByRole('checkbox', { name: '近期免冠证件照' }).check();
  await page.getByRole('switch', { name: '他人代办' }).click();
  await page.getByLabel('代办人姓名').fill('张小红');
  await page.getByLabel('代办人手机号').fill('13900139000');
  await page.getByRole('button', { name: '登记申请' }).click();
  await page.getByText('代办须上传授权委托书').waitFor();
  await page.getByLabel('授权委托书').setInputFiles({
    name: '授权委托书.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n授权委托书\n%%EOF'),
  });
  await page.getByText('✓').waitFor();
  await screenshot(page, 'services-desk-new-agent');
  await page.getByRole('button', { name: '登记申请' }).click();
  await page.waitForURL(/\/desk\/services\/applications\/\d+$/);
  await stateTag(page, '预审中');
  await page.getByText(/张小红（子女）/).waitFor();
  await deskAction(page, '受理');
  await stateTag(page, '已受理');
  await deskAction(page, '当场准予');
  await stateTag(page, '已准予');
  await screenshot(page, 'services-desk-on-the-spot');
});
