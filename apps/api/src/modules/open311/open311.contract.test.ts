import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededApp, seededApp } from '../../test/fixtures';
import {
  getBoth,
  gridPoint,
  issueKey,
  postBoth,
  postForm,
  validate,
  xmlAsJson,
} from './open311.contract-kit';
import { discoverySchema } from './schemas/discovery';
import { errorsSchema } from './schemas/errors';
import { postResponseSchema } from './schemas/post-response';
import { serviceDefinitionSchema } from './schemas/service-definition';
import { serviceRequestsSchema } from './schemas/service-requests';
import { servicesSchema } from './schemas/services';

/**
 * The Open311 GeoReport v2 contract: every endpoint in JSON and in XML against schemas written from
 * the spec, the two formats equal, and the spec's errors (403 api_key, 404 unknown, 400 the rest).
 */
let t: SeededApp;
let key: string;
let point: { lat: string; long: string };

type Req = Record<string, string>;
const V2 = '/open311/v2';

async function submit(fields: Req): Promise<string> {
  const res = await postForm(t.app, 'json', { api_key: key, ...point, ...fields });
  expect(res.statusCode, res.body).toBe(200);
  return res.json()[0].service_request_id;
}

const getRequests = (query: string) =>
  getBoth(t.app, `${V2}/requests`, 'service_requests', serviceRequestsSchema, { query });
const ids = (list: unknown) => (list as Req[]).map((r) => r.service_request_id);

async function expectError(status: number, exchange: Promise<{ status: number; json: unknown }>) {
  const { status: got, json } = await exchange;
  expect(got, JSON.stringify(json)).toBe(status);
  return (json as Array<{ code: number; description: string }>).map((e) => e.description).join(' | ');
}

beforeAll(async () => {
  t = await seededApp();
  key = (await issueKey(t, ['open311.submit'])).secret;
  point = await gridPoint(t);
});
afterAll(() => t.close());

describe('discovery', () => {
  it('names the v2 endpoint at the address the client used, its formats, changeset and how to get a key', async () => {
    const { json } = await getBoth(t.app, '/open311/discovery', 'discovery', discoverySchema, {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'linli.example.gov.cn' },
    });
    const doc = json as { changeset: string; key_service: string; endpoints: Req[] };
    expect(doc.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: 'https://linli.example.gov.cn/open311/v2',
      type: 'production',
    });
    expect(Date.parse(doc.changeset)).toBeLessThanOrEqual(Date.now());
    expect(doc.key_service).toContain('lat');
  });
});

describe('services', () => {
  it('lists the active leaf categories with their group, in Chinese or English', async () => {
    const zh = (await getBoth(t.app, `${V2}/services`, 'services', servicesSchema)).json as Req[];
    const codes = zh.map((s) => s.service_code);
    expect(codes).toContain('E0101');
    expect(codes).toContain('E03');
    expect(codes).not.toContain('E01'); // a group of services, not one
    expect(zh.find((s) => s.service_code === 'E0101')).toMatchObject({
      service_name: '暴露垃圾',
      group: '市容环境',
      type: 'realtime',
      metadata: true,
    });
    const english = [{ headers: { 'accept-language': 'en-US,en;q=0.8' } }, { query: 'locale=en' }];
    for (const opts of english) {
      const en = (await getBoth(t.app, `${V2}/services`, 'services', servicesSchema, opts)).json as Req[];
      expect(en.find((s) => s.service_code === 'E0101')).toMatchObject({
        service_name: 'Exposed rubbish',
        group: 'Street cleanliness',
      });
    }
  });

  it('defines each service by the urgency the case engine uses; unknown codes are 404', async () => {
    const { json } = await getBoth(
      t.app,
      `${V2}/services/C0101`,
      'service_definition',
      serviceDefinitionSchema,
    );
    const def = json as { service_code: string; attributes: Array<Req & { order: number; values: Req[] }> };
    expect(def.service_code).toBe('C0101');
    const orders = def.attributes.map((a) => a.order);
    expect(new Set(orders).size).toBe(orders.length);
    const urgency = def.attributes.find((a) => a.code === 'urgency')!;
    expect(urgency).toMatchObject({ datatype: 'singlevaluelist', required: false, variable: true });
    expect(urgency.values.map((v) => v.key)).toEqual(['normal', 'urgent']);
    for (const code of ['NOPE', 'E01'])
      expect(
        await expectError(404, getBoth(t.app, `${V2}/services/${code}`, 'errors', errorsSchema)),
      ).toContain(code);
  });
});

describe('POST requests', () => {
  it('files a request in either format and answers with its id; GET finds it without the reporter', async () => {
    const fields = {
      api_key: key,
      service_code: 'E0101',
      ...point,
      address_string: '幸福路 12 号门口',
      description: '垃圾桶满溢，已两天无人清运\n请尽快处理 & 谢谢',
      first_name: '三',
      last_name: '张',
      email: 'zhang.san@example.com',
      'attribute[urgency]': 'urgent',
    };
    const posted = [];
    for (const format of ['json', 'xml'] as const) {
      const res = await postForm(t.app, format, fields);
      expect(res.statusCode, res.body).toBe(200);
      const body =
        format === 'json' ? res.json() : xmlAsJson(res.body, 'service_requests', postResponseSchema);
      validate(postResponseSchema, body);
      posted.push((body as Req[])[0]!.service_request_id!);
    }
    expect(posted[0]).not.toBe(posted[1]);
    const { json, xml } = await getBoth(
      t.app,
      `${V2}/requests/${posted[0]}`,
      'service_requests',
      serviceRequestsSchema,
    );
    expect((json as Req[])[0]).toMatchObject({
      service_request_id: posted[0],
      status: 'open',
      status_notes: '信息收集',
      service_code: 'E0101',
      service_name: '暴露垃圾',
      description: fields.description,
      address: fields.address_string,
      lat: Number(point.lat),
      long: Number(point.long),
    });
    expect((json as Req[])[0]!.requested_datetime).toMatch(/\+08:00$/);
    for (const text of [JSON.stringify(json), xml.body]) {
      expect(text).not.toContain('张三');
      expect(text).not.toContain('zhang.san');
    }
    expect(xml.body).toContain('请尽快处理 &amp; 谢谢');
  });

  it('refuses a missing, unknown, revoked or foreign api_key with 403', async () => {
    const form = { service_code: 'E0101', ...point };
    const revoked = await issueKey(t, ['open311.submit']);
    expect((await (await t.as('admin')).del(`/api/admin/tokens/${revoked.tokenId}`)).statusCode).toBe(200);
    const foreign = await issueKey(t, ['org.read'], 'civil.district');
    for (const api_key of [
      undefined,
      'lnl_not-a-real-key',
      'some-other-key',
      revoked.secret,
      foreign.secret,
    ]) {
      const fields = api_key ? { ...form, api_key } : form;
      expect(await expectError(403, postBoth(t.app, fields, 'errors', errorsSchema))).toContain('api_key');
    }
    // An unscoped token carries all of its account's permissions, as everywhere on the platform.
    const unscoped = await issueKey(t, []);
    expect((await postForm(t.app, 'json', { ...form, api_key: unscoped.secret })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown service_code and 400 for what else is wrong, in the client language', async () => {
    const base = { api_key: key, service_code: 'E0101', ...point };
    const post = (fields: Req, headers: Req = {}) => postBoth(t.app, fields, 'errors', errorsSchema, headers);
    expect(await expectError(404, post({ ...base, service_code: 'X99' }))).toContain('X99');
    expect(await expectError(400, post({ api_key: key, ...point }))).toContain('service_code');
    const noPoint = { api_key: key, service_code: 'E0101', address_string: '幸福路 12 号' };
    expect(await expectError(400, post(noPoint))).toContain('lat');
    expect(await expectError(400, post(noPoint, { 'accept-language': 'en' }))).toContain(
      'lat and long are required',
    );
    expect(await expectError(400, post({ ...noPoint, locale: 'en' }))).toContain('lat and long are required');
    expect(await expectError(400, post({ ...base, lat: 'north' }))).toContain('lat');
    expect(await expectError(400, post({ ...base, long: '181' }))).toContain('long');
    expect(await expectError(400, post({ ...base, description: '<b>急</b>' }))).toContain('HTML');
    expect(await expectError(400, post({ ...base, description: 'x'.repeat(4001) }))).toContain('4000');
    expect(await expectError(400, post({ ...base, 'attribute[urgency]': 'high' }))).toContain('urgency');
    const huge = { ...base, description: '长'.repeat(30_000) };
    expect(await expectError(400, post(huge))).toContain('65536');
    const asJson = await t.app.inject({
      method: 'POST',
      url: `${V2}/requests.json`,
      payload: base,
    });
    expect(asJson.statusCode).toBe(400);
    validate(errorsSchema, asJson.json());
  });
});

describe('GET requests', () => {
  it('filters by id (overriding the rest), service_code and status; bad values are 400', async () => {
    const a = await submit({ service_code: 'E0201', description: '电线杆上小广告' });
    const b = await submit({ service_code: 'E0401', description: '占道经营' });
    const byCode = (await getRequests('service_code=E0201,E0401')).json;
    expect(ids(byCode).sort()).toEqual([a, b].sort());
    expect(ids((await getRequests(`service_request_id=${a},${b}&service_code=C0101`)).json).sort()).toEqual(
      [a, b].sort(),
    );
    expect(ids((await getRequests('service_code=E0201&status=closed')).json)).toEqual([]);
    expect(ids((await getRequests('service_code=E0201&status=open,closed')).json)).toEqual([a]);
    expect(ids((await getRequests('service_code=E0201&status=&page=')).json)).toEqual([a]); // empty = absent
    for (const query of [
      'start_date=2026-11-01',
      'start_date=yesterday',
      'end_date=2026-02-30T00:00:00Z',
      'start_date=2026-11-10T00:00:00Z&end_date=2026-11-01T00:00:00Z',
      'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
      'status=pending',
      'service_request_id=12a',
      'page=0',
      'page_size=1001',
    ])
      await expectError(400, getBoth(t.app, `${V2}/requests`, 'errors', errorsSchema, { query }));
  });

  it('defaults to the last 90 days; dates with a zone reach further back', async () => {
    const old = await submit({ service_code: 'E03', description: '工地夜间施工扰民' });
    const reported = new Date(Date.now() - 100 * 86_400_000);
    await t.database.db.execute(sql`update cases set reported_at = ${reported} where id = ${Number(old)}`);
    expect(ids((await getRequests('service_code=E03')).json)).toEqual([]);
    const day = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const window = `service_code=E03&start_date=${day(101)}&end_date=${day(99)}`;
    expect(ids((await getRequests(window)).json)).toEqual([old]);
    // An unencoded + in the zone arrives as a space; it still means +08:00.
    const plus = (d: string) => `${d.slice(0, 19)}+00:00`;
    expect(ids((await getRequests(`service_code=E03&start_date=${plus(day(101))}`)).json)).toEqual([old]);
    expect(ids((await getRequests(`service_request_id=${old}`)).json)).toEqual([old]);
  });

  it('pages with page and page_size, newest first', async () => {
    const made = [];
    for (const n of [1, 2, 3])
      made.push(await submit({ service_code: 'C0102', description: `路灯不亮 ${n}` }));
    const page = async (n: number) =>
      ids((await getRequests(`service_code=C0102&page_size=2&page=${n}`)).json);
    expect(await page(1)).toEqual([made[2], made[1]]);
    expect(await page(2)).toEqual([made[0]]);
    expect(await page(3)).toEqual([]);
  });

  it('publishes grid events only: no drafts, no complaints, nothing uncategorised, no reporter; unknown ids are 404', async () => {
    const grid = await t.as('grid');
    const resident = await t.as('13800138000');
    const categories = (await grid.get('/api/cases/categories')).json() as Array<{
      id: number;
      code: string;
    }>;
    const categoryId = categories.find((c) => c.code === 'E0101')!.id;
    const at = { lat: Number(point.lat), lng: Number(point.long), categoryId };
    const draft = (await grid.post('/api/cases', { title: '草稿', ...at, draft: true })).json();
    const complaint = (await resident.post('/api/cases', { kind: 'complaint', title: '投诉', ...at })).json();
    const bare = (await grid.post('/api/cases', { title: '未分类', ...at, categoryId: undefined })).json();
    for (const id of [draft.id, complaint.id, bare.id, 99_999_999, 'abc'])
      await expectError(404, getBoth(t.app, `${V2}/requests/${id}`, 'errors', errorsSchema));
    const listed = ids((await getRequests(`service_request_id=${draft.id},${complaint.id},${bare.id}`)).json);
    expect(listed).toEqual([]);
    // A grid worker's report, titled but not described, is published with its title as the description.
    const titled = (await grid.post('/api/cases', { title: '井盖缺失，有人踩空', ...at })).json();
    const shown = (await getRequests(`service_request_id=${titled.id}`)).json as Req[];
    expect(shown[0]).toMatchObject({
      service_request_id: String(titled.id),
      description: '井盖缺失，有人踩空',
    });
    expect(JSON.stringify(shown)).not.toContain('吴刚'); // the demo grid worker's name
  });

  it('answers unknown paths under /open311 with a GeoReport 404', async () => {
    const unknown = [`${V2}/nothing.xml`, `${V2}/requests.html`, '/open311/v3/services.json', '/open311'];
    for (const [method, url] of [
      ...unknown.map((u) => ['GET', u]),
      ['DELETE', `${V2}/requests.json`],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      const format = url.endsWith('.xml') ? 'xml' : 'json';
      const body = format === 'xml' ? xmlAsJson(res.body, 'errors', errorsSchema) : res.json();
      validate(errorsSchema, body);
    }
  });
});
