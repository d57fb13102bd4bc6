import { CASE_STATES, type CaseState, FLAG_ACTIONS, TRANSITIONS } from '@linli/contract';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid, type Polygon } from '../../demo-city/geometry';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { orgNodes } from '../org/org.schema';
import { caseEvents, cases } from './cases.schema';
import { jpegWithExif } from './test-images';

/**
 * Random sequences of actions by random people on one case each, through the API. Whatever happens,
 * the engine must keep its invariants: only transitions from the table, every closed case has a close
 * time, the counters on the row match the timeline, and a refused action changes nothing.
 */
const ACTIONS = [...Object.keys(TRANSITIONS), ...Object.keys(FLAG_ACTIONS)];
const PEOPLE = ['grid', 'street', 'dept', 'leader', 'street2'] as const;

let t: SeededApp;
const clients = {} as Record<(typeof PEOPLE)[number], Client>;
let point: { lat: number; lng: number };
let deptId: number;
let categoryId: number;

beforeAll(async () => {
  t = await seededApp();
  for (const p of PEOPLE) clients[p] = await t.as(p);
  const me = (await clients.grid.get('/api/auth/me')).json();
  const [node] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, me.roles[0].orgNodeId));
  const [lng, lat] = centroid(node!.boundary as Polygon);
  point = { lat: lat!, lng: lng! };
  deptId = (await clients.dept.get('/api/auth/me')).json().roles[0].orgNodeId;
  categoryId = (await clients.grid.get('/api/cases/categories')).json()[0].id;
});
afterAll(() => t.close());

async function fieldsFor(who: Client, action: string): Promise<Record<string, unknown>> {
  const photo = async () => {
    const res = await who.request({
      method: 'POST',
      url: '/api/cases/photos',
      payload: jpegWithExif(`P${Math.random()}`),
      headers: { 'content-type': 'image/jpeg' },
    });
    return [res.json().id];
  };
  switch (action) {
    case 'file':
      return { categoryId };
    case 'dispatch':
      return { assigneeNodeId: deptId };
    case 'reject':
      return { reasonCode: 'insufficient_info' };
    case 'transfer':
      return { externalSystem: 'hotline_12345', externalId: 'X-1' };
    case 'evaluate':
      return { rating: 3 };
    case 'handle':
    case 'self_resolve':
      return { note: '处理', photoIds: await photo() };
    case 'request_postpone':
      return { note: '需要时间', dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() };
    case 'merge':
      return { parentId: 1 };
    default:
      return { note: '说明' };
  }
}

describe('the case engine under random use', () => {
  it('never leaves the table, and keeps close times and counters true', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Mostly an action the person is offered (to walk deep into the loop), sometimes any action at all.
        fc.array(
          fc.record({
            who: fc.constantFrom(...PEOPLE),
            offered: fc.boolean(),
            pick: fc.nat(),
            action: fc.constantFrom(...ACTIONS),
          }),
          {
            minLength: 5,
            maxLength: 25,
          },
        ),
        async (steps) => {
          const created = await clients.grid.post('/api/cases', { title: '随机案件', ...point });
          expect(created.statusCode).toBe(201);
          const id = created.json().id as number;
          for (const step of steps) {
            const who = clients[step.who];
            const view = await who.get(`/api/cases/${id}`);
            const offered: string[] = view.statusCode === 200 ? view.json().actions : [];
            if (step.offered && offered.length > 0) step.action = offered[step.pick % offered.length]!;
            const [before] = await t.database.db.select().from(cases).where(eq(cases.id, id));
            const res = await who.post(`/api/cases/${id}/actions`, {
              action: step.action,
              version: before!.version,
              ...(await fieldsFor(who, step.action)),
            });
            const [after] = await t.database.db.select().from(cases).where(eq(cases.id, id));
            // An offered action is one the engine accepts (given the fields it needs).
            if (offered.includes(step.action) && step.action !== 'merge')
              expect(res.statusCode, res.body).toBe(200);
            if (res.statusCode === 200) {
              const def = TRANSITIONS[step.action as keyof typeof TRANSITIONS];
              if (def) {
                expect(def.from as readonly string[]).toContain(before!.state);
                expect(after!.state).toBe(def.to);
              } else {
                expect(after!.state).toBe(before!.state);
              }
              expect(after!.version).toBe(before!.version + 1);
            } else {
              expect([400, 403, 404, 409]).toContain(res.statusCode);
              expect(after).toEqual(before);
            }
            const type = CASE_STATES[after!.state as CaseState].type;
            if (type === 'closed') expect(after!.closedAt).not.toBeNull();
            else expect(after!.closedAt).toBeNull();
          }
          const events = await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
          const count = (action: string) => events.filter((e) => e.action === action).length;
          const [row] = await t.database.db.select().from(cases).where(eq(cases.id, id));
          expect(row!.reworkCount).toBe(count('check_fail'));
          expect(row!.wrongDispatchCount).toBe(count('return'));
          expect(row!.postponeCount).toBe(count('approve_postpone'));
          expect(row!.reopenCount).toBe(count('reopen'));
          // Every state change on the timeline follows the table.
          for (const e of events.filter((e) => e.toState && e.fromState)) {
            const def = TRANSITIONS[e.action as keyof typeof TRANSITIONS];
            expect(def, e.action).toBeDefined();
            expect(def.from as readonly string[]).toContain(e.fromState);
            expect(def.to).toBe(e.toState);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 240_000);
});
