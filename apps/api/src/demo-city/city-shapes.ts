import type { COMMUNITY_TYPES, DEPARTMENT_TYPES } from '@linli/contract';
import type { CommunityKind } from './place-names';

/**
 * The sizes of the demo city and the proportions that shape it. Codes use prefecture 99 of Jiangsu
 * (32), a slot no real division uses, so no generated code or ID number can belong to a real place or
 * person (research standards-data §2, §5).
 */
export const DEMO_SIZES = ['tiny', 'demo', 'city', 'megacity'] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];
export type CommunityType = (typeof COMMUNITY_TYPES)[number];
export type DepartmentType = (typeof DEPARTMENT_TYPES)[number];

export const CITY_CODE = '329900000000';
export const PREFECTURE = '3299';

interface Shape {
  districts: number;
  streets: number;
  communities: number;
  grids: number;
  /** Small sizes have the same count under every parent, so tests and screenshots are predictable. */
  even: boolean;
  /** Share of districts (the outer ones) whose streets may be towns with villages. */
  ruralDistrictShare: number;
}

export const SHAPES: Record<DemoSize, Shape> = {
  tiny: { districts: 1, streets: 2, communities: 4, grids: 8, even: true, ruralDistrictShare: 0 },
  demo: { districts: 1, streets: 3, communities: 12, grids: 60, even: true, ruralDistrictShare: 0 },
  city: {
    districts: 10,
    streets: 80,
    communities: 1_000,
    grids: 6_000,
    even: false,
    ruralDistrictShare: 0.6,
  },
  megacity: {
    districts: 16,
    streets: 350,
    communities: 10_000,
    grids: 60_000,
    even: false,
    ruralDistrictShare: 0.6,
  },
};

/** Streets in a rural district that are towns (镇); the district seat (first street) stays a 街道. */
export const TOWN_SHARE = 0.55;
/** In a town, the seat's few residents' committees (社区) come first, the rest are villages (村). */
export const TOWN_COMMUNITY_SHARE = 0.25;
export const URBAN_TYPE_WEIGHTS: Record<CommunityType, number> = {
  residential: 0.62,
  enterprise: 0.12,
  fringe: 0.12,
  new_build: 0.14,
};

/** Per kind: households per grid, and floating population as a share of permanent population. */
export const FIGURES: Record<CommunityKind, { households: [number, number]; floating: [number, number] }> = {
  residential: { households: [150, 450], floating: [0.04, 0.12] },
  enterprise: { households: [150, 450], floating: [0.06, 0.15] },
  new_build: { households: [200, 450], floating: [0.1, 0.25] },
  fringe: { households: [150, 400], floating: [0.3, 0.7] },
  village: { households: [80, 250], floating: [0.02, 0.1] },
};
