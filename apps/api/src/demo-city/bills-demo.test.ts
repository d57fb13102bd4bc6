import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededApp, seededApp } from '../test/fixtures';
import { loadDemoBills } from './bills-demo';

let t: SeededApp;
beforeAll(async () => {
  t = await seededApp();
});
afterAll(() => t.close());

describe('demo bills', () => {
  it('gives the demo resident unpaid and paid bills, and neighbours some, once', async () => {
    expect(await loadDemoBills(t.database.db)).toBeGreaterThan(7);
    expect(await loadDemoBills(t.database.db)).toBe(0);
    const mine = (await (await t.as('13800138000')).get('/api/me/bills')).json().items;
    expect(mine.filter((b: { status: string }) => b.status === 'unpaid')).toHaveLength(4);
    expect(mine.filter((b: { status: string }) => b.status === 'paid')).toHaveLength(3);
    expect(mine[0].status).toBe('unpaid');
    const desk = (await (await t.as('worker')).get('/api/bills')).json();
    expect(desk.totals.count).toBeGreaterThan(mine.length);
    const paid = mine.find((b: { status: string }) => b.status === 'paid');
    expect((await (await t.as('worker')).get(`/api/bills/${paid.id}/receipt`)).statusCode).toBe(200);
  });
});
