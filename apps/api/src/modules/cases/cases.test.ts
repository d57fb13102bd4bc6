import { stat } from 'node:fs/promises';
import { desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid, type Polygon } from '../../demo-city/geometry';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { verifyAuditChain } from '../audit';
import { auditLog } from '../audit/audit.schema';
import { jobs } from '../jobs/jobs.schema';
import { orgNodes } from '../org/org.schema';
import { caseEvents, casePhotos, cases } from './cases.schema';
import { sweepUnattachedPhotos } from './photo-sweep';
import { photoFile } from './photos';
import { foldAll } from './stats';
import { jpegWithExif } from './test-images';

let t: SeededApp;
let grid: Client;
let street: Client;
let dept: Client;
let resident: Client;
let gridNode: { id: number; name: string; boundary: unknown };
let point: { lat: number; lng: number };
let deptId: number;
let categoryId: number;

async function upload(c: Client, body = jpegWithExif(), type = 'image/jpeg') {
  return c.request({
    method: 'POST',
    url: '/api/cases/photos',
    payload: body,
    headers: { 'content-type': type },
  });
}

async function act(c: Client, id: number, action: string, extra: object = {}) {
  const current = (await c.get(`/api/cases/${id}`)).json();
  return c.post(`/api/cases/${id}/actions`, { action, version: current.version, ...extra });
}

beforeAll(async () => {
  t = await seededApp();
  [grid, street, dept, resident] = await Promise.all([
    t.as('grid'),
    t.as('street'),
    t.as('dept'),
    t.as('13800138000'),
  ]);
  const me = (await grid.get('/api/auth/me')).json();
  const [node] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, me.roles[0].orgNodeId));
  gridNode = node!;
  const [lng, lat] = centroid(node!.boundary as Polygon);
  point = { lat: lat!, lng: lng! };
  deptId = (await dept.get('/api/auth/me')).json().roles[0].orgNodeId;
  categoryId = (await grid.get('/api/cases/categories'))
    .json()
    .find((c: { code: string }) => c.code === 'E0101').id;
});
afterAll(() => t.close());

const audits = async (action: string) =>
  (await t.database.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, action))).length;

describe('the grid-event loop', () => {
  it('runs report → file → dispatch → return → re-dispatch → handle → check fail → handle → pass → rate, with counters and indicators', async () => {
    const photo = (await upload(grid)).json();
    const reported = await grid.post('/api/cases', {
      title: '小区门口暴露垃圾',
      ...point,
      photoIds: [photo.id],
      categoryId,
    });
    expect(reported.statusCode).toBe(201);
    const c = reported.json();
    expect(c).toMatchObject({
      state: 'reported',
      stateType: 'open',
      stage: 'collect',
      orgNodeId: gridNode.id,
      outsideGrids: false,
    });
    expect(c.photos).toHaveLength(1);
    const id = c.id;

    expect((await act(street, id, 'file', { categoryId })).json()).toMatchObject({
      state: 'filed',
      stage: 'file',
    });
    expect((await act(street, id, 'dispatch', { assigneeNodeId: deptId })).json()).toMatchObject({
      state: 'dispatched',
      assigneeNodeId: deptId,
    });
    const returned = (await act(dept, id, 'return', { note: '不属于本部门职责' })).json();
    expect(returned).toMatchObject({ state: 'filed', wrongDispatchCount: 1, assigneeNodeId: null });
    // The department no longer sees it once it is back with the dispatcher.
    expect((await dept.get(`/api/cases/${id}`)).statusCode).toBe(404);
    await act(street, id, 'dispatch', { assigneeNodeId: deptId });
    await act(dept, id, 'accept');
    // Handling a grid event needs after-photos.
    const noPhoto = await act(dept, id, 'handle', { note: '已清理' });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().error.details[0].path).toBe('photoIds');
    const after1 = (await upload(dept, jpegWithExif('A1'))).json();
    expect((await act(dept, id, 'handle', { note: '已清理', photoIds: [after1.id] })).json().state).toBe(
      'handled',
    );
    await act(street, id, 'request_check');
    const failed = (await act(grid, id, 'check_fail', { note: '仍有残留' })).json();
    expect(failed).toMatchObject({ state: 'in_progress', reworkCount: 1 });
    const after2 = (await upload(dept, jpegWithExif('A2'))).json();
    await act(dept, id, 'handle', { note: '已彻底清理', photoIds: [after2.id] });
    await act(street, id, 'request_check');
    const closed = (await act(grid, id, 'check_pass')).json();
    expect(closed).toMatchObject({ state: 'closed', stateType: 'closed' });
    expect(closed.closedAt).not.toBeNull();
    const rated = (await act(grid, id, 'evaluate', { rating: 5 })).json();
    expect(rated).toMatchObject({ state: 'evaluated', rating: 5 });

    // The reporter may reopen within 7 days of closing, not after.
    expect(rated.actions).toContain('reopen');
    await t.database.db
      .update(cases)
      .set({ closedAt: new Date(Date.now() - 8 * 86_400_000) })
      .where(eq(cases.id, id));
    const late = await act(grid, id, 'reopen', { note: '又有垃圾' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('cases.reopen_window_passed');
    expect((await grid.get(`/api/cases/${id}`)).json().actions).not.toContain('reopen');

    // Counters on the row match the timeline.
    const events = await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    expect(events.filter((e) => e.action === 'check_fail')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'return')).toHaveLength(1);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const ind = (await street.get(`/api/cases/indicators?from=${today}&to=${today}`)).json();
    expect(ind.total.counters).toMatchObject({
      reported: 1,
      filed: 1,
      closed: 1,
      rework: 1,
      wrong_dispatch: 1,
      dispatched: 2,
      evaluated: 1,
      satisfied: 1,
    });
    expect(ind.total.onTimeClosureRate).toBe(1);
    expect(ind.total.reworkRate).toBe(0.5);
    expect(
      ind.byDepartment.find((d: { nodeId: number }) => d.nodeId === deptId).figures.counters.wrong_dispatch,
    ).toBe(1);
    const xlsx = await street.get(`/api/cases/indicators.xlsx?from=${today}&to=${today}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a transition outside the table, by the wrong role, or on a stale version, and changes nothing', async () => {
    const c = (await grid.post('/api/cases', { title: '路灯不亮', ...point })).json();
    const wrongState = await act(street, c.id, 'dispatch', { assigneeNodeId: deptId });
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json().error.code).toBe('cases.transition_not_allowed');
    const wrongRole = await act(grid, c.id, 'file', { categoryId });
    expect(wrongRole.statusCode).toBe(403);
    const stale = await street.post(`/api/cases/${c.id}/actions`, {
      action: 'file',
      version: c.version + 5,
      categoryId,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('cases.stale_version');
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ state: 'reported', version: 1 });
  });

  it('keeps a report outside every grid in the nearest community, flagged', async () => {
    const res = await grid.post('/api/cases', { title: '城外', lat: 10, lng: 10 });
    expect(res.statusCode).toBe(400);
    // Just west of the city, beside its westernmost community: outside every grid, but clearly ours.
    const communities = await t.database.db.select().from(orgNodes).where(eq(orgNodes.level, 'community'));
    const west = (n: (typeof communities)[number]) =>
      Math.min(...(n.boundary as Polygon).coordinates[0]!.map(([x]) => x));
    const edge = communities.sort((a, b) => west(a) - west(b))[0]!;
    const [, edgeLat] = centroid(edge.boundary as Polygon);
    const near = await resident.post('/api/cases', {
      title: '郊外道路坍塌',
      lat: edgeLat!,
      lng: west(edge) - 0.005,
    });
    expect(near.statusCode, near.body).toBe(201);
    expect(near.json()).toMatchObject({ outsideGrids: true, orgNodeId: edge.id });
    // Far away is not this city's: a field error, nothing stored.
    const far = await resident.post('/api/cases', { title: '外省', lat: point.lat + 5, lng: point.lng + 5 });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details[0]).toMatchObject({ path: 'lat', code: 'cases.location_unknown' });
  });

  it('answers a report with exactly what reading the case back gives (built from the rows its transaction wrote)', async () => {
    const [before, after] = [(await upload(grid)).json(), (await upload(grid)).json()];
    const reports: Array<[Client, object]> = [
      [grid, { title: '井盖缺失', ...point, categoryId, urgency: 'urgent' }],
      [
        grid,
        {
          title: '共享单车乱停',
          ...point,
          categoryId,
          photoIds: [before.id],
          selfResolved: { note: '已摆放整齐', afterPhotoIds: [after.id] },
        },
      ],
      [resident, { kind: 'emergency', title: '独居老人呼救', ...point }],
      [resident, { title: '楼道灯不亮', orgNodeId: gridNode.id }],
    ];
    for (const [who, body] of reports) {
      const res = await who.post('/api/cases', body);
      expect(res.statusCode, res.body).toBe(201);
      const readBack = await who.get(`/api/cases/${res.json().id}`);
      expect(res.json()).toEqual(readBack.json());
    }
  });

  it('takes reports in an imported category, refuses them once it is retired, and again after re-import', async () => {
    const admin = await t.as('admin');
    const category = {
      code: 'X0901',
      type: 'event',
      nameZh: '共享单车乱停',
      nameEn: 'Misparked shared bicycles',
    };
    expect((await grid.post('/api/cases/categories/import', { categories: [category] })).statusCode).toBe(
      403,
    );
    expect((await admin.post('/api/cases/categories/import', { categories: [category] })).json()).toEqual({
      count: 1,
    });
    const id = (await grid.get('/api/cases/categories'))
      .json()
      .find((c: { code: string }) => c.code === 'X0901').id;
    const report = () => grid.post('/api/cases', { title: '单车堵住消防通道', ...point, categoryId: id });
    expect((await report()).statusCode).toBe(201);
    const retired = await admin.post(`/api/cases/categories/${id}/retire`, {});
    expect(retired.json()).toMatchObject({ code: 'X0901', active: false });
    const refused = await report();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({
      path: 'categoryId',
      code: 'cases.category_unknown',
    });
    expect((await admin.post('/api/cases/categories/import', { categories: [category] })).statusCode).toBe(
      200,
    );
    expect((await report()).statusCode).toBe(201);
    expect((await admin.post('/api/cases/categories/999999/retire', {})).statusCode).toBe(404);
  });

  it('writes an ordinary report whole or not at all: case, photos, audit entry and intake job', async () => {
    const db = t.database.db;
    const counts = async () => ({
      cases: (await db.select({ id: cases.id }).from(cases)).length,
      audit: (await db.select({ id: auditLog.id }).from(auditLog)).length,
      jobs: (await db.select({ id: jobs.id }).from(jobs)).length,
    });
    const [mine, mine2] = [(await upload(grid)).json(), (await upload(grid)).json()];
    const theirs = (await upload(resident)).json();
    const before = await counts();
    const refused = await grid.post('/api/cases', {
      title: '路灯损坏',
      ...point,
      photoIds: [mine.id, theirs.id],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ path: 'photoIds', code: 'cases.photo_unknown' });
    expect(await counts()).toEqual(before);
    const [untouched] = await db.select().from(casePhotos).where(eq(casePhotos.id, mine.id));
    expect(untouched!.caseId).toBeNull();

    const res = await grid.post('/api/cases', {
      title: '路灯损坏',
      ...point,
      categoryId,
      photoIds: [mine2.id, mine.id, mine.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.photos.map((p: { id: number }) => p.id)).toEqual([mine.id, mine2.id]);
    expect((await grid.get(`/api/cases/${created.id}`)).json()).toEqual(created);
    expect(await counts()).toEqual({
      cases: before.cases + 1,
      audit: before.audit + 1,
      jobs: before.jobs + 1,
    });
    const [entry] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ action: 'case.report', recordType: 'case', recordId: String(created.id) });
    const [job] = await db.select().from(jobs).orderBy(desc(jobs.id)).limit(1);
    expect(job).toMatchObject({ kind: 'cases.intake', payload: { caseId: created.id } });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, firstBrokenId: null });

    // A draft is kept on the phone's side of the loop: audited, but no intake job yet.
    const draft = await grid.post('/api/cases', { title: '草稿', ...point, draft: true });
    expect(draft.json().state).toBe('draft');
    expect(await counts()).toEqual({
      cases: before.cases + 2,
      audit: before.audit + 2,
      jobs: before.jobs + 1,
    });
  });

  it('sweeps uploads no report took within 30 days, and removes a file only when no other upload has its bytes', async () => {
    const db = t.database.db;
    const keep = (tag: string) =>
      grid.request({
        method: 'POST',
        url: '/api/cases/photos?keepLocation=true',
        payload: jpegWithExif(tag),
        headers: { 'content-type': 'image/jpeg' },
      });
    const oldShared = (await keep('sweep-shared')).json();
    const attached = (await keep('sweep-shared')).json(); // the same bytes, taken by a report below
    const oldAlone = (await keep('sweep-alone')).json();
    const recent = (await keep('sweep-recent')).json();
    const report = await grid.post('/api/cases', { title: '占道堆物', ...point, photoIds: [attached.id] });
    expect(report.statusCode, report.body).toBe(201);
    await db
      .update(casePhotos)
      .set({ createdAt: new Date(Date.now() - 31 * 24 * 3_600_000) })
      .where(inArray(casePhotos.id, [oldShared.id, oldAlone.id, attached.id]));
    const rows = await db
      .select()
      .from(casePhotos)
      .where(inArray(casePhotos.id, [oldShared.id, oldAlone.id, recent.id]));
    const fileOf = (id: number) => {
      const r = rows.find((row) => row.id === id)!;
      return photoFile(t.config.dataDir, r.sha256, r.mime);
    };
    const exists = (file: string) =>
      stat(file).then(
        () => true,
        () => false,
      );
    const swept = await audits('case.photos_swept');

    expect(await sweepUnattachedPhotos(db, t.config.dataDir)).toBe(2);
    const left = await db
      .select({ id: casePhotos.id })
      .from(casePhotos)
      .where(inArray(casePhotos.id, [oldShared.id, oldAlone.id, attached.id, recent.id]));
    expect(left.map((r) => r.id).sort((a, b) => a - b)).toEqual([attached.id, recent.id]);
    expect(await exists(fileOf(oldShared.id))).toBe(true); // the report's photo has the same bytes
    expect(await exists(fileOf(oldAlone.id))).toBe(false);
    expect(await exists(fileOf(recent.id))).toBe(true);
    expect((await grid.get(`/api/cases/photos/${oldAlone.id}`)).statusCode).toBe(404);
    expect((await grid.get(`/api/cases/photos/${attached.id}`)).statusCode).toBe(200);
    expect(await audits('case.photos_swept')).toBe(swept + 1);
    expect(await sweepUnattachedPhotos(db, t.config.dataDir)).toBe(0);
    expect(await audits('case.photos_swept')).toBe(swept + 1);
  });

  it('replays an idempotency key to the first case', async () => {
    const body = { title: '离线上报', ...point, idempotencyKey: 'offline-0001-abcdef' };
    const a = (await grid.post('/api/cases', body)).json();
    const b = (await grid.post('/api/cases', body)).json();
    expect(b.id).toBe(a.id);
  });

  it('stores photos without location metadata unless asked, and refuses non-images', async () => {
    const res = (await upload(grid)).json();
    const got = await grid.get(res.url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.includes(Buffer.from('GPS'))).toBe(false);
    const kept = (
      await grid.request({
        method: 'POST',
        url: '/api/cases/photos?keepLocation=true',
        payload: jpegWithExif(),
        headers: { 'content-type': 'image/jpeg' },
      })
    ).json();
    expect((await grid.get(kept.url)).rawPayload.includes(Buffer.from('GPS'))).toBe(true);
    const text = await upload(grid, Buffer.from('not an image at all'), 'application/octet-stream');
    expect(text.statusCode).toBe(415);
    const big = await grid.request({
      method: 'POST',
      url: '/api/cases/photos',
      payload: Buffer.alloc(11 * 1024 * 1024, 1),
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(big.statusCode).toBe(413);
    // Someone else's unattached upload is invisible.
    expect((await street.get(res.url)).statusCode).toBe(404);
  });

  it('hides cases outside scope as 404 and lets the resident follow and rate their own', async () => {
    const mine = (await resident.post('/api/cases', { title: '楼道灯坏了', ...point })).json();
    expect(mine.channel).toBe('resident');
    const other = await t.as('street2');
    expect((await other.get(`/api/cases/${mine.id}`)).statusCode).toBe(404);
    const list = (await resident.get('/api/cases?view=reported')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(mine.id);
    await foldAll(t.database.db);
  });

  it('adds new counters into already folded days (and rolls them up to the street)', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const read = async () =>
      (await street.get(`/api/cases/indicators?from=${today}&to=${today}`)).json().total.counters
        .reported as number;
    const before = await read();
    await grid.post('/api/cases', { title: '再报一件', ...point });
    expect(await read()).toBe(before + 1);
  });
});
