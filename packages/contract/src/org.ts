import { z } from 'zod';
import { text } from './common';
import { ORG_LEVELS } from './roles';

export const COMMUNITY_TYPES = ['residential', 'enterprise', 'fringe', 'new_build'] as const;
export const DEPARTMENT_TYPES = [
  'civil_affairs',
  'public_security',
  'human_resources',
  'health',
  'housing',
  'urban_management',
  'justice',
  'market_regulation',
  'other',
] as const;

/** GeoJSON geometry, kept to the shapes a boundary can have. */
export const boundary = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.any()).max(10_000),
});

export type Boundary = z.infer<typeof boundary>;

export const orgFigures = z.strictObject({
  households: z.number().int().min(0).max(100_000_000).optional(),
  permanentPopulation: z.number().int().min(0).max(100_000_000).optional(),
  floatingPopulation: z.number().int().min(0).max(100_000_000).optional(),
});

export const orgNodeView = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  level: z.enum(ORG_LEVELS),
  code: z.string(),
  name: z.string(),
  communityType: z.enum(COMMUNITY_TYPES).nullable(),
  departmentType: z.enum(DEPARTMENT_TYPES).nullable(),
  households: z.number(),
  permanentPopulation: z.number(),
  floatingPopulation: z.number(),
  hasBoundary: z.boolean(),
  childCount: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** Ancestors from the top of the tree down to the parent, for breadcrumbs. */
  ancestors: z.array(z.object({ id: z.number(), name: z.string(), level: z.enum(ORG_LEVELS) })).optional(),
});
export type OrgNodeView = z.infer<typeof orgNodeView>;

export const orgChildrenQuery = z.strictObject({
  parentId: z.coerce.number().int().positive().optional(),
  includeRetired: z.enum(['true', 'false']).optional(),
});

export const orgNodeCreateBody = z.strictObject({
  parentId: z.number().int().positive(),
  level: z.enum(ORG_LEVELS),
  code: z.string().trim().min(1).max(32),
  name: text(64),
  communityType: z.enum(COMMUNITY_TYPES).optional(),
  departmentType: z.enum(DEPARTMENT_TYPES).optional(),
  figures: orgFigures.optional(),
  boundary: boundary.optional(),
});

export const orgNodeUpdateBody = z.strictObject({
  name: text(64).optional(),
  communityType: z.enum(COMMUNITY_TYPES).nullable().optional(),
  figures: orgFigures.optional(),
  boundary: boundary.nullable().optional(),
});

export const orgNodeMoveBody = z.strictObject({ parentId: z.number().int().positive() });
export const orgNodeRetireBody = z.strictObject({ reason: text(200) });

export const orgSearchQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
  level: z.enum(ORG_LEVELS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
