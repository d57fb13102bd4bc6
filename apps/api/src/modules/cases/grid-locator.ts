import { and, eq, isNotNull, isNull, max, sql } from 'drizzle-orm';
import {
  distanceMetres,
  type MultiPolygon,
  type Polygon,
  type Position,
  pointInPolygon,
} from '../../core/geo';
import type { Db } from '../../db/client';
import { orgNodes } from '../org/org.schema';

interface Area {
  id: number;
  path: string;
  name: string;
  level: string;
  shape: Polygon | MultiPolygon;
  bbox: [number, number, number, number];
}

const RECHECK_MS = 5_000;
/** How far outside every grid a point may lie and still be taken in by the nearest community. */
const OUTSIDE_LIMIT_M = 10_000;

interface Index {
  stamp: string;
  grids: Area[];
  communities: Area[];
}

/**
 * Finds the grid a point lies in. The live grid and community polygons are held in memory (a city has
 * a few thousand), with bounding boxes for a cheap first test, and reloaded when any org node changes:
 * one `max(updated_at)` per lookup tells. A point outside every grid goes to the nearest community,
 * flagged, so a report is never lost; a point more than 10 km from any community is not in this city.
 */
export class GridLocator {
  private index: Index | null = null;
  private checkedAt = 0;
  private loading: Promise<Index> | null = null;

  async locate(
    db: Db,
    lon: number,
    lat: number,
  ): Promise<{ nodeId: number; path: string; name: string; outside: boolean } | null> {
    const index = await this.current(db);
    const point: Position = [lon, lat];
    for (const grid of index.grids) {
      if (inBox(point, grid.bbox) && pointInPolygon(point, grid.shape))
        return { nodeId: grid.id, path: grid.path, name: grid.name, outside: false };
    }
    let best: Area | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const community of index.communities) {
      // Distance to the community's bounding box (its nearest edge), not its centre: communities differ a lot in size.
      const [w, south, e, n] = community.bbox;
      const d = distanceMetres(point, [Math.min(Math.max(lon, w), e), Math.min(Math.max(lat, south), n)]);
      if (d < bestDistance) {
        best = community;
        bestDistance = d;
      }
    }
    // Nearest community, but not from anywhere on earth: beyond this a point is not in this city.
    return best && bestDistance <= OUTSIDE_LIMIT_M
      ? { nodeId: best.id, path: best.path, name: best.name, outside: true }
      : null;
  }

  private async current(db: Db): Promise<Index> {
    // Boundaries change a few times a year: look for a change at most every few seconds.
    if (this.index && Date.now() - this.checkedAt < RECHECK_MS) return this.index;
    this.checkedAt = Date.now();
    const [row] = await db
      .select({ stamp: max(orgNodes.updatedAt), n: sql<number>`count(*)::int` })
      .from(orgNodes);
    const stamp = `${row?.stamp?.toISOString() ?? ''}:${row?.n ?? 0}`;
    if (this.index?.stamp === stamp) return this.index;
    this.loading ??= load(db, stamp).finally(() => {
      this.loading = null;
    });
    this.index = await this.loading;
    return this.index;
  }
}

async function load(db: Db, stamp: string): Promise<Index> {
  const rows = await db
    .select({
      id: orgNodes.id,
      path: orgNodes.path,
      name: orgNodes.name,
      level: orgNodes.level,
      boundary: orgNodes.boundary,
    })
    .from(orgNodes)
    .where(
      and(
        isNull(orgNodes.validTo),
        isNotNull(orgNodes.boundary),
        sql`${orgNodes.level} in ('grid', 'community')`,
      ),
    );
  const areas = rows.flatMap((r): Area[] => {
    const shape = r.boundary as Polygon | MultiPolygon;
    if (shape?.type !== 'Polygon' && shape?.type !== 'MultiPolygon') return [];
    const points = (shape.type === 'Polygon' ? shape.coordinates : shape.coordinates.flat()).flat();
    if (points.length === 0) return [];
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const bbox: Area['bbox'] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    return [
      {
        id: r.id,
        path: r.path,
        name: r.name,
        level: r.level,
        shape,
        bbox,
      },
    ];
  });
  return {
    stamp,
    grids: areas.filter((a) => a.level === 'grid'),
    communities: areas.filter((a) => a.level === 'community'),
  };
}

const inBox = ([x, y]: Position, [w, s, e, n]: Area['bbox']) => x >= w && x <= e && y >= s && y <= n;

/** A node by id when it is live (for reports that name their grid instead of a point). */
export async function liveNode(db: Db, id: number) {
  const [node] = await db
    .select({ id: orgNodes.id, path: orgNodes.path, level: orgNodes.level, name: orgNodes.name })
    .from(orgNodes)
    .where(and(eq(orgNodes.id, id), isNull(orgNodes.validTo)));
  return node;
}
