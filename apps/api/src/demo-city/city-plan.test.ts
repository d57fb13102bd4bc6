import { parseDivisionCode, parseGridCode } from '@linli/contract';
import { describe, expect, it } from 'vitest';
import { CITY_CODE, countByLevel, type PlanNode, planCity, planDigest } from './city-plan';

const byId = (nodes: PlanNode[]) => new Map(nodes.map((n) => [n.id, n]));
const PREFIX = { city: 4, district: 6, street: 9 } as const;
const PARENT_LEVEL = {
  district: 'city',
  street: 'district',
  community: 'street',
  grid: 'community',
} as const;

describe('planCity', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(planDigest(planCity('demo', 7))).toBe(planDigest(planCity('demo', 7)));
    expect(planDigest(planCity('demo', 7))).not.toBe(planDigest(planCity('demo', 8)));
    expect(planDigest(planCity('city'))).toBe(planDigest(planCity('city')));
  });

  it('has the documented shape for tiny and demo', () => {
    expect(countByLevel(planCity('tiny').nodes)).toMatchObject({
      city: 1,
      district: 1,
      street: 2,
      community: 4,
      grid: 8,
    });
    const demo = countByLevel(planCity('demo').nodes);
    expect(demo).toMatchObject({ city: 1, district: 1, street: 3, community: 12, grid: 60 });
    // 8 city + 8 district departments, 2 branches per street.
    expect(demo.department).toBe(16 + 3 * 2);
  });

  it('hits the exact community and grid totals of the city size', () => {
    expect(countByLevel(planCity('city').nodes)).toMatchObject({
      city: 1,
      district: 10,
      street: 80,
      community: 1000,
      grid: 6000,
    });
  });

  for (const size of ['demo', 'city'] as const) {
    it(`keeps the tree invariants (${size})`, () => {
      const { nodes } = planCity(size);
      const index = byId(nodes);
      expect(nodes[0]).toMatchObject({ id: 1, level: 'city', code: CITY_CODE, parentId: null, path: '/1/' });
      expect(new Set(nodes.map((n) => n.code)).size).toBe(nodes.length);
      for (const node of nodes.slice(1)) {
        const parent = index.get(node.parentId!)!;
        expect(parent.id).toBeLessThan(node.id); // parents are inserted first
        expect(node.path).toBe(`${parent.path}${node.id}/`);
        if (node.level === 'department') continue;
        expect(parent.level).toBe(PARENT_LEVEL[node.level as keyof typeof PARENT_LEVEL]);
        if (node.level === 'grid') {
          const grid = parseGridCode(node.code);
          expect(grid.ok && grid.communityCode).toBe(parent.code);
        } else {
          const division = parseDivisionCode(node.code);
          expect(division.ok && division.synthetic).toBe(true);
          // The parent's own segments are a prefix of the child's code.
          const prefix = PREFIX[parent.level as keyof typeof PREFIX];
          expect(node.code.slice(0, prefix)).toBe(parent.code.slice(0, prefix));
          expect(node.code.slice(prefix)).not.toMatch(/^0+$/);
        }
      }
    });
  }

  it('rolls figures up exactly through the four levels', () => {
    const { nodes } = planCity('city');
    const sums = new Map<number, [number, number, number]>();
    for (const n of nodes) {
      if (n.parentId === null || n.level === 'department') continue;
      const s = sums.get(n.parentId) ?? [0, 0, 0];
      sums.set(n.parentId, [s[0] + n.households, s[1] + n.permanentPopulation, s[2] + n.floatingPopulation]);
    }
    for (const n of nodes.filter((x) => x.level !== 'grid' && x.level !== 'department')) {
      expect([n.households, n.permanentPopulation, n.floatingPopulation]).toEqual(sums.get(n.id));
    }
    for (const g of nodes.filter((x) => x.level === 'grid')) {
      expect(g.households).toBeGreaterThanOrEqual(80);
      expect(g.households).toBeLessThanOrEqual(450);
      expect(g.permanentPopulation / g.households).toBeGreaterThanOrEqual(2.59);
      expect(g.permanentPopulation / g.households).toBeLessThanOrEqual(2.91);
    }
  });

  it('uses street and town, community and village code ranges as NBS does', () => {
    const { nodes } = planCity('city');
    const kinds = new Set<string>();
    for (const n of nodes.filter((x) => x.level === 'street' || x.level === 'community')) {
      const d = parseDivisionCode(n.code);
      if (!d.ok) throw new Error(n.code);
      const kind = d.level === 'township' ? d.townshipType : d.villageType;
      kinds.add(`${d.level}:${kind}`);
      if (kind === 'town') expect(n.name).toMatch(/镇$/);
      if (kind === 'street') expect(n.name).toMatch(/街道$/);
      if (kind === 'community') expect(n.name).toMatch(/社区$/);
      if (kind === 'village') expect(n.name).toMatch(/村$/);
    }
    expect([...kinds].sort()).toEqual([
      'township:street',
      'township:town',
      'village:community',
      'village:village',
    ]);
  });

  it('names are unique under each parent, and all community types occur in the demo', () => {
    for (const size of ['demo', 'city'] as const) {
      const { nodes } = planCity(size);
      const seen = new Set(nodes.map((n) => `${n.parentId}:${n.name}`));
      expect(seen.size).toBe(nodes.length);
    }
    const types = planCity('demo')
      .nodes.filter((n) => n.level === 'community')
      .map((n) => n.communityType);
    expect(new Set(types)).toEqual(new Set(['residential', 'enterprise', 'fringe', 'new_build']));
    expect(types.filter((t) => t === 'residential').length).toBeGreaterThan(types.length / 2);
    expect(types[0]).toBe('residential');
  });

  it('puts the city and district departments and the street branches in place', () => {
    const { nodes } = planCity('tiny');
    const depts = nodes.filter((n) => n.level === 'department');
    expect(depts.find((d) => d.code === 'DEPT-329900-MZ')?.name).toBe('江川市民政局');
    expect(depts.find((d) => d.code === 'DEPT-329901-CG')).toMatchObject({
      departmentType: 'urban_management',
    });
    const street = nodes.find((n) => n.level === 'street')!;
    const branches = depts.filter((d) => d.parentId === street.id).map((d) => d.departmentType);
    expect(branches).toEqual(['public_security', 'justice']);
    expect(depts.every((d) => d.boundary === null && d.households === 0)).toBe(true);
  });
});
