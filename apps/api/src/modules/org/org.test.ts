import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededApp, seededApp } from '../../test/fixtures';
import type { Client } from '../../test/harness';
import { orgNodes } from './org.schema';

let t: SeededApp;
let civil: Client;
let street: { id: number; code: string; path: string };
beforeAll(async () => {
  t = await seededApp();
  civil = await t.as('civil.city');
  const [row] = await t.database.db
    .select()
    .from(orgNodes)
    .where(eq(orgNodes.level, 'street'))
    .orderBy(orgNodes.id)
    .limit(1);
  street = row!;
});
afterAll(() => t.close());

const communityCode = (serial: string) => `${street.code.slice(0, 9)}${serial}`;

describe('creating nodes', () => {
  it('creates a community with a 12-digit code under its street, and a grid with community code + serial', async () => {
    const res = await civil.post('/api/org/nodes', {
      parentId: street.id,
      level: 'community',
      code: communityCode('088'),
      name: '新建社区',
      communityType: 'new_build',
      figures: { households: 1200, permanentPopulation: 3300, floatingPopulation: 400 },
    });
    expect(res.statusCode).toBe(200);
    const community = res.json();
    expect(community).toMatchObject({
      level: 'community',
      communityType: 'new_build',
      households: 1200,
      childCount: 0,
    });
    const grid = await civil.post('/api/org/nodes', {
      parentId: community.id,
      level: 'grid',
      code: `${communityCode('088')}-001`,
      name: '第1网格',
    });
    expect(grid.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(orgNodes).where(eq(orgNodes.id, grid.json().id));
    expect(row!.path).toBe(`${street.path}${community.id}/${grid.json().id}/`);
    expect((await civil.get(`/api/org/nodes/${community.id}`)).json().childCount).toBe(1);
  });

  it('refuses codes that break the standard or the parent prefix, levels out of order, and duplicates', async () => {
    const cases: [object, string, string][] = [
      [{ code: '12345' }, 'code', 'division.length'],
      [{ code: `${street.code.slice(0, 6)}098077` }, 'code', 'org.code_prefix'],
      [{ code: communityCode('088') }, 'code', 'org.code_taken'],
      [{ level: 'grid', code: `${communityCode('089')}-001` }, 'level', 'org.level_mismatch'],
      [{ name: '' }, 'name', 'too_small.string'],
      [{ name: 'x'.repeat(65) }, 'name', 'too_big.string'],
      [{ unknownField: 1 }, 'unknownField', 'unrecognized_key'],
    ];
    for (const [patch, path, code] of cases) {
      const res = await civil.post('/api/org/nodes', {
        parentId: street.id,
        level: 'community',
        code: communityCode('077'),
        name: '坏社区',
        ...patch,
      });
      expect(res.statusCode, JSON.stringify(patch)).toBeGreaterThanOrEqual(400);
      expect(res.json().error.details?.[0], JSON.stringify(patch)).toMatchObject({ path, code });
    }
    const none = await t.database.db.select().from(orgNodes).where(eq(orgNodes.name, '坏社区'));
    expect(none).toEqual([]);
  });
});

describe('rename, move, retire', () => {
  it('renames with an audit entry holding before and after digests', async () => {
    const created = (
      await civil.post('/api/org/nodes', {
        parentId: street.id,
        level: 'community',
        code: communityCode('066'),
        name: '旧名社区',
      })
    ).json();
    const renamed = await civil.patch(`/api/org/nodes/${created.id}`, { name: '新名社区' });
    expect(renamed.json().name).toBe('新名社区');
    const admin = await t.as('admin');
    const audit = (await admin.get(`/api/admin/audit?recordType=org_node&recordId=${created.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'org.rename' });
    expect(audit.items[0].beforeDigest).not.toBe(audit.items[0].afterDigest);
  });

  it('refuses to move a node under its own subtree or under the wrong level', async () => {
    const community = (
      await civil.post('/api/org/nodes', {
        parentId: street.id,
        level: 'community',
        code: communityCode('055'),
        name: '移动社区',
      })
    ).json();
    const grid = (
      await civil.post('/api/org/nodes', {
        parentId: community.id,
        level: 'grid',
        code: `${communityCode('055')}-001`,
        name: '第1网格',
      })
    ).json();
    expect(
      (await civil.post(`/api/org/nodes/${community.id}/move`, { parentId: grid.id })).json().error.details[0]
        .code,
    ).toBe('org.move_into_self');
    const district = (await civil.get(`/api/org/nodes/${street.id}`)).json().parentId;
    expect(
      (await civil.post(`/api/org/nodes/${community.id}/move`, { parentId: district })).json().error
        .details[0].code,
    ).toBe('org.level_mismatch');
  });

  it('retires only leaves, keeps the row, and hides it from the live tree', async () => {
    const community = (
      await civil.post('/api/org/nodes', {
        parentId: street.id,
        level: 'community',
        code: communityCode('044'),
        name: '撤销社区',
      })
    ).json();
    const grid = (
      await civil.post('/api/org/nodes', {
        parentId: community.id,
        level: 'grid',
        code: `${communityCode('044')}-001`,
        name: '第1网格',
      })
    ).json();
    expect(
      (await civil.post(`/api/org/nodes/${community.id}/retire`, { reason: '合并' })).json().error.code,
    ).toBe('org.has_children');
    const retired = await civil.post(`/api/org/nodes/${grid.id}/retire`, { reason: '网格调整' });
    expect(retired.json().validTo).not.toBeNull();
    const live = (await civil.get(`/api/org/nodes?parentId=${community.id}`)).json();
    expect(live).toEqual([]);
    const all = (await civil.get(`/api/org/nodes?parentId=${community.id}&includeRetired=true`)).json();
    expect(all.map((n: { id: number }) => n.id)).toEqual([grid.id]);
    expect((await civil.patch(`/api/org/nodes/${grid.id}`, { name: 'x' })).json().error.code).toBe(
      'org.retired',
    );
    // A retired code may be used again by a new node.
    expect(
      (
        await civil.post('/api/org/nodes', {
          parentId: community.id,
          level: 'grid',
          code: `${communityCode('044')}-001`,
          name: '新第1网格',
        })
      ).statusCode,
    ).toBe(200);
  });
});
