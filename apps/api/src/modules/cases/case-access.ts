import type { CaseKind, CaseState, Permission } from '@linli/contract';
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { pathInScope, scopeCondition } from '../../core/access';
import type { Actor } from '../../core/context';
import { notFound } from '../../core/errors';
import type { Db } from '../../db/client';
import { orgNodes } from '../org/org.schema';
import { caseCategories, cases } from './cases.schema';
import type { CaseAccessFacts } from './engine';

/** Who sees a case: the reporter, and staff whose report / dispatch / handle scope covers its place or its assignee. */
const SEE: Permission[] = ['cases.report', 'cases.dispatch', 'cases.handle'];

export const assigneeNodes = alias(orgNodes, 'assignee_nodes');

export type CaseRow = typeof cases.$inferSelect;
export interface LoadedCase {
  row: CaseRow;
  path: string;
  nodeName: string;
  assigneePath: string | null;
  assigneeName: string | null;
  assigneeLevel: string | null;
  categoryCode: string | null;
  categoryNameZh: string | null;
  categoryNameEn: string | null;
}

export function caseVisibleCondition(actor: Actor): SQL {
  const staff = [
    scopeCondition(actor, 'cases.report', cases.orgNodeId),
    scopeCondition(actor, 'cases.dispatch', cases.orgNodeId),
    scopeCondition(actor, 'cases.handle', cases.orgNodeId, cases.assigneeNodeId),
    // Hotline operators see the demands (only) where they take calls.
    and(eq(cases.kind, 'hotline'), scopeCondition(actor, 'hotline.operate', cases.orgNodeId)),
  ];
  // A draft is the reporter's own until it is reported.
  return or(
    eq(cases.reporterAccountId, actor.accountId),
    eq(cases.providerAccountId, actor.accountId),
    sql`(${cases.state} <> 'draft' and (${or(...staff)}))`,
  ) as SQL;
}

export function caseVisible(actor: Actor, c: LoadedCase): boolean {
  if (c.row.reporterAccountId === actor.accountId || c.row.providerAccountId === actor.accountId) return true;
  if (c.row.state === 'draft') return false;
  if (SEE.some((p) => pathInScope(actor, p, c.path))) return true;
  if (c.row.kind === 'hotline' && pathInScope(actor, 'hotline.operate', c.path)) return true;
  return c.assigneePath !== null && pathInScope(actor, 'cases.handle', c.assigneePath);
}

export const caseSelection = {
  row: cases,
  path: orgNodes.path,
  nodeName: orgNodes.name,
  assigneePath: assigneeNodes.path,
  assigneeName: assigneeNodes.name,
  assigneeLevel: assigneeNodes.level,
  categoryCode: caseCategories.code,
  categoryNameZh: caseCategories.nameZh,
  categoryNameEn: caseCategories.nameEn,
};

export function selectCases(db: Db) {
  return db
    .select(caseSelection)
    .from(cases)
    .innerJoin(orgNodes, eq(orgNodes.id, cases.orgNodeId))
    .leftJoin(assigneeNodes, eq(assigneeNodes.id, cases.assigneeNodeId))
    .leftJoin(caseCategories, eq(caseCategories.id, cases.categoryId));
}

/** A case the actor may see (optionally locked for a write); else 404, exactly like a missing one. */
export async function visibleCase(db: Db, actor: Actor, id: number, forUpdate = false): Promise<LoadedCase> {
  if (forUpdate) await db.execute(sql`select 1 from cases where id = ${id} for update`);
  const [found] = await selectCases(db).where(eq(cases.id, id));
  if (!found || !caseVisible(actor, found)) throw notFound();
  return found;
}

export function factsOf(c: LoadedCase): CaseAccessFacts {
  return {
    kind: c.row.kind as CaseKind,
    state: c.row.state as CaseState,
    path: c.path,
    assigneePath: c.assigneePath,
    reporterAccountId: c.row.reporterAccountId,
    providerAccountId: c.row.providerAccountId,
    pendingRequest: c.row.pendingRequest,
    onHold: c.row.onHold,
    closedAt: c.row.closedAt,
  };
}
