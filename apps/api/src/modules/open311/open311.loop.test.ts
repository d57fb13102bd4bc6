import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { accounts } from '../accounts/accounts.schema';
import { cases } from '../cases/cases.schema';
import { getBoth, gridPoint, issueKey, postForm } from './open311.contract-kit';
import { w3cDate } from './open311.render';
import { serviceRequestsSchema } from './schemas/service-requests';

/**
 * A request filed through Open311 is an ordinary case: the street dispatcher finds it in the queue
 * and the grid-event loop runs on it; the public view follows with status derived from the state's
 * type only, the stage as a localised note, the deadline, the department and the close time.
 */
let t: SeededApp;
let street: Client;
let dept: Client;
let grid: Client;
let id: string;

// The smallest JPEG the photo store accepts: SOI, a JFIF header, an empty scan, EOI.
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x07, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xda, 0x00, 0x04, 0x00, 0x00, 0x11,
  0x22, 0x33, 0xff, 0xd9,
]);

async function act(c: Client, action: string, extra: object = {}) {
  const current = (await c.get(`/api/cases/${id}`)).json();
  const res = await c.post(`/api/cases/${id}/actions`, { action, version: current.version, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function published(lang: 'zh-CN' | 'en-US' = 'zh-CN') {
  const { json } = await getBoth(
    t.app,
    `/open311/v2/requests/${id}`,
    'service_requests',
    serviceRequestsSchema,
    {
      headers: { 'accept-language': lang },
    },
  );
  return (json as Array<Record<string, string | number>>)[0]!;
}

beforeAll(async () => {
  t = await seededApp();
  [street, dept, grid] = await Promise.all([t.as('street'), t.as('dept'), t.as('grid')]);
  const { secret: key } = await issueKey(t, ['open311.submit']);
  const res = await postForm(t.app, 'json', {
    api_key: key,
    service_code: 'E0101',
    ...(await gridPoint(t)),
    description: '小区东门垃圾堆放三天未清运',
    first_name: 'Mei',
    last_name: 'Lin',
  });
  expect(res.statusCode, res.body).toBe(200);
  id = res.json()[0].service_request_id;
});
afterAll(() => t.close());

describe('a request filed through Open311', () => {
  it('waits in the street dispatcher queue as a case of the open311 channel, reported by the integration account', async () => {
    const queue = (await street.get('/api/cases?view=queue')).json();
    const item = queue.items.find((c: { id: number }) => String(c.id) === id);
    expect(item).toMatchObject({
      channel: 'open311',
      state: 'reported',
      categoryCode: 'E0101',
      reporterName: 'Mei Lin',
      reportedByMe: false,
      title: '小区东门垃圾堆放三天未清运',
    });
    const [row] = await t.database.db
      .select({ username: accounts.username })
      .from(cases)
      .innerJoin(accounts, eq(accounts.id, cases.reporterAccountId))
      .where(eq(cases.id, Number(id)));
    expect(row?.username).toBe('open311');
  });

  it('shows each stage in the public view while open, and closed with the close time once checked', async () => {
    expect(await published()).toMatchObject({ status: 'open', status_notes: '信息收集' });

    const filed = await act(street, 'file');
    expect(await published()).toMatchObject({
      status: 'open',
      status_notes: '立案',
      expected_datetime: w3cDate(new Date(filed.dueAt)),
    });
    const deptId = (await dept.get('/api/auth/me')).json().roles[0].orgNodeId;
    const dispatched = await act(street, 'dispatch', { assigneeNodeId: deptId });
    expect(await published()).toMatchObject({
      status: 'open',
      status_notes: '派遣',
      agency_responsible: dispatched.assigneeNodeName,
    });
    expect(await published('en-US')).toMatchObject({ status: 'open', status_notes: 'Dispatch' });

    await act(dept, 'accept');
    const photo = (
      await dept.request({
        method: 'POST',
        url: '/api/cases/photos',
        payload: JPEG,
        headers: { 'content-type': 'image/jpeg' },
      })
    ).json();
    await act(dept, 'handle', { note: '已清运', photoIds: [photo.id] });
    expect(await published()).toMatchObject({ status: 'open', status_notes: '反馈' });
    await act(street, 'request_check');
    expect(await published()).toMatchObject({ status: 'open', status_notes: '核查' });
    const closed = await act(grid, 'check_pass');
    expect(closed.state).toBe('closed');

    expect(await published()).toMatchObject({
      status: 'closed',
      status_notes: '结案',
      updated_datetime: w3cDate(new Date(closed.closedAt)),
    });
    expect(await published('en-US')).toMatchObject({ status: 'closed', status_notes: 'Closed' });
    const list = async (status: string) =>
      (
        await getBoth(t.app, '/open311/v2/requests', 'service_requests', serviceRequestsSchema, {
          query: `service_code=E0101&status=${status}`,
        })
      ).json as Array<{ service_request_id: string }>;
    expect((await list('closed')).map((r) => r.service_request_id)).toContain(id);
    expect((await list('open')).map((r) => r.service_request_id)).not.toContain(id);
  });
});
