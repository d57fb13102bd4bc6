/**
 * Plane geometry on WGS-84 [lon, lat] pairs, good enough at city scale: grids are a few hundred metres
 * across, so treating degrees as a plane inside a polygon and using the haversine for distances is exact
 * to well under a metre.
 */
export type Position = [number, number];
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

/** Even–odd ray casting; a point in a hole is outside. Points exactly on an edge may go either way. */
export function pointInPolygon(point: Position, polygon: Polygon | MultiPolygon): boolean {
  if (polygon.type === 'MultiPolygon')
    return polygon.coordinates.some((rings) =>
      pointInPolygon(point, { type: 'Polygon', coordinates: rings }),
    );
  let inside = false;
  for (const ring of polygon.coordinates) if (inRing(point, ring)) inside = !inside;
  return inside;
}

function inRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres. */
export function distanceMetres([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Area-weighted centroid of the exterior ring (shoelace formula); fine for small, convex shapes. */
export function centroid(polygon: Polygon): Position {
  const ring = polygon.coordinates[0] ?? [];
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (area === 0) return ring[0] ?? [0, 0];
  return [Math.round((cx / (3 * area)) * 1e6) / 1e6, Math.round((cy / (3 * area)) * 1e6) / 1e6];
}
