import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { type SeededApp, seededApp } from '../../test/fixtures';

let t: SeededApp;
let residentId: number;
beforeAll(async () => {
  t = await seededApp();
  [{ id: residentId }] = rowsOf<{ id: number }>(
    await t.database.db.execute(sql`select id from accounts where kind = 'resident' limit 1`),
  ) as [{ id: number }];
});
afterAll(() => t.close());

describe('personal data: masked, revealed only with permission and reason, and audited', () => {
  it('shows the mobile masked to an administrator, who cannot reveal it', async () => {
    const admin = await t.as('admin');
    const view = (await admin.get(`/api/admin/accounts/${residentId}`)).json();
    expect(view.mobile).toBe('138****8000');
    const res = await admin.post(`/api/accounts/${residentId}/reveal`, {
      field: 'mobile',
      reason: '核对联系方式',
    });
    expect(res.statusCode).toBe(404);
  });

  it('lets the community leader over the resident reveal it with a reason, and logs the reason', async () => {
    const leader = await t.as('leader');
    const noReason = await leader.post(`/api/accounts/${residentId}/reveal`, { field: 'mobile', reason: '' });
    expect(noReason.json().error.details[0].path).toBe('reason');
    const res = await leader.post(`/api/accounts/${residentId}/reveal`, {
      field: 'mobile',
      reason: '走访前电话预约',
    });
    expect(res.json()).toEqual({ field: 'mobile', value: '13800138000' });
    const admin = await t.as('admin');
    const audit = (await admin.get(`/api/admin/audit?action=pii.reveal&recordId=${residentId}`)).json();
    expect(audit.items[0]).toMatchObject({
      role: 'community_leader',
      reason: '走访前电话预约',
      recordType: 'account',
    });
  });

  it('refuses a leader of another community exactly like a missing record', async () => {
    const street2 = await t.as('street2'); // a street office holds no pii.reveal at all
    expect(
      (await street2.post(`/api/accounts/${residentId}/reveal`, { field: 'mobile', reason: '无关人员查看' }))
        .statusCode,
    ).toBe(404);
  });

  it('stores the mobile encrypted and finds it only through the blind index', async () => {
    const [row] = rowsOf<{ mobile_enc: string; mobile_index: string }>(
      await t.database.db.execute(
        sql`select mobile_enc, mobile_index from accounts where id = ${residentId}`,
      ),
    );
    expect(row!.mobile_enc).not.toContain('13800138000');
    expect(row!.mobile_index).toBe(t.pii.blindIndex('13800138000'));
  });
});
