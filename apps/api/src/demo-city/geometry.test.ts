import { describe, expect, it } from 'vitest';
import { type PlanNode, planCity } from './city-plan';
import { CITY_RECT, centroid, type Polygon, pointInPolygon, rectToPolygon, splitRect } from './geometry';
import { createRng } from './rng';

const area = (r: { west: number; east: number; south: number; north: number }) =>
  (r.east - r.west) * (r.north - r.south);

describe('splitRect', () => {
  it('tiles the parent: children inside, no overlap, no gap', () => {
    for (const n of [1, 2, 3, 5, 7, 12, 31]) {
      const cells = splitRect(CITY_RECT, n, createRng(n));
      expect(cells).toHaveLength(n);
      for (const c of cells) {
        expect(c.west).toBeGreaterThanOrEqual(CITY_RECT.west);
        expect(c.east).toBeLessThanOrEqual(CITY_RECT.east);
        expect(c.south).toBeGreaterThanOrEqual(CITY_RECT.south);
        expect(c.north).toBeLessThanOrEqual(CITY_RECT.north);
        expect(c.east).toBeGreaterThan(c.west);
        expect(c.north).toBeGreaterThan(c.south);
      }
      for (const [i, a] of cells.entries()) {
        for (const b of cells.slice(i + 1)) {
          const overlap =
            Math.min(a.east, b.east) > Math.max(a.west, b.west) &&
            Math.min(a.north, b.north) > Math.max(a.south, b.south);
          expect(overlap).toBe(false);
        }
      }
      expect(cells.reduce((s, c) => s + area(c), 0)).toBeCloseTo(area(CITY_RECT), 9);
    }
  });
});

describe('pointInPolygon', () => {
  const square = rectToPolygon({ west: 0, south: 0, east: 2, north: 2 });
  it('tells inside from outside', () => {
    expect(pointInPolygon([1, 1], square)).toBe(true);
    expect(pointInPolygon([3, 1], square)).toBe(false);
    expect(pointInPolygon([1, -0.1], square)).toBe(false);
  });
  it('treats holes as outside', () => {
    const hole = rectToPolygon({ west: 0.5, south: 0.5, east: 1.5, north: 1.5 }).coordinates[0]!;
    const donut: Polygon = { type: 'Polygon', coordinates: [square.coordinates[0]!, hole] };
    expect(pointInPolygon([1, 1], donut)).toBe(false);
    expect(pointInPolygon([0.25, 1], donut)).toBe(true);
  });
  it('finds the centroid of a rectangle', () => {
    expect(centroid(square)).toEqual([1, 1]);
  });
});

describe('demo city boundaries', () => {
  it("puts every grid's centroid inside its community, street, district and city", () => {
    const { nodes } = planCity('demo');
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const grids = nodes.filter((n) => n.level === 'grid');
    expect(grids).toHaveLength(60);
    for (const grid of grids) {
      const point = centroid(grid.boundary!);
      let ancestor: PlanNode | undefined = byId.get(grid.parentId!);
      const levels: string[] = [];
      while (ancestor) {
        expect(pointInPolygon(point, ancestor.boundary!), `${grid.code} in ${ancestor.code}`).toBe(true);
        levels.push(ancestor.level);
        ancestor = ancestor.parentId === null ? undefined : byId.get(ancestor.parentId);
      }
      expect(levels).toEqual(['community', 'street', 'district', 'city']);
    }
  });

  it('gives siblings disjoint interiors and keeps coordinates to 6 decimals and the city extent', () => {
    const { nodes } = planCity('demo', 3);
    const grids = nodes.filter((n) => n.level === 'grid');
    const ring = (n: PlanNode) => n.boundary!.coordinates[0]!;
    for (const g of grids) {
      for (const [lon, lat] of ring(g)) {
        expect(Math.round(lon * 1e6) / 1e6).toBe(lon);
        expect(lon).toBeGreaterThanOrEqual(118.8);
        expect(lat).toBeLessThanOrEqual(32.2);
      }
      // No other grid contains this grid's centroid.
      const c = centroid(g.boundary!);
      expect(grids.filter((o) => pointInPolygon(c, o.boundary!))).toEqual([g]);
    }
  });
});
