import { PAYMENT_SIGNATURE_HEADER, PAYMENT_TIMESTAMP_HEADER } from '@linli/contract';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { paymentConfigOf } from './payments/provider';
import { sign, unixSeconds } from './payments/signature';

let t: SeededApp;
let worker: Client;
let resident: Client;
let outsider: Client;
/** The demo resident's household, a neighbour in the same community, one in another community. */
let own: { id: number; address: string };
let neighbour: { id: number; address: string };
let foreign: { id: number; address: string };

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
const count = async (table: string) =>
  (await q<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
const audits = async (action: string) =>
  (await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!.n;

beforeAll(async () => {
  t = await seededApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  [worker, resident] = await Promise.all([t.as('worker'), t.as('13800138000')]);
  const [community] = await q<{ id: number; path: string }>(sql`
    select n.id, n.path from accounts a join role_assignments r on r.account_id = a.id
    join org_nodes n on n.id = r.org_node_id where a.username = 'worker'`);
  const households = await q<{ id: number; address: string; path: string; resident: boolean }>(sql`
    select h.id, coalesce(h.address, hs.address) as address, n.path,
      exists (select 1 from residents r join accounts a on a.id = r.account_id
              where r.household_id = h.id and a.kind = 'resident') as resident
    from households h join org_nodes n on n.id = h.org_node_id left join houses hs on hs.id = h.house_id
    where coalesce(h.address, hs.address) is not null order by h.id`);
  own = households.find((h) => h.resident)!;
  const unique = (h: { address: string }) => households.filter((o) => o.address === h.address).length === 1;
  neighbour = households.find((h) => !h.resident && h.path.startsWith(community!.path) && unique(h))!;
  foreign = households.find((h) => !h.path.startsWith(community!.path))!;
  const [other] = await q<{ id: number }>(sql`
    select id from org_nodes where level = 'community' and id <> ${community!.id} order by id limit 1`);
  await t.addStaff('worker.other', 'community_worker', other!.id);
  outsider = await t.as('worker.other');
});
afterAll(() => t.close());

const HEADER = '户号,房屋地址,类别,收费单位,账期,金额,缴费截止,账单号';

function upload(c: Client, body: string | Buffer, commit: boolean, name = 'bills.csv') {
  return c.request({
    method: 'POST',
    url: `/api/bills/import?commit=${commit}`,
    payload: body,
    headers: {
      'content-type': name.endsWith('.xlsx') ? 'application/octet-stream' : 'text/csv',
      'x-file-name': encodeURIComponent(name),
    },
  });
}

async function importOne(c: Client, householdId: number, ref: string, amount = '88.00'): Promise<number> {
  const res = await upload(
    c,
    `${HEADER}\n${householdId},,水费,江川水务,2026-11,${amount},2026-12-20,${ref}\n`,
    true,
  );
  expect(res.json()).toMatchObject({ committed: true, errors: [] });
  const [row] = await q<{ id: number }>(sql`select id from bills where external_ref = ${ref}`);
  return row!.id;
}

function callback(body: object, opts: { secret?: string; timestamp?: string } = {}) {
  const raw = JSON.stringify(body);
  const timestamp = opts.timestamp ?? unixSeconds();
  return t.app.inject({
    method: 'POST',
    url: '/api/bills/payments/callback',
    payload: raw,
    headers: {
      'content-type': 'application/json',
      [PAYMENT_TIMESTAMP_HEADER]: timestamp,
      [PAYMENT_SIGNATURE_HEADER]: sign(opts.secret ?? paymentConfigOf(t.config).secret, timestamp, raw),
    },
  });
}

/** The payer presses 确认支付 on the fake provider's page of this order. */
const payAtFakeProvider = (payUrl: string, orderId: string) =>
  t.app.inject({
    method: 'POST',
    url: payUrl.replace(`/${orderId}?`, `/${orderId}/confirm?`),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });

describe('bill import', () => {
  it('lists every kind of bad row per field and writes nothing', async () => {
    await importOne(worker, neighbour.id, 'EXIST-1');
    const before = await count('bills');
    const file = [
      `${HEADER},备注`,
      `999999,,水费,江川水务,2026-11,10.00,2026-12-20,A-1`,
      `${neighbour.id},,电费,江川电力,2026-11,12.345,2026-12-20,A-2`,
      `${neighbour.id},,电费,江川电力,2026-13,12.00,2026-12-20,A-3`,
      `${neighbour.id},,燃气费,江川燃气,2026-11,30.00,2026-12-20,A-4`,
      `${neighbour.id},,燃气费,江川燃气,2026-11,30.00,2026-12-20,A-4`,
      `${neighbour.id},,水费,江川水务,2026-11,30.00,2026-12-20,EXIST-1`,
      `${foreign.id},,水费,江川水务,2026-11,30.00,2026-12-20,A-5`,
      `,${neighbour.address},煤炭费,江川水务,2026-11,0,2026-02-30,A-6`,
    ].join('\n');
    const res = await upload(worker, file, true);
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ rows: 8, valid: 1, committed: false });
    const errors = result.errors.map((e: { row: number; field: string; code: string }) => [
      e.row,
      e.field,
      e.code,
    ]);
    expect(errors).toEqual([
      [0, '备注', 'bills.import.unknown_column'],
      [1, 'household_id', 'bills.import.household_unknown'],
      [2, 'amount', 'bills.import.amount'],
      [3, 'period', 'bills.period'],
      [5, 'external_ref', 'bills.import.ref_duplicate_file'],
      [6, 'external_ref', 'bills.import.ref_exists'],
      [7, 'household_id', 'bills.import.household_unknown'],
      [8, 'kind', 'bills.import.kind_unknown'],
      [8, 'amount', 'bills.import.amount'],
      [8, 'due_date', 'date.format'],
    ]);
    expect(result.errors[4].message).toBe('账单号与第 4 行重复');
    expect(await count('bills')).toBe(before);

    const report = await worker.get(`/api/bills/import/${result.importId}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '行号', '字段', '错误']);
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      1,
      '户号',
      '户籍登记中没有这一户，或不在您的管辖范围内',
    ]);
    // Someone else's import report is not theirs to read.
    expect(
      (await (await t.as('leader')).get(`/api/bills/import/${result.importId}/errors.xlsx`)).statusCode,
    ).toBe(404);
  });

  it('previews without writing, then commits every row in one go (by id or address, CSV or XLSX)', async () => {
    const before = await count('bills');
    const rows = [
      `${own.id},,水费,江川水务,2026-10,45.60,2026-11-20,OK-1`,
      `,${neighbour.address},物业费,幸福物业,2026-10,"1,200.00",2026-11-30,OK-2`,
    ];
    const preview = await upload(worker, `${HEADER}\n${rows.join('\n')}\n`, false);
    expect(preview.json()).toMatchObject({ rows: 2, valid: 2, committed: false, errors: [] });
    expect(await count('bills')).toBe(before);
    const committed = await upload(worker, `${HEADER}\n${rows.join('\n')}\n`, true);
    expect(committed.json()).toMatchObject({ rows: 2, valid: 2, committed: true, errors: [] });
    expect(await count('bills')).toBe(before + 2);
    expect(await audits('bills.import')).toBeGreaterThan(0);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('账单');
    sheet.addRow(['household_id', 'kind', 'biller', 'period', 'amount', 'due_date', 'external_ref']);
    sheet.addRow([
      own.id,
      'electricity',
      '江川电力',
      '2026-10',
      12.3,
      new Date(Date.UTC(2026, 10, 25)),
      'XL-1',
    ]);
    const xlsx = Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const res = await upload(worker, xlsx, true, 'bills.xlsx');
    expect(res.json()).toMatchObject({ rows: 1, committed: true, errors: [] });
    const [bill] = await q<{ amount_cents: number; due_date: string }>(
      sql`select amount_cents, due_date::text from bills where external_ref = 'XL-1'`,
    );
    expect(bill).toEqual({ amount_cents: 1230, due_date: '2026-11-25' });
  });

  it('refuses a file over the upload limit, and anything that is not a file', async () => {
    const saved = t.config.importMaxBytes;
    t.config.importMaxBytes = 1024;
    try {
      const res = await upload(
        worker,
        `${HEADER}\n${'1,,水费,江川水务,2026-11,1.00,2026-12-20,X\n'.repeat(100)}`,
        false,
      );
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('bills.import.too_large');
    } finally {
      t.config.importMaxBytes = saved;
    }
    expect((await worker.post('/api/bills/import?commit=true', { rows: [] })).statusCode).toBe(415);
    expect(
      (
        await resident.request({
          method: 'POST',
          url: '/api/bills/import',
          payload: 'x',
          headers: { 'content-type': 'text/csv' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('serves a template with the Chinese header row', async () => {
    const res = await worker.get('/api/bills/import/template.csv');
    expect(res.body.replace('\uFEFF', '').split('\r\n')[0]).toBe(HEADER);
    // The template itself imports without a column error (its example address is not a household).
    const check = await upload(worker, res.body, false);
    expect(check.json().errors.map((e: { code: string }) => e.code)).toEqual([
      'bills.import.household_unknown',
    ]);
  });
});

describe('bill access', () => {
  it('keeps a worker of another community out (404) and residents to their own household', async () => {
    const mine = await importOne(worker, own.id, 'SCOPE-1');
    const theirs = await importOne(worker, neighbour.id, 'SCOPE-2');
    expect((await worker.get(`/api/bills/${mine}`)).json()).toMatchObject({
      id: mine,
      householdId: own.id,
      amountCents: 8800,
      status: 'unpaid',
    });
    expect((await outsider.get(`/api/bills/${mine}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/bills/${mine}/window-payment`, { method: 'cash' })).statusCode).toBe(
      404,
    );
    expect((await outsider.get('/api/bills')).json().items).toEqual([]);
    const list = (await worker.get('/api/bills?status=unpaid&q=SCOPE')).json();
    expect(list.items.map((b: { id: number }) => b.id)).toEqual([theirs, mine]);
    expect(list.totals).toEqual({ count: 2, unpaidCents: 17600, paidCents: 0 });

    const own_ = (await resident.get('/api/me/bills')).json().items;
    expect(own_.map((b: { householdId: number }) => b.householdId).every((h: number) => h === own.id)).toBe(
      true,
    );
    expect(own_.some((b: { id: number }) => b.id === mine)).toBe(true);
    expect((await resident.get(`/api/me/bills/${mine}`)).statusCode).toBe(200);
    expect((await resident.get(`/api/me/bills/${theirs}`)).statusCode).toBe(404);
    expect((await resident.post(`/api/me/bills/${theirs}/pay`)).statusCode).toBe(404);
    expect((await resident.get('/api/bills')).statusCode).toBe(403);
  });
});

describe('window payment', () => {
  it('marks the bill paid with a receipt, and refuses a second payment', async () => {
    const id = await importOne(worker, own.id, 'WIN-1', '1234.50');
    expect((await resident.get(`/api/me/bills/${id}/receipt`)).statusCode).toBe(409);
    const res = await worker.post(`/api/bills/${id}/window-payment`, { method: 'cash' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'paid', paidChannel: 'window' });
    expect(res.json().receiptNumber).toMatch(/^SF\d{16}$/);
    const again = await worker.post(`/api/bills/${id}/window-payment`, { method: 'card' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('bills.already_paid');
    expect((await resident.post(`/api/me/bills/${id}/pay`)).statusCode).toBe(409);

    const receipt = await worker.get(`/api/bills/${id}/receipt`);
    expect(receipt.headers['content-type']).toContain('text/html');
    for (const text of [
      res.json().receiptNumber,
      '壹仟贰佰叁拾肆元伍角整',
      '¥1234.50',
      '水费',
      '窗口缴费（现金）',
      own.address,
    ])
      expect(receipt.body).toContain(text);
    expect((await resident.get(`/api/me/bills/${id}/receipt`)).statusCode).toBe(200);
    const payments = await q<{ n: number }>(
      sql`select count(*)::int n from bill_payments where bill_id = ${id}`,
    );
    expect(payments[0]!.n).toBe(1);
  });
});

describe('cancellation (作废)', () => {
  it('cancels an unpaid bill with a reason, after which nobody can pay it; a late online payment is kept to refund', async () => {
    const id = await importOne(worker, own.id, 'CXL-1', '66.00');
    const pay = await resident.post(`/api/me/bills/${id}/pay`);
    expect(pay.statusCode).toBe(200);
    const { orderId, payUrl } = pay.json();
    const before = (await worker.get(`/api/bills/${id}`)).json();
    const cancels = await audits('bills.cancel');

    for (const body of [{}, { reason: ' 错' }]) {
      const bad = await worker.post(`/api/bills/${id}/cancel`, body);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe('reason');
    }
    expect((await outsider.post(`/api/bills/${id}/cancel`, { reason: '户号错误' })).statusCode).toBe(404);
    expect((await resident.post(`/api/bills/${id}/cancel`, { reason: '户号错误' })).statusCode).toBe(403);
    expect((await worker.get(`/api/bills/${id}`)).json()).toEqual(before);
    expect(await audits('bills.cancel')).toBe(cancels);

    const res = await worker.post(`/api/bills/${id}/cancel`, { reason: '  户号错误，应为隔壁住户  ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '户号错误，应为隔壁住户' });
    expect(res.json().cancelledAt).not.toBeNull();
    expect(await audits('bills.cancel')).toBe(cancels + 1);
    const [entry] = await q<{ reason: string }>(
      sql`select reason from audit_log where action = 'bills.cancel' order by id desc limit 1`,
    );
    expect(entry!.reason).toBe('户号错误，应为隔壁住户');

    // The household's resident is told, with the reason, and the notice opens the bill.
    const notices = (await resident.get('/api/notices')).json().items;
    expect(notices.find((n: { kind: string }) => n.kind === 'bill_cancelled')).toMatchObject({
      params: { biller: '江川水务', period: '2026-11', amount: '¥66.00', reason: '户号错误，应为隔壁住户' },
      link: `/m/bills/${id}`,
    });

    const again = await worker.post(`/api/bills/${id}/cancel`, { reason: '户号错误' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('bills.not_cancellable');
    const window = await worker.post(`/api/bills/${id}/window-payment`, { method: 'cash' });
    expect(window.statusCode).toBe(409);
    expect(window.json().error.code).toBe('bills.cancelled');
    expect((await resident.post(`/api/me/bills/${id}/pay`)).json().error.code).toBe('bills.cancelled');
    expect((await resident.get(`/api/me/bills/${id}`)).json()).toMatchObject({ status: 'cancelled' });

    // The resident had opened the provider's page before: the money arrives, the bill stays cancelled.
    const confirm = await payAtFakeProvider(payUrl, orderId);
    expect(confirm.statusCode).toBe(303);
    expect((await worker.get(`/api/bills/${id}`)).json()).toMatchObject({
      status: 'cancelled',
      paidAt: null,
    });
    expect(
      await q<{ status: string; duplicate: boolean }>(
        sql`select status, duplicate from bill_payments where bill_id = ${id}`,
      ),
    ).toEqual([{ status: 'succeeded', duplicate: true }]);
  });

  it('does not cancel a paid bill', async () => {
    const id = await importOne(worker, own.id, 'CXL-2', '12.00');
    expect((await worker.post(`/api/bills/${id}/window-payment`, { method: 'cash' })).statusCode).toBe(200);
    const res = await worker.post(`/api/bills/${id}/cancel`, { reason: '重复收费' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('bills.not_cancellable');
    expect((await worker.get(`/api/bills/${id}`)).json()).toMatchObject({
      status: 'paid',
      cancelledAt: null,
    });
  });
});

describe('online payment', () => {
  it('is paid by the fake provider over HTTP; a replayed callback changes nothing', async () => {
    const id = await importOne(worker, own.id, 'ONL-1', '45.60');
    const paid = await audits('bills.paid');
    const pay = await resident.post(`/api/me/bills/${id}/pay`);
    expect(pay.statusCode).toBe(200);
    const { orderId, payUrl } = pay.json();
    // Pressing again offers the same order.
    expect((await resident.post(`/api/me/bills/${id}/pay`)).json().orderId).toBe(orderId);
    const page = await t.app.inject({ method: 'GET', url: payUrl });
    expect(page.body).toContain('确认支付');
    expect(page.body).toContain('¥45.60');
    // A link whose amount was changed is refused.
    expect(
      (await t.app.inject({ method: 'GET', url: payUrl.replace('amount=4560', 'amount=1') })).statusCode,
    ).toBe(400);

    const confirm = await payAtFakeProvider(payUrl, orderId);
    expect(confirm.statusCode).toBe(303);
    expect(confirm.headers.location).toBe(`/m/bills/${id}?paid=1`);
    const bill = (await resident.get(`/api/me/bills/${id}`)).json();
    expect(bill).toMatchObject({ status: 'paid', paidChannel: 'online' });
    expect(await audits('bills.paid')).toBe(paid + 1);

    // The provider delivers the same notification again: nothing changes.
    const again = await payAtFakeProvider(payUrl, orderId);
    expect(again.statusCode).toBe(303);
    const rows = await q<{ status: string; duplicate: boolean }>(
      sql`select status, duplicate from bill_payments where bill_id = ${id}`,
    );
    expect(rows).toEqual([{ status: 'succeeded', duplicate: false }]);
    expect(await audits('bills.paid')).toBe(paid + 1);
    expect((await resident.get(`/api/me/bills/${id}`)).json()).toEqual(bill);
    expect((await resident.get(`/api/me/bills/${id}/receipt`)).body).toContain('网上支付');
  });

  it('refuses a bad signature, a stale timestamp and a wrong amount, and logs the refusal', async () => {
    const id = await importOne(worker, own.id, 'ONL-2', '20.00');
    const { orderId } = (await resident.post(`/api/me/bills/${id}/pay`)).json();
    const body = {
      orderId,
      providerTradeNo: 'T-2',
      amountCents: 2000,
      status: 'SUCCESS',
      paidAt: new Date().toISOString(),
      nonce: 'n1',
    };
    const refused = await audits('bills.callback_refused');
    const bad = await callback(body, { secret: 'not-the-secret-not-the-secret-00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bills.callback_refused');
    const stale = await callback(body, { timestamp: unixSeconds(Date.now() - 6 * 60_000) });
    expect(stale.statusCode).toBe(400);
    expect((await callback({ ...body, amountCents: 1 })).statusCode).toBe(400);
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/api/bills/payments/callback',
      payload: body,
    });
    expect(unsigned.statusCode).toBe(400);
    expect(await audits('bills.callback_refused')).toBe(refused + 4);
    expect((await resident.get(`/api/me/bills/${id}`)).json().status).toBe('unpaid');
    // The genuine notification still goes through afterwards.
    expect((await callback(body)).json()).toEqual({ ok: true });
    expect((await resident.get(`/api/me/bills/${id}`)).json().status).toBe('paid');
  });

  it('pays a bill once when two orders both succeed; the second is kept as a duplicate to refund', async () => {
    const id = await importOne(worker, own.id, 'ONL-3', '10.00');
    const duplicates = await audits('bills.payment_duplicate');
    const first = (await resident.post(`/api/me/bills/${id}/pay`)).json();
    // The first order's link expired unpaid, so pressing pay again makes a second order.
    await t.database.db.execute(
      sql`update bill_payments set created_at = now() - interval '1 hour' where id = ${first.paymentId}`,
    );
    const second = (await resident.post(`/api/me/bills/${id}/pay`)).json();
    expect(second.orderId).not.toBe(first.orderId);
    const paidAt = new Date().toISOString();
    for (const [order, trade] of [
      [second.orderId, 'T-3b'],
      [first.orderId, 'T-3a'],
    ])
      expect(
        (
          await callback({
            orderId: order,
            providerTradeNo: trade,
            amountCents: 1000,
            status: 'SUCCESS',
            paidAt,
            nonce: trade,
          })
        ).statusCode,
      ).toBe(200);
    const rows = await q<{ order_id: string; status: string; duplicate: boolean }>(
      sql`select order_id, status, duplicate from bill_payments where bill_id = ${id} order by id`,
    );
    expect(rows).toEqual([
      { order_id: first.orderId, status: 'succeeded', duplicate: true },
      { order_id: second.orderId, status: 'succeeded', duplicate: false },
    ]);
    const [bill] = await q<{ status: string; paid_payment_id: number }>(
      sql`select status, paid_payment_id from bills where id = ${id}`,
    );
    expect(bill).toEqual({ status: 'paid', paid_payment_id: second.paymentId });
    expect(await audits('bills.payment_duplicate')).toBe(duplicates + 1);
    // And the database itself refuses a second settlement.
    await expect(
      t.database.db.execute(sql`update bill_payments set duplicate = false where id = ${first.paymentId}`),
    ).rejects.toThrow();
  });
});

describe('refunds (退款)', () => {
  it('lists a payment that arrived for a paid bill as due, records its refund once, and keeps it out of other areas', async () => {
    const id = await importOne(worker, own.id, 'RFD-1', '33.30');
    const { orderId, payUrl } = (await resident.post(`/api/me/bills/${id}/pay`)).json();
    expect((await worker.post(`/api/bills/${id}/window-payment`, { method: 'cash' })).statusCode).toBe(200);
    const confirm = await payAtFakeProvider(payUrl, orderId);
    expect(confirm.statusCode).toBe(303);
    const payments = await q<{ id: number; duplicate: boolean }>(
      sql`select id, duplicate from bill_payments where bill_id = ${id} and status = 'succeeded' order by id`,
    );
    const window = payments.find((p) => !p.duplicate)!;
    const duplicate = payments.find((p) => p.duplicate)!;

    const due = (await worker.get('/api/bills/refunds')).json().items;
    const listed = due.find((r: { paymentId: number }) => r.paymentId === duplicate.id);
    expect(listed).toMatchObject({ channel: 'online', orderId, amountCents: 3330, refundedAt: null });
    expect(listed.bill).toMatchObject({ id, status: 'paid', externalRef: 'RFD-1' });
    expect(due.some((r: { paymentId: number }) => r.paymentId === window.id)).toBe(false);
    const theirs = (await outsider.get('/api/bills/refunds')).json().items;
    expect(theirs.some((r: { paymentId: number }) => r.paymentId === duplicate.id)).toBe(false);

    const url = `/api/bills/payments/${duplicate.id}/refund`;
    expect((await outsider.post(url, { reference: 'TK-1' })).statusCode).toBe(404);
    expect((await resident.post(url, { reference: 'TK-1' })).statusCode).toBe(403);
    const blank = await worker.post(url, { reference: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0].path).toBe('reference');
    const notDue = await worker.post(`/api/bills/payments/${window.id}/refund`, { reference: 'TK-1' });
    expect(notDue.statusCode).toBe(409);
    expect(notDue.json().error.code).toBe('bills.refund_not_due');
    const refunds = await audits('bills.refund');

    const res = await worker.post(url, { reference: ' TK20261207-0001 ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ paymentId: duplicate.id, refundReference: 'TK20261207-0001' });
    expect(res.json().refundedAt).not.toBeNull();
    expect(await audits('bills.refund')).toBe(refunds + 1);
    const again = await worker.post(url, { reference: 'TK20261207-0002' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('bills.already_refunded');
    expect(await audits('bills.refund')).toBe(refunds + 1);

    const stillDue = (await worker.get('/api/bills/refunds?state=due')).json().items;
    expect(stillDue.some((r: { paymentId: number }) => r.paymentId === duplicate.id)).toBe(false);
    const done = (await worker.get('/api/bills/refunds?state=done')).json().items;
    expect(done.find((r: { paymentId: number }) => r.paymentId === duplicate.id)).toMatchObject({
      refundReference: 'TK20261207-0001',
    });
    // The bill itself stays paid by its one settlement.
    expect((await worker.get(`/api/bills/${id}`)).json()).toMatchObject({
      status: 'paid',
      paidChannel: 'window',
    });
  });
});

describe('without a payment provider', () => {
  it('serves no fake provider and refuses callbacks', async () => {
    const { testApp } = await import('../../test/harness');
    const off = await testApp({ demoMode: false });
    try {
      // Once the web app is built, a GET of an unknown page gets the SPA's index.html; either way it is
      // not the provider's pay page, and its confirm endpoint does not exist.
      const page = await off.app.inject({ method: 'GET', url: '/fake-pay/LL1?amount=1' });
      expect(page.statusCode === 404 || !page.body.includes('/confirm')).toBe(true);
      expect((await off.app.inject({ method: 'POST', url: '/fake-pay/LL1/confirm' })).statusCode).toBe(404);
      const res = await off.app.inject({
        method: 'POST',
        url: '/api/bills/payments/callback',
        payload: { orderId: 'LL1' },
      });
      expect(res.statusCode).toBe(400);
    } finally {
      await off.close();
    }
  });
});
