import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client';
import { type SeededApp, seededApp } from '../test/fixtures';
import { loadDemoCases } from './cases-demo';

let t: SeededApp;
beforeAll(async () => {
  t = await seededApp();
});
afterAll(() => t.close());

describe('demo cases', () => {
  it('puts one case in each part of the loop, through the real engine, once', async () => {
    expect(await loadDemoCases(t.database.db, t.config)).toBe(9);
    expect(await loadDemoCases(t.database.db, t.config)).toBe(0);
    const states = rowsOf<{ state: string }>(
      await t.database.db.execute(sql`select state from cases order by id`),
    ).map((r) => r.state);
    expect(states).toEqual([
      'reported',
      'reported',
      'filed',
      'dispatched',
      'in_progress',
      'checking',
      'evaluated',
      'self_resolved',
      'reported',
    ]);
    // Each desk has something to do.
    const street = await t.as('street');
    expect((await street.get('/api/cases?view=queue')).json().items.length).toBeGreaterThanOrEqual(4);
    const dept = await t.as('dept');
    expect((await dept.get('/api/cases?view=assigned')).json().items).toHaveLength(2);
    const grid = await t.as('grid');
    const tasks = (await grid.get('/api/cases?view=mine'))
      .json()
      .items.map((c: { state: string }) => c.state);
    expect(tasks).toEqual(expect.arrayContaining(['checking', 'reported']));
    const photo = (await grid.get('/api/cases?view=all'))
      .json()
      .items.find((c: { title: string }) => c.title.includes('杂物'));
    const detail = (await grid.get(`/api/cases/${photo.id}`)).json();
    const img = await grid.get(detail.photos[0].url);
    expect(img.headers['content-type']).toBe('image/png');
  });
});
