import type { Rng } from './rng';

export { centroid, pointInPolygon } from '../core/geo';

/**
 * Boundaries for the demo city: the city is a rectangle, and each level cuts its parent's rectangle
 * into rows of child rectangles with jittered inner edges. Children therefore tile their parent
 * exactly: every child lies inside its parent and siblings never overlap, which is all the map and
 * the point-to-grid lookup need. Coordinates are WGS-84 [lon, lat], rounded to 6 decimals (~0.1 m).
 */
export interface Rect {
  west: number;
  south: number;
  east: number;
  north: number;
}

export type Position = [number, number];
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}

export const CITY_RECT: Rect = { west: 118.8, south: 31.9, east: 119.2, north: 32.2 };

/** A degree of longitude is shorter than a degree of latitude away from the equator. */
const LON_SCALE = Math.cos((32 * Math.PI) / 180);

export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Splits a rectangle into `n` cells in rows, as square as the parent's shape allows. The last row has
 * fewer, wider cells, so the parent is covered without gaps. `jitter` (0–0.45) moves inner edges by
 * up to that share of a cell, so the map does not look like graph paper.
 */
export function splitRect(rect: Rect, n: number, rng?: Rng, jitter = 0.25): Rect[] {
  if (n < 1) return [];
  const width = (rect.east - rect.west) * LON_SCALE;
  const height = rect.north - rect.south;
  const cols = Math.max(1, Math.min(n, Math.round(Math.sqrt((n * width) / height))));
  const rows = Math.ceil(n / cols);
  const rowEdges = edges(rect.south, rect.north, rows, rng, jitter);
  const out: Rect[] = [];
  for (let r = 0; r < rows; r++) {
    const inRow = r < rows - 1 ? cols : n - cols * (rows - 1);
    const colEdges = edges(rect.west, rect.east, inRow, rng, jitter);
    // Rows run north to south and cells west to east, the order a reader scans a map.
    const south = rowEdges[rows - 1 - r]!;
    const north = rowEdges[rows - r]!;
    for (let c = 0; c < inRow; c++) out.push({ west: colEdges[c]!, south, east: colEdges[c + 1]!, north });
  }
  return out;
}

/** `count + 1` ascending edges from `from` to `to`; inner ones jittered and rounded, outer ones kept. */
function edges(from: number, to: number, count: number, rng: Rng | undefined, jitter: number): number[] {
  const step = (to - from) / count;
  const out = [from];
  for (let i = 1; i < count; i++) {
    const shift = rng ? rng.float(-jitter, jitter) * step : 0;
    out.push(round6(from + i * step + shift));
  }
  out.push(to);
  return out;
}

/** Counter-clockwise exterior ring, as RFC 7946 recommends. */
export function rectToPolygon(rect: Rect): Polygon {
  const { west: w, south: s, east: e, north: n } = rect;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}
