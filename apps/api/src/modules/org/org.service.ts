import type { Boundary, OrgLevel, OrgNodeView } from '@linli/contract';
import { and, asc, eq, getTableColumns, gt, ilike, inArray, isNull, like, or, sql } from 'drizzle-orm';
import {
  assertPathInScope,
  auditActorIn,
  requirePermission,
  scopePathCondition,
  scopePaths,
} from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { AppError, conflict, invalid, notFound } from '../../core/errors';
import { decodeCursor, pageFrom } from '../../core/pagination';
import { containsPattern } from '../../core/sql';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit';
import { CHILD_LEVELS, checkNodeCode } from './org.rules';
import { orgNodes } from './org.schema';

type NodeRow = typeof orgNodes.$inferSelect;

// Written out in full: inside the subquery an unqualified "id" would mean the child's own id.
const childCount = sql<number>`(select count(*)::int from org_nodes c where c.parent_id = "org_nodes"."id" and c.valid_to is null)`;

type ListRow = Omit<NodeRow, 'boundary'> & { hasBoundary: boolean; childCount: number };

function toView(row: ListRow, ancestors?: OrgNodeView['ancestors']): OrgNodeView {
  return {
    id: row.id,
    parentId: row.parentId,
    level: row.level as OrgLevel,
    code: row.code,
    name: row.name,
    communityType: row.communityType as OrgNodeView['communityType'],
    departmentType: row.departmentType as OrgNodeView['departmentType'],
    households: row.households,
    permanentPopulation: row.permanentPopulation,
    floatingPopulation: row.floatingPopulation,
    hasBoundary: Boolean(row.hasBoundary),
    childCount: Number(row.childCount),
    validFrom: row.validFrom.toISOString(),
    validTo: row.validTo?.toISOString() ?? null,
    ...(ancestors ? { ancestors } : {}),
  };
}

async function loadNode(db: Db, id: number): Promise<NodeRow | undefined> {
  const [row] = await db.select().from(orgNodes).where(eq(orgNodes.id, id));
  return row;
}

/** The node, if the actor may read it; otherwise the same 404 as a node that does not exist. */
export async function readableNode(ctx: Ctx, id: number): Promise<NodeRow> {
  const actor = requirePermission(ctx, 'org.read');
  const row = await loadNode(ctx.db, id);
  assertPathInScope(actor, 'org.read', row?.path);
  return row!;
}

export async function scopeRoots(ctx: Ctx): Promise<OrgNodeView[]> {
  const actor = requirePermission(ctx, 'org.read');
  const paths = scopePaths(actor, 'org.read');
  const rows = await ctx.db
    .select({ ...nodeColumns(), childCount })
    .from(orgNodes)
    .where(and(inArray(orgNodes.path, paths), isNull(orgNodes.validTo)))
    .orderBy(asc(orgNodes.path));
  return rows.map((r) => toView(r));
}

export async function childrenOf(
  ctx: Ctx,
  parentId: number,
  includeRetired: boolean,
): Promise<OrgNodeView[]> {
  await readableNode(ctx, parentId);
  const rows = await ctx.db
    .select({ ...nodeColumns(), childCount })
    .from(orgNodes)
    .where(and(eq(orgNodes.parentId, parentId), includeRetired ? undefined : isNull(orgNodes.validTo)))
    .orderBy(asc(orgNodes.code));
  return rows.map((r) => toView(r));
}

/** Live nodes in the actor's scope, by name or code fragment and level, in code order. */
export async function searchNodes(
  ctx: Ctx,
  q: { q?: string | undefined; level?: OrgLevel | undefined; cursor?: string | undefined; limit: number },
) {
  const actor = requirePermission(ctx, 'org.read');
  const after = decodeCursor<{ code: string }>(q.cursor);
  const needle = containsPattern(q.q);
  const rows = await ctx.db
    .select({ ...nodeColumns(), childCount })
    .from(orgNodes)
    .where(
      and(
        scopePathCondition(actor, 'org.read', orgNodes.path),
        isNull(orgNodes.validTo),
        q.level ? eq(orgNodes.level, q.level) : undefined,
        needle ? or(ilike(orgNodes.name, needle), like(orgNodes.code, needle)) : undefined,
        after ? gt(orgNodes.code, String(after.code)) : undefined,
      ),
    )
    .orderBy(asc(orgNodes.code))
    .limit(q.limit + 1);
  const page = pageFrom(rows, q.limit, (r) => ({ code: r.code }));
  return { items: page.items.map((r) => toView(r)), nextCursor: page.nextCursor };
}

/** The node's GeoJSON boundary (for maps), or null. */
export async function nodeBoundary(ctx: Ctx, id: number): Promise<Boundary | null> {
  const row = await readableNode(ctx, id);
  return (row.boundary as Boundary | null) ?? null;
}

export async function nodeDetail(ctx: Ctx, id: number): Promise<OrgNodeView> {
  const row = await readableNode(ctx, id);
  const actor = ctx.actor as Actor;
  const ancestorIds = row.path.split('/').filter(Boolean).map(Number).slice(0, -1);
  const ancestors = ancestorIds.length
    ? await ctx.db.select().from(orgNodes).where(inArray(orgNodes.id, ancestorIds))
    : [];
  const visible = ancestors
    .filter((a) => scopePaths(actor, 'org.read').some((p) => a.path.startsWith(p)))
    .sort((a, b) => a.path.length - b.path.length)
    .map((a) => ({ id: a.id, name: a.name, level: a.level as OrgLevel }));
  const [withCount] = await ctx.db
    .select({ ...nodeColumns(), childCount })
    .from(orgNodes)
    .where(eq(orgNodes.id, id));
  return toView(withCount!, visible);
}

/** Every column but the GeoJSON boundary, which lists never need (and which is large): only whether it exists. */
const nodeColumns = () => {
  const { boundary: _boundary, ...columns } = getTableColumns(orgNodes);
  return { ...columns, hasBoundary: sql<boolean>`${orgNodes.boundary} is not null` };
};

/** A node the actor may manage, locked for the rest of the transaction. */
async function manageableNode(tx: Db, actor: Actor, id: number): Promise<NodeRow> {
  const [row] = await tx.select().from(orgNodes).where(eq(orgNodes.id, id)).for('update');
  assertPathInScope(actor, 'org.manage', row?.path);
  if (row!.validTo) throw new AppError(409, 'org.retired');
  return row!;
}

export interface CreateNodeInput {
  parentId: number;
  level: OrgLevel;
  code: string;
  name: string;
  communityType?: string | undefined;
  departmentType?: string | undefined;
  figures?:
    | {
        households?: number | undefined;
        permanentPopulation?: number | undefined;
        floatingPopulation?: number | undefined;
      }
    | undefined;
  boundary?: unknown;
}

export async function createNode(ctx: Ctx, body: CreateNodeInput): Promise<OrgNodeView> {
  const actor = requirePermission(ctx, 'org.manage');
  const id = await ctx.db.transaction(async (tx) => {
    const parent = await manageableNode(tx, actor, body.parentId);
    if (!CHILD_LEVELS[parent.level as OrgLevel].includes(body.level))
      throw invalid('level', 'org.level_mismatch');
    const issues = checkNodeCode(body.level, body.code, parent);
    if (issues.length) throw new AppError(400, 'validation', issues);
    const taken = await tx
      .select({ id: orgNodes.id })
      .from(orgNodes)
      .where(and(eq(orgNodes.code, body.code), isNull(orgNodes.validTo)));
    if (taken.length) throw conflict('org.code_taken', [{ path: 'code', code: 'org.code_taken' }]);
    const [row] = await tx
      .insert(orgNodes)
      .values({
        parentId: parent.id,
        level: body.level,
        code: body.code,
        name: body.name,
        path: '',
        communityType: body.level === 'community' ? (body.communityType ?? 'residential') : null,
        departmentType: body.level === 'department' ? (body.departmentType ?? 'other') : null,
        households: body.figures?.households ?? 0,
        permanentPopulation: body.figures?.permanentPopulation ?? 0,
        floatingPopulation: body.figures?.floatingPopulation ?? 0,
        boundary: body.boundary ?? null,
      })
      .returning();
    const path = `${parent.path}${row!.id}/`;
    await tx.update(orgNodes).set({ path }).where(eq(orgNodes.id, row!.id));
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'org.manage', parent.path),
      clientIp: ctx.ip,
      action: 'org.create',
      recordType: 'org_node',
      recordId: row!.id,
      after: { ...row, path },
    });
    return row!.id;
  });
  return nodeDetail(ctx, id);
}

export interface UpdateNodeInput {
  name?: string | undefined;
  communityType?: string | null | undefined;
  figures?: CreateNodeInput['figures'];
  boundary?: unknown;
}

export async function updateNode(ctx: Ctx, id: number, body: UpdateNodeInput): Promise<OrgNodeView> {
  const actor = requirePermission(ctx, 'org.manage');
  await ctx.db.transaction(async (tx) => {
    const before = await manageableNode(tx, actor, id);
    const patch: Partial<NodeRow> = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.communityType !== undefined && before.level === 'community'
        ? { communityType: body.communityType }
        : {}),
      ...(body.figures?.households !== undefined ? { households: body.figures.households } : {}),
      ...(body.figures?.permanentPopulation !== undefined
        ? { permanentPopulation: body.figures.permanentPopulation }
        : {}),
      ...(body.figures?.floatingPopulation !== undefined
        ? { floatingPopulation: body.figures.floatingPopulation }
        : {}),
      ...(body.boundary !== undefined ? { boundary: body.boundary } : {}),
    };
    const [after] = await tx
      .update(orgNodes)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(orgNodes.id, id))
      .returning();
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'org.manage', before.path),
      clientIp: ctx.ip,
      action: body.name !== undefined && body.name !== before.name ? 'org.rename' : 'org.update',
      recordType: 'org_node',
      recordId: id,
      before,
      after,
      details: { fields: Object.keys(patch) },
    });
  });
  return nodeDetail(ctx, id);
}

/** Moves a node and its whole subtree under a new parent of the same level as the old one. */
export async function moveNode(ctx: Ctx, id: number, parentId: number): Promise<OrgNodeView> {
  const actor = requirePermission(ctx, 'org.manage');
  await ctx.db.transaction(async (tx) => {
    const node = await manageableNode(tx, actor, id);
    const oldParent = node.parentId ? await loadNode(tx, node.parentId) : undefined;
    assertPathInScope(actor, 'org.manage', oldParent?.path);
    const target = await manageableNode(tx, actor, parentId);
    if (target.path.startsWith(node.path)) throw invalid('parentId', 'org.move_into_self');
    if (!CHILD_LEVELS[target.level as OrgLevel].includes(node.level as OrgLevel)) {
      throw invalid('parentId', 'org.level_mismatch');
    }
    const newPath = `${target.path}${node.id}/`;
    // One statement rewrites the prefix of every path in the subtree; ids, and so every record that
    // points at them, stay put, which is why scope follows the move for free.
    await tx
      .update(orgNodes)
      .set({
        path: sql`${newPath} || substr(${orgNodes.path}, ${node.path.length + 1})`,
        updatedAt: new Date(),
      })
      .where(like(orgNodes.path, `${node.path}%`));
    await tx.update(orgNodes).set({ parentId: target.id }).where(eq(orgNodes.id, id));
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'org.manage', node.path),
      clientIp: ctx.ip,
      action: 'org.move',
      recordType: 'org_node',
      recordId: id,
      before: { parentId: node.parentId, path: node.path },
      after: { parentId: target.id, path: newPath },
      details: { fromParent: node.parentId, toParent: target.id },
    });
  });
  return nodeDetail(ctx, id);
}

/** Retires (never deletes) a node with no live children; its code and history remain. */
export async function retireNode(ctx: Ctx, id: number, reason: string): Promise<OrgNodeView> {
  const actor = requirePermission(ctx, 'org.manage');
  await ctx.db.transaction(async (tx) => {
    const node = await manageableNode(tx, actor, id);
    if (!node.parentId) throw notFound();
    const live = await tx
      .select({ id: orgNodes.id })
      .from(orgNodes)
      .where(and(eq(orgNodes.parentId, id), isNull(orgNodes.validTo)))
      .limit(1);
    if (live.length) throw new AppError(409, 'org.has_children');
    const [after] = await tx
      .update(orgNodes)
      .set({ validTo: new Date(), retiredReason: reason, updatedAt: new Date() })
      .where(eq(orgNodes.id, id))
      .returning();
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'org.manage', node.path),
      clientIp: ctx.ip,
      action: 'org.retire',
      recordType: 'org_node',
      recordId: id,
      before: node,
      after,
      reason,
    });
  });
  const [row] = await ctx.db
    .select({ ...nodeColumns(), childCount })
    .from(orgNodes)
    .where(eq(orgNodes.id, id));
  return toView(row!);
}
