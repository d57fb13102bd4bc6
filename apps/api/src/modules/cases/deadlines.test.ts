import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid, type Polygon } from '../../demo-city/geometry';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { jobs } from '../jobs/jobs.schema';
import { orgNodes } from '../org/org.schema';
import { caseEvents, cases } from './cases.schema';
import { caseJobHandlers, scheduleSweep, sweepDeadlines } from './deadlines';

let t: SeededApp;
let grid: Client;
let street: Client;
let point: { lat: number; lng: number };

beforeAll(async () => {
  t = await seededApp();
  [grid, street] = await Promise.all([t.as('grid'), t.as('street')]);
  const me = (await grid.get('/api/auth/me')).json();
  const [node] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, me.roles[0].orgNodeId));
  const [lng, lat] = centroid(node!.boundary as Polygon);
  point = { lat: lat!, lng: lng! };
});
afterAll(() => t.close());

const HOUR = 3_600_000;

describe('the deadline sweep', () => {
  it('warns before a stage deadline, escalates one level after it, and counts a passed case deadline once', async () => {
    const categoryId = (await grid.get('/api/cases/categories')).json()[0].id;
    const c = (await grid.post('/api/cases', { title: '超期测试', ...point })).json();
    const filed = (
      await street.post(`/api/cases/${c.id}/actions`, { action: 'file', version: 1, categoryId })
    ).json();
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, c.id));
    const due = row!.stageDueAt!;
    const entered = row!.stageEnteredAt;

    // Early in the stage: nothing.
    expect(await sweepDeadlines(t.database.db, new Date(entered.getTime() + 1000))).toMatchObject({
      warned: 0,
      escalated: 0,
    });
    // In the last fifth of the stage: one warning, and only one.
    const late = new Date(due.getTime() - (due.getTime() - entered.getTime()) * 0.1);
    expect((await sweepDeadlines(t.database.db, late)).warned).toBe(1);
    expect((await sweepDeadlines(t.database.db, late)).warned).toBe(0);
    // Past the stage deadline: escalated from community to street, once.
    const after = new Date(due.getTime() + HOUR);
    expect((await sweepDeadlines(t.database.db, after)).escalated).toBe(1);
    expect((await sweepDeadlines(t.database.db, after)).escalated).toBe(0);
    const view = (await street.get(`/api/cases/${c.id}`)).json();
    expect(view.handlingLevel).toBe('street');
    expect(view.version).toBe(filed.version); // a flag, not a state change
    const events = await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['deadline_warning', 'deadline_escalated']),
    );
    expect(
      (await street.get('/api/cases?view=queue&escalated=true'))
        .json()
        .items.map((i: { id: number }) => i.id),
    ).toContain(c.id);

    // The whole case deadline passes while open: counted into 应结案 once, never again at closing.
    const pastCaseDue = new Date(row!.dueAt!.getTime() + HOUR);
    expect((await sweepDeadlines(t.database.db, pastCaseDue)).due).toBe(1);
    expect((await sweepDeadlines(t.database.db, pastCaseDue)).due).toBe(0);
    const [counted] = await t.database.db.select().from(cases).where(eq(cases.id, c.id));
    expect(counted!.dueCounted).toBe(true);
  });

  it('keeps exactly one sweep queued, and the sweep job schedules its successor', async () => {
    await scheduleSweep(t.database.db);
    await scheduleSweep(t.database.db);
    const queued = () =>
      t.database.db
        .select()
        .from(jobs)
        .where(eq(jobs.kind, 'cases.sweep'))
        .then((rows) => rows.filter((r) => r.status === 'queued'));
    expect(await queued()).toHaveLength(1);
    await t.database.db.delete(jobs).where(eq(jobs.kind, 'cases.sweep'));
    await caseJobHandlers['cases.sweep']!(t.database.db, {});
    expect(await queued()).toHaveLength(1);
  });
});
