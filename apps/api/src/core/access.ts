import type { Permission, Role } from '@linli/contract';
import { ROLES } from '@linli/contract';
import { type AnyColumn, like, or, type SQL, sql } from 'drizzle-orm';
import { orgNodes } from '../modules/org/org.schema';
import type { Actor, Ctx, Grant } from './context';
import { AppError, forbidden, notFound } from './errors';

/**
 * The one access layer. Permission comes from the role, data scope from the node the role is held
 * on: a grant on '/1/4/' covers every node whose path starts with '/1/4/'. Handlers never write their
 * own scope conditions; they ask here.
 */
export function grantAllows(grant: Grant, permission: Permission): boolean {
  return (ROLES[grant.role].permissions as readonly Permission[]).includes(permission);
}

export function grantsWith(actor: Actor, permission: Permission): Grant[] {
  if (actor.tokenScopes && actor.tokenScopes.size > 0 && !actor.tokenScopes.has(permission)) return [];
  return actor.grants.filter((g) => grantAllows(g, permission));
}

export function permissionsOfActor(actor: Actor): Permission[] {
  const out = new Set<Permission>();
  for (const g of actor.grants) for (const p of ROLES[g.role].permissions) out.add(p);
  return [...out].filter(
    (p) => !actor.tokenScopes || actor.tokenScopes.size === 0 || actor.tokenScopes.has(p),
  );
}

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError(401, 'unauthenticated');
  return ctx.actor;
}

/** For endpoints (not records): a missing permission is a plain 403. */
export function requirePermission(ctx: Ctx, permission: Permission): Actor {
  const actor = requireActor(ctx);
  if (grantsWith(actor, permission).length === 0) throw forbidden();
  return actor;
}

export function scopePaths(actor: Actor, permission: Permission): string[] {
  const paths = grantsWith(actor, permission).map((g) => g.path);
  // Drop paths already covered by a shorter one so filters stay small.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

export function pathInScope(actor: Actor, permission: Permission, path: string): boolean {
  return scopePaths(actor, permission).some((p) => path.startsWith(p));
}

/** For records: out of scope answers 404, exactly like a record that does not exist. */
export function assertPathInScope(
  actor: Actor,
  permission: Permission,
  path: string | null | undefined,
): void {
  if (!path || !pathInScope(actor, permission, path)) throw notFound();
}

/** The grant that best explains an action on a node: the deepest one covering it (for the audit row). */
export function grantFor(actor: Actor, permission: Permission, path: string): Grant | undefined {
  return grantsWith(actor, permission)
    .filter((g) => path.startsWith(g.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

/**
 * A WHERE condition limiting rows to the actor's scope. Each column holds an org node id (the record's
 * node, or e.g. the department it is assigned to); a row is visible when any of them lies in scope.
 */
export function scopeCondition(actor: Actor, permission: Permission, ...nodeIdColumns: AnyColumn[]): SQL {
  const paths = scopePaths(actor, permission);
  if (paths.length === 0) return sql`false`;
  const inScope = sqlSubtreeIds(paths);
  // `= any(array(subquery))` makes PostgreSQL compute the subtree once and probe with it; an IN
  // subquery was planned as a nested loop that repeated the main index scan per grid (measured on
  // 3 million residents: 1,024 ms against 20 ms for a pinyin search of one street).
  return or(...nodeIdColumns.map((col) => sql`${col} = any(array${inScope})`)) ?? sql`false`;
}

/** The same scope for rows that carry a materialised path themselves (org nodes): no subquery needed. */
export function scopePathCondition(actor: Actor, permission: Permission, pathColumn: AnyColumn): SQL {
  const paths = scopePaths(actor, permission);
  if (paths.length === 0) return sql`false`;
  return or(...paths.map((p) => like(pathColumn, `${p}%`))) ?? sql`false`;
}

/** Rows whose node lies under `path` (a filter the user chose, applied on top of the scope condition). */
export function inSubtree(nodeIdColumn: AnyColumn, path: string): SQL {
  return sql`${nodeIdColumn} = any(array${sqlSubtreeIds([path])})`;
}

function sqlSubtreeIds(paths: string[]) {
  return sql`(select ${orgNodes.id} from ${orgNodes} where ${or(...paths.map((p) => like(orgNodes.path, `${p}%`)))})`;
}

export function roleAllowedOnLevel(role: Role, level: string): boolean {
  return (ROLES[role].levels as readonly string[]).includes(level);
}

/** Who acted on a record at `path`, for an audit row: the account and the grant that let it. */
export function auditActorIn(actor: Actor, permission: Permission, path: string) {
  const grant = grantFor(actor, permission, path);
  return { accountId: actor.accountId, role: grant?.role ?? null, orgNodeId: grant?.orgNodeId ?? null };
}

/** Who acted, for an audit row: the account and (for context) its first role and node. */
export function auditActorOf(actor: Actor | null) {
  if (!actor) return null;
  const first = actor.grants[0];
  return { accountId: actor.accountId, role: first?.role ?? null, orgNodeId: first?.orgNodeId ?? null };
}
