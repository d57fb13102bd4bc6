import { makeResidentIdNumber } from '@linli/contract';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { orgNodes } from '../org/org.schema';
import { SEARCH_BLOCK_BITS } from './search-terms';

let t: SeededApp;
let worker: Client; // community worker of the first community
let street: Client; // street officer over that community
let myGrid: number;
/** A grid of the same community whose id lies in another block of the search index. */
let farGrid: number;

beforeAll(async () => {
  t = await seededApp();
  worker = await t.as('worker');
  street = await t.as('street');
  const me = (await worker.get('/api/auth/me')).json();
  const communityId = me.roles[0].orgNodeId as number;
  const [community] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, communityId));
  const grids = await t.database.db.select().from(orgNodes).where(eq(orgNodes.parentId, communityId));
  myGrid = grids.find((g) => g.level === 'grid')!.id;
  // Ids far from the rest of the tree (a grid added years later), so its people are keyed elsewhere.
  farGrid = 50_000;
  expect(farGrid >> SEARCH_BLOCK_BITS).not.toBe(myGrid >> SEARCH_BLOCK_BITS);
  await t.database.db.insert(orgNodes).values({
    id: farGrid,
    parentId: communityId,
    level: 'grid',
    code: `${community!.code}-950`,
    name: '远号网格',
    path: `${community!.path}${farGrid}/`,
  });
});
afterAll(() => t.close());

let serial = 300;
async function register(name: string, gridId = myGrid): Promise<number> {
  serial += 2;
  const res = await worker.post('/api/registry/residents', {
    gridId,
    name,
    gender: 'male',
    birthDate: '1980-05-06',
    idNumber: makeResidentIdNumber('329901', '1980-05-06', serial + 1),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

const search = (client: Client, query: string) => client.get(`/api/registry/residents?${query}`);
const ids = async (client: Client, query: string) =>
  ((await search(client, query)).json().items as { id: number }[]).map((r) => r.id);

describe('resident search', () => {
  it('finds people in every block of the scope, counts all matches, and pages on', async () => {
    const near = [await register('缪思远'), await register('缪思琪')];
    const far = await register('缪思敏', farGrid);
    for (const q of ['缪思', 'miaos', 'ms', '思']) {
      for (const client of [worker, street]) {
        const found = await ids(client, `q=${encodeURIComponent(q)}`);
        expect(found, q).toEqual(expect.arrayContaining([...near, far]));
      }
    }
    const first = (await search(worker, `q=miaos&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(3);
    const rest = (await search(worker, `q=miaos&limit=2&cursor=${first.nextCursor}`)).json();
    expect(rest.items).toHaveLength(1);
    expect(rest.total).toBeNull();
    expect([...first.items, ...rest.items].map((r: { id: number }) => r.id).sort()).toEqual(
      [...near, far].sort(),
    );
    // Narrowed to a grid: only that grid's blocks and people.
    expect(await ids(worker, `q=miaos&nodeId=${farGrid}`)).toEqual([far]);
    expect(await ids(worker, `q=miaos&nodeId=${myGrid}`)).toEqual(expect.arrayContaining(near));
    expect(await ids(worker, `q=miaos&nodeId=${myGrid}`)).not.toContain(far);
  });

  it('finds a person after a move to a grid in another block', async () => {
    const id = await register('闵小舟');
    const moved = await worker.post(`/api/registry/residents/${id}/move`, {
      gridId: farGrid,
      movedOn: '2026-01-05',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await ids(worker, `q=mxz&nodeId=${farGrid}`)).toEqual([id]);
    expect(await ids(worker, `q=mxz&nodeId=${myGrid}`)).toEqual([]);
  });

  it('answers a search with nothing in it, and one out of scope, with an empty page', async () => {
    expect((await search(worker, 'q=xqzv')).json()).toMatchObject({ items: [], total: 0 });
    expect((await search(worker, `q=${encodeURIComponent('"*:|')}`)).json()).toMatchObject({ items: [] });
    const admin = await t.as('admin');
    expect((await search(admin, 'q=miaos')).statusCode).toBe(403);
  });

  it('asks for a second letter before searching pinyin, in the language of the request', async () => {
    const res = await search(worker, 'q=z');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'q', code: 'search.too_short' });
    expect(res.json().error.details[0].message).toContain('2');
    // The message says it too, for screens that show only the message (the phone's search as you type).
    expect(res.json().error).toMatchObject({
      code: 'search.too_short',
      message: expect.stringContaining('2'),
    });
    const english = await worker.request({
      method: 'GET',
      url: '/api/registry/residents?q=z',
      headers: { 'accept-language': 'en-US' },
    });
    expect(english.json().error.message).toMatch(/at least 2 letters/);
    // One Chinese character is a search: it names a lexeme, not a share of the alphabet.
    expect((await search(worker, `q=${encodeURIComponent('缪')}`)).statusCode).toBe(200);
  });
});
