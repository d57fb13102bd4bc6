import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededApp, seededApp } from '../../test/fixtures';
import { deadlineAfter, seedDefaultCalendar } from './calendar.service';

let t: SeededApp;
beforeAll(async () => {
  t = await seededApp();
  await seedDefaultCalendar(t.database.db);
});
afterAll(() => t.close());

describe('working-day calendar', () => {
  it('ships the 2026 arrangement and computes deadlines across 国庆', async () => {
    const admin = await t.as('admin');
    const days = (await admin.get('/api/calendar?year=2026')).json() as { day: string; kind: string }[];
    expect(days.find((d) => d.day === '2026-10-01')?.kind).toBe('holiday');
    expect(days.find((d) => d.day === '2026-10-10')?.kind).toBe('workday');
    // Wednesday 30 Sept 2026, 10:00 Shanghai + 1 working day → Thursday 8 Oct (1–7 Oct off), end of day.
    const due = await deadlineAfter(t.database.db, new Date('2026-09-30T02:00:00Z'), { days: 1 });
    expect(due.toISOString()).toBe('2026-10-08T09:30:00.000Z');
  });

  it('lets an administrator add a holiday, which moves deadlines at once, with an audit entry', async () => {
    const admin = await t.as('admin');
    const monday = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 Shanghai
    expect((await deadlineAfter(t.database.db, monday, { days: 1 })).toISOString()).toBe(
      '2026-11-24T09:30:00.000Z',
    );
    expect(
      (await admin.put('/api/calendar/days/2026-11-24', { kind: 'holiday', name: '临时休假' })).statusCode,
    ).toBe(200);
    expect((await deadlineAfter(t.database.db, monday, { days: 1 })).toISOString()).toBe(
      '2026-11-25T09:30:00.000Z',
    );
    const viaHttp = (await admin.get('/api/calendar/working-time?from=2026-11-23T02:00:00Z&days=1')).json();
    expect(viaHttp.due).toBe('2026-11-25T09:30:00.000Z');
    const audit = (await admin.get('/api/admin/audit?recordType=calendar_day&recordId=2026-11-24')).json();
    expect(audit.items[0].action).toBe('calendar.set');
    expect((await admin.del('/api/calendar/days/2026-11-24')).statusCode).toBe(200);
  });

  it('rejects bad dates and kinds, and non-administrators', async () => {
    const admin = await t.as('admin');
    expect(
      (await admin.put('/api/calendar/days/2026-13-45x', { kind: 'holiday', name: 'x' })).statusCode,
    ).toBe(400);
    const bad = await admin.put('/api/calendar/days/2026-12-01', { kind: 'weekend', name: 'x' });
    expect(bad.json().error.details[0]).toMatchObject({ path: 'kind', code: 'invalid_value' });
    const street = await t.as('street');
    expect(
      (await street.put('/api/calendar/days/2026-12-01', { kind: 'holiday', name: 'x' })).statusCode,
    ).toBe(403);
  });
});
