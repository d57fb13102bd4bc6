import type { Permission } from '@linli/contract';
import { and, eq, isNull } from 'drizzle-orm';
import { assertPathInScope, grantFor } from '../../core/access';
import type { Actor } from '../../core/context';
import { invalid, notFound } from '../../core/errors';
import type { Db } from '../../db/client';
import { orgNodes } from '../org/org.schema';
import { shanghaiToday } from './dates';
import { residentVisible } from './registry.policy';
import { households, residentEvents, residents } from './registry.schema';

export type ResidentRow = typeof residents.$inferSelect;
type NodeRow = typeof orgNodes.$inferSelect;

/** The district id from a node path: the tree is city-rooted, so it is the second id. */
export function districtIdOf(path: string): number {
  const ids = path.split('/').filter(Boolean).map(Number);
  return ids[1] ?? ids[0] ?? 0;
}

/**
 * A grid named in a request body. Out of scope or not a live grid gives the same field error, so a
 * body cannot be used to probe for grids elsewhere.
 */
export async function gridForWrite(db: Db, actor: Actor, gridId: number, path = 'gridId'): Promise<NodeRow> {
  const [node] = await db
    .select()
    .from(orgNodes)
    .where(and(eq(orgNodes.id, gridId), isNull(orgNodes.validTo)));
  if (node?.level !== 'grid' || !grantFor(actor, 'registry.write', node.path)) {
    throw invalid(path, 'registry.grid_not_found');
  }
  return node;
}

export async function nodePath(db: Db, nodeId: number): Promise<string> {
  const [node] = await db.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, nodeId));
  return node?.path ?? '';
}

/** A resident the actor may see (scope, and the under-14 rule), with its grid path; else 404. */
export async function visibleResident(
  db: Db,
  actor: Actor,
  id: number,
  permission: Permission = 'registry.read',
  lock = false,
): Promise<{ row: ResidentRow; path: string }> {
  const query = db.select().from(residents).where(eq(residents.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  const path = await nodePath(db, row.orgNodeId);
  if (!residentVisible(actor, row.birthDate, path, shanghaiToday())) throw notFound();
  assertPathInScope(actor, permission, path);
  return { row, path };
}

export async function addEvent(
  db: Db,
  residentId: number,
  kind: string,
  by: number | null,
  summary: object = {},
) {
  await db.insert(residentEvents).values({ residentId, kind, by, summary });
}

/** Snapshot for audit digests: the stored row without search lexemes (they follow from the name). */
export function snapshot(row: ResidentRow) {
  const { searchTerms: _terms, ...rest } = row;
  return rest;
}

/** A household named in a request body, writable by the actor; otherwise a field error naming `field`. */
export async function householdForWrite(db: Db, actor: Actor, householdId: number, field: string) {
  const [household] = await db.select().from(households).where(eq(households.id, householdId));
  const path = household ? await nodePath(db, household.orgNodeId) : '';
  if (!household || !grantFor(actor, 'registry.write', path)) throw invalid(field, 'not_found');
  return household;
}
