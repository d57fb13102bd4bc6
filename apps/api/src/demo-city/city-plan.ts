import { createHash } from 'node:crypto';
import type { OrgLevel } from '@linli/contract';
import {
  CITY_CODE,
  type CommunityType,
  type DemoSize,
  type DepartmentType,
  FIGURES,
  PREFECTURE,
  SHAPES,
  TOWN_COMMUNITY_SHARE,
  TOWN_SHARE,
  URBAN_TYPE_WEIGHTS,
} from './city-shapes';
import { CITY_RECT, type Polygon, type Rect, rectToPolygon, splitRect } from './geometry';
import {
  CITY_NAME,
  type CommunityKind,
  communityName,
  DEPARTMENTS,
  districtName,
  gridName,
  STREET_BRANCHES,
  streetName,
} from './place-names';
import { createRng, DEFAULT_SEED, distribute, type Rng } from './rng';

export {
  CITY_CODE,
  type CommunityType,
  DEMO_SIZES,
  type DemoSize,
  type DepartmentType,
  SHAPES,
} from './city-shapes';

/**
 * The demo city 江川市 as data: one array of org nodes in insertion order (parents first), with ids,
 * materialised paths, codes, names, figures and boundaries. Pure and deterministic from the seed:
 * the loader only writes it, so tests can check the city without a database.
 */

export interface PlanNode {
  id: number;
  parentId: number | null;
  level: OrgLevel;
  code: string;
  name: string;
  path: string;
  communityType: CommunityType | null;
  departmentType: DepartmentType | null;
  households: number;
  permanentPopulation: number;
  floatingPopulation: number;
  boundary: Polygon | null;
}

export interface CityPlan {
  size: DemoSize;
  seed: number;
  nodes: PlanNode[];
}

interface Streams {
  shape: Rng;
  names: Rng;
  types: Rng;
  figures: Rng;
  geometry: Rng;
}

class Builder {
  readonly nodes: PlanNode[] = [];
  constructor(readonly rng: Streams) {}

  add(parent: PlanNode | null, fields: Omit<PlanNode, 'id' | 'parentId' | 'path' | Figures>): PlanNode {
    const id = this.nodes.length + 1;
    const node: PlanNode = {
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      households: 0,
      permanentPopulation: 0,
      floatingPopulation: 0,
      ...fields,
    };
    this.nodes.push(node);
    return node;
  }
}
type Figures = 'households' | 'permanentPopulation' | 'floatingPopulation';

export function planCity(size: DemoSize, seed: number = DEFAULT_SEED): CityPlan {
  const root = createRng(seed);
  const b = new Builder({
    shape: root.fork('shape'),
    names: root.fork('names'),
    types: root.fork('types'),
    figures: root.fork('figures'),
    geometry: root.fork('geometry'),
  });
  const shape = SHAPES[size];
  const city = b.add(null, territory('city', CITY_CODE, CITY_NAME, CITY_RECT));
  addDepartments(b, city, `${PREFECTURE}00`, CITY_NAME);
  const streetCounts = split(b.rng.shape, shape.streets, shape.districts, shape.even);
  const communityCounts = split(b.rng.shape, shape.communities, shape.streets, shape.even);
  const gridCounts = split(b.rng.shape, shape.grids, shape.communities, shape.even);
  const cursor = { street: 0, community: 0 };
  const deck = shape.even ? typeDeck(b.rng.types, shape.communities) : undefined;
  const districtRects = splitRect(CITY_RECT, shape.districts, b.rng.geometry);
  const districtNames = new Set<string>();
  const ruralFrom = Math.round(shape.districts * (1 - shape.ruralDistrictShare));
  districtRects.forEach((rect, d) => {
    const dd = String(d + 1).padStart(2, '0');
    const name = districtName(b.rng.names, d, districtNames);
    const district = b.add(city, territory('district', `${PREFECTURE}${dd}000000`, name, rect));
    addDepartments(b, district, `${PREFECTURE}${dd}`, name);
    const streets = streetCounts[d]!;
    const plan = { rural: d >= ruralFrom, deck, streets, communityCounts, gridCounts, cursor };
    addStreets(b, district, rect, plan);
    rollUp(b, district);
  });
  rollUp(b, city);
  return { size, seed, nodes: b.nodes };
}

interface StreetPlan {
  rural: boolean;
  deck: CommunityKind[] | undefined;
  streets: number;
  communityCounts: number[];
  gridCounts: number[];
  cursor: { street: number; community: number };
}

function addStreets(b: Builder, district: PlanNode, rect: Rect, plan: StreetPlan): void {
  const rects = splitRect(rect, plan.streets, b.rng.geometry);
  const used = new Set<string>();
  const serial = { street: 0, town: 100 };
  rects.forEach((streetRect, s) => {
    const isTown = plan.rural && s > 0 && b.rng.shape.chance(TOWN_SHARE);
    const sss = String(isTown ? ++serial.town : ++serial.street).padStart(3, '0');
    const code = `${district.code.slice(0, 6)}${sss}000`;
    const street = b.add(
      district,
      territory('street', code, streetName(b.rng.names, isTown, used), streetRect),
    );
    for (const branch of STREET_BRANCHES) {
      const name = street.name.replace(/(街道|镇)$/, '') + branch.suffix;
      b.add(street, department(`DEPT-${code.slice(0, 9)}-${branch.abbr}`, name, branch.departmentType));
    }
    const communities = plan.communityCounts[plan.cursor.street++]!;
    addCommunities(b, street, streetRect, communities, isTown, plan);
    rollUp(b, street);
  });
}

function addCommunities(
  b: Builder,
  street: PlanNode,
  rect: Rect,
  n: number,
  isTown: boolean,
  plan: StreetPlan,
): void {
  const rects = splitRect(rect, n, b.rng.geometry);
  const used = new Set<string>();
  const serial = { community: 0, village: 200 };
  rects.forEach((communityRect, c) => {
    const kind = communityKind(b.rng.types, plan, isTown ? c / n : undefined);
    const vvv = String(kind === 'village' ? ++serial.village : ++serial.community).padStart(3, '0');
    const code = `${street.code.slice(0, 9)}${vvv}`;
    const fields = territory('community', code, communityName(b.rng.names, kind, used), communityRect);
    // The enum has no 'rural' type; a village in the city's outer ring is classed with the fringe.
    fields.communityType = kind === 'village' ? 'fringe' : kind;
    const community = b.add(street, fields);
    addGrids(b, community, communityRect, plan.gridCounts[plan.cursor.community++]!, kind);
    rollUp(b, community);
  });
}

function addGrids(b: Builder, community: PlanNode, rect: Rect, n: number, kind: CommunityKind): void {
  const { households, floating } = FIGURES[kind];
  splitRect(rect, n, b.rng.geometry).forEach((gridRect, g) => {
    const code = `${community.code}-${String(g + 1).padStart(3, '0')}`;
    const grid = b.add(community, territory('grid', code, gridName(g + 1), gridRect));
    const f = b.rng.figures;
    grid.households = f.int(households[0], households[1]);
    grid.permanentPopulation = Math.round(grid.households * f.float(2.6, 2.9));
    grid.floatingPopulation = Math.round(grid.permanentPopulation * f.float(floating[0], floating[1]));
  });
}

/**
 * A town's seat comes first with a few residents' committees (社区), then its villages (村). Urban
 * communities take the next card of the deck (small sizes) or a weighted draw (large ones).
 */
function communityKind(rng: Rng, plan: StreetPlan, positionInTown: number | undefined): CommunityKind {
  if (positionInTown !== undefined) {
    if (positionInTown >= TOWN_COMMUNITY_SHARE) return 'village';
    return rng.weighted<CommunityKind>(['residential', 'new_build'], [0.7, 0.3]);
  }
  const card = plan.deck?.[plan.cursor.community];
  if (card) return card;
  // The accounts' community is the city's first one: it should be the most ordinary kind of place.
  if (plan.cursor.community === 0) return 'residential';
  return rng.weighted(URBAN_TYPES, Object.values(URBAN_TYPE_WEIGHTS));
}

const URBAN_TYPES = Object.keys(URBAN_TYPE_WEIGHTS) as CommunityType[];

/** Every type at least once, the rest residential, shuffled; the first card stays residential. */
function typeDeck(rng: Rng, n: number): CommunityKind[] {
  const others = URBAN_TYPES.filter((t) => t !== 'residential');
  const dealt = others.flatMap((t) =>
    Array<CommunityKind>(Math.max(1, Math.round(n * URBAN_TYPE_WEIGHTS[t]))).fill(t),
  );
  const residential = Array<CommunityKind>(Math.max(1, n - dealt.length)).fill('residential');
  const [first, ...rest] = residential;
  return [first!, ...rng.shuffle([...dealt, ...rest])].slice(0, n);
}

function split(rng: Rng, total: number, parts: number, even: boolean): number[] {
  return even ? Array(parts).fill(total / parts) : distribute(rng, total, parts, 0.4);
}

function territory(level: OrgLevel, code: string, name: string, rect: Rect) {
  return {
    level,
    code,
    name,
    communityType: null as CommunityType | null,
    departmentType: null,
    boundary: rectToPolygon(rect),
  };
}

function department(code: string, name: string, departmentType: DepartmentType) {
  return { level: 'department' as const, code, name, communityType: null, departmentType, boundary: null };
}

function addDepartments(b: Builder, parent: PlanNode, code6: string, prefix: string): void {
  for (const dept of DEPARTMENTS)
    b.add(parent, department(`DEPT-${code6}-${dept.abbr}`, prefix + dept.name, dept.departmentType));
}

/** Four-level roll-up: a territorial node's figures are the exact sums of its territorial children. */
function rollUp(b: Builder, parent: PlanNode): void {
  parent.households = 0;
  parent.permanentPopulation = 0;
  parent.floatingPopulation = 0;
  // Children were appended after the parent, so scanning from it forward finds all of them.
  for (let i = parent.id; i < b.nodes.length; i++) {
    const child = b.nodes[i]!;
    if (child.parentId !== parent.id || child.level === 'department') continue;
    parent.households += child.households;
    parent.permanentPopulation += child.permanentPopulation;
    parent.floatingPopulation += child.floatingPopulation;
  }
}

/** SHA-256 of the plan's JSON: equal digests mean byte-identical cities. */
export function planDigest(plan: CityPlan): string {
  return createHash('sha256').update(JSON.stringify(plan.nodes)).digest('hex');
}

export function countByLevel(nodes: readonly PlanNode[]): Record<OrgLevel, number> {
  const counts: Record<OrgLevel, number> = {
    city: 0,
    district: 0,
    street: 0,
    community: 0,
    grid: 0,
    department: 0,
  };
  for (const n of nodes) counts[n.level]++;
  return counts;
}
