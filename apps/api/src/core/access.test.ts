import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgNodes } from '../modules/org/org.schema';
import { type SeededApp, seededApp } from '../test/fixtures';
import type { Client } from '../test/harness';
import { scopeCondition } from './access';
import type { Actor } from './context';

/**
 * The access matrix of the platform core, over HTTP: every persona sees its own subtree and nothing
 * else, and everything outside answers 404 exactly like something that does not exist.
 */
let t: SeededApp;
let nodes: { id: number; level: string; path: string; parentId: number | null; code: string }[];
const byLevel = (level: string) => nodes.filter((n) => n.level === level && !n.code.startsWith('DEPT'));
beforeAll(async () => {
  t = await seededApp();
  nodes = await t.database.db.select().from(orgNodes).where(isNull(orgNodes.validTo)).orderBy(orgNodes.id);
});
afterAll(() => t.close());

async function rootsOf(c: Client) {
  const res = await c.get('/api/org/roots');
  expect(res.statusCode).toBe(200);
  return (res.json() as { id: number }[]).map((n) => n.id);
}

describe('street office', () => {
  it('sees its own street and nothing of the next one, and can change nothing there', async () => {
    const c = await t.as('street');
    const [mine, other] = byLevel('street');
    expect(await rootsOf(c)).toEqual([mine!.id]);
    expect((await c.get(`/api/org/nodes/${mine!.id}`)).statusCode).toBe(200);
    const otherCommunity = nodes.find((n) => n.parentId === other!.id && n.level === 'community')!;
    const ownCommunity = nodes.find((n) => n.parentId === mine!.id && n.level === 'community')!;
    for (const url of [
      `/api/org/nodes/${other!.id}`,
      `/api/org/nodes?parentId=${other!.id}`,
      `/api/org/nodes/${otherCommunity.id}`,
    ]) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    // The 404 for another street is byte-identical to the 404 for an id that does not exist.
    expect((await c.get(`/api/org/nodes/${other!.id}`)).body).toBe(
      (await c.get('/api/org/nodes/999999')).body,
    );
    expect((await c.patch(`/api/org/nodes/${otherCommunity.id}`, { name: '改名' })).statusCode).toBe(404);
    expect((await c.post(`/api/org/nodes/${otherCommunity.id}/retire`, { reason: 'x' })).statusCode).toBe(
      404,
    );
    expect((await c.post(`/api/org/nodes/${ownCommunity.id}/move`, { parentId: other!.id })).statusCode).toBe(
      404,
    );
    const created = await c.post('/api/org/nodes', {
      parentId: other!.id,
      level: 'community',
      code: `${other!.code.slice(0, 9)}099`,
      name: '越权社区',
    });
    expect(created.statusCode).toBe(404);
    const [unchanged] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, otherCommunity.id));
    expect(unchanged!.name).not.toBe('改名');
  });
});

describe('scope-filtered lists', () => {
  it("a search returns only nodes inside the actor's subtree", async () => {
    const c = await t.as('street');
    const [mine] = byLevel('street');
    const all = (await c.get('/api/org/search?limit=200')).json().items as { id: number }[];
    const inside = nodes.filter((n) => n.path.startsWith(mine!.path)).map((n) => n.id);
    expect(all.map((n) => n.id).sort()).toEqual([...inside].sort());
    const grids = (await c.get('/api/org/search?level=grid&limit=1')).json();
    expect(grids.items).toHaveLength(1);
    const next = (await c.get(`/api/org/search?level=grid&limit=200&cursor=${grids.nextCursor}`)).json();
    expect(next.items.length + 1).toBe(
      nodes.filter((n) => n.level === 'grid' && n.path.startsWith(mine!.path)).length,
    );
  });
});

describe('grid worker', () => {
  it('sees only their grid', async () => {
    const c = await t.as('grid');
    const roots = await rootsOf(c);
    expect(roots).toHaveLength(1);
    const grid = nodes.find((n) => n.id === roots[0])!;
    expect(grid.level).toBe('grid');
    const sibling = byLevel('grid').find((g) => g.id !== grid.id)!;
    expect((await c.get(`/api/org/nodes/${sibling.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/org/nodes/${grid.parentId}`)).statusCode).toBe(404);
  });
});

describe('department', () => {
  it('sees its own department node, not the territory around it', async () => {
    const c = await t.as('dept');
    const roots = await rootsOf(c);
    const dept = nodes.find((n) => n.id === roots[0])!;
    expect(dept.level).toBe('department');
    expect((await c.get(`/api/org/nodes/${dept.parentId}`)).statusCode).toBe(404);
    expect((await c.get(`/api/org/nodes/${byLevel('community')[0]!.id}`)).statusCode).toBe(404);
  });

  it('list queries see a record assigned to the department even when it lies in another territory', async () => {
    // The scope filter takes several node columns: a record's own node and its assignee's node.
    const c = await t.as('dept');
    const me = (await c.get('/api/auth/me')).json();
    const dept = nodes.find((n) => n.id === me.roles[0].orgNodeId)!;
    const actor: Actor = {
      accountId: me.account.id,
      kind: 'staff',
      displayName: '',
      grants: [
        {
          assignmentId: 1,
          role: 'department_staff',
          orgNodeId: dept.id,
          orgNodeName: '',
          level: 'department',
          path: dept.path,
          totpRequired: false,
        },
      ],
      via: 'session',
      tokenScopes: null,
      pendingStep: null,
    };
    const community = byLevel('community')[0]!;
    // Treat org_nodes rows as records: "own node" = id, "assignee" = parent. Only rows whose parent is
    // the department (none) or that are the department itself pass.
    const visible = await t.database.db
      .select({ id: orgNodes.id })
      .from(orgNodes)
      .where(and(scopeCondition(actor, 'cases.handle', orgNodes.id, orgNodes.parentId)));
    expect(visible.map((v) => v.id)).toEqual([dept.id]);
    const none = await t.database.db
      .select({ id: orgNodes.id })
      .from(orgNodes)
      .where(scopeCondition(actor, 'registry.read', orgNodes.id));
    expect(none).toEqual([]);
    expect(community).toBeDefined();
  });
});

describe('resident', () => {
  it('sees only their own account, and no tree, accounts or audit', async () => {
    const c = await t.as('13800138000');
    const me = (await c.get('/api/auth/me')).json();
    expect(me.account.kind).toBe('resident');
    expect(me.permissions).toEqual(['self.service']);
    for (const url of ['/api/org/roots', '/api/admin/accounts', '/api/admin/audit', '/api/admin/jobs']) {
      expect((await c.get(url)).statusCode, url).toBe(403);
    }
  });
});

describe('administrator', () => {
  it('manages accounts and configuration but holds no data permission', async () => {
    const c = await t.as('admin');
    expect((await c.get('/api/admin/accounts')).statusCode).toBe(200);
    expect((await c.get('/api/admin/audit')).statusCode).toBe(200);
    const me = (await c.get('/api/auth/me')).json();
    for (const p of ['registry.read', 'pii.reveal', 'cases.dispatch', 'stats.read'])
      expect(me.permissions).not.toContain(p);
  });
});

describe('moving a node moves its scope', () => {
  it('a community moved to another street leaves the first street officer and reaches the second', async () => {
    const civil = await t.as('civil.city');
    const [first, second] = byLevel('street');
    const community = nodes.filter((n) => n.parentId === first!.id && n.level === 'community').at(-1)!;
    const street1 = await t.as('street');
    expect((await street1.get(`/api/org/nodes/${community.id}`)).statusCode).toBe(200);
    const moved = await civil.post(`/api/org/nodes/${community.id}/move`, { parentId: second!.id });
    expect(moved.statusCode).toBe(200);
    expect((await street1.get(`/api/org/nodes/${community.id}`)).statusCode).toBe(404);
    const grid = nodes.find((n) => n.parentId === community.id)!;
    expect((await street1.get(`/api/org/nodes/${grid.id}`)).statusCode).toBe(404);
    const [gridAfter] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, grid.id));
    expect(gridAfter!.path).toBe(`${second!.path}${community.id}/${grid.id}/`);
  });
});
