import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid, type Polygon } from '../../demo-city/geometry';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { orgNodes } from '../org/org.schema';

let t: SeededApp;
let grid: Client;
let leader: Client;
let street: Client;
let dept: Client;
let resident: Client;
let point: { lat: number; lng: number };

beforeAll(async () => {
  t = await seededApp();
  [grid, leader, street, dept, resident] = await Promise.all([
    t.as('grid'),
    t.as('leader'),
    t.as('street'),
    t.as('dept'),
    t.as('13800138000'),
  ]);
  const me = (await grid.get('/api/auth/me')).json();
  const [node] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, me.roles[0].orgNodeId));
  const [lng, lat] = centroid(node!.boundary as Polygon);
  point = { lat: lat!, lng: lng! };
});
afterAll(() => t.close());

const unread = async (c: Client) => (await c.get('/api/notices?unread=true')).json();

describe('notices', () => {
  it('alerts the grid worker and the community at once when a resident calls for help', async () => {
    const call = await resident.post('/api/cases', { kind: 'emergency', title: '独居老人摔倒', ...point });
    expect(call.statusCode).toBe(201);
    expect(call.json().urgency).toBe('urgent');
    for (const c of [grid, leader]) {
      const page = await unread(c);
      const alert = page.items.find((n: { kind: string }) => n.kind === 'case_emergency');
      expect(alert).toMatchObject({ priority: 'urgent', params: { caseId: call.json().id }, read: false });
    }
    // The street is not on duty for a single grid; it sees the case in its queue instead.
    expect((await unread(street)).items.some((n: { kind: string }) => n.kind === 'case_emergency')).toBe(
      false,
    );
  });

  it('tells a department of an assignment and the reporter of progress; each reads only their own', async () => {
    const categoryId = (await grid.get('/api/cases/categories')).json()[0].id;
    const deptId = (await dept.get('/api/auth/me')).json().roles[0].orgNodeId;
    const c = (await resident.post('/api/cases', { title: '路面塌陷', ...point })).json();
    const filed = (
      await street.post(`/api/cases/${c.id}/actions`, { action: 'file', version: 1, categoryId })
    ).json();
    await street.post(`/api/cases/${c.id}/actions`, {
      action: 'dispatch',
      version: filed.version,
      assigneeNodeId: deptId,
    });
    const deptNotice = (await unread(dept)).items.find((n: { kind: string }) => n.kind === 'case_assigned');
    expect(deptNotice.params.caseId).toBe(c.id);
    const mine = await unread(resident);
    expect(
      mine.items
        .filter((n: { params: { caseId: number } }) => n.params.caseId === c.id)
        .map((n: { params: { state: string } }) => n.params.state),
    ).toEqual(['dispatched', 'filed']);
    // Someone else's notice cannot be marked read (and is not confirmed to exist).
    expect((await grid.post('/api/notices/read', { ids: [deptNotice.id] })).statusCode).toBe(404);
    expect((await dept.post('/api/notices/read', { ids: [deptNotice.id] })).statusCode).toBe(200);
    expect((await unread(dept)).items.some((n: { id: number }) => n.id === deptNotice.id)).toBe(false);
    await resident.post('/api/notices/read', {});
    expect((await unread(resident)).unread).toBe(0);
  });
});
