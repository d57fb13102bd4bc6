import type { Permission } from '@linli/contract';
import { ROLES } from '@linli/contract';
import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { requireActor } from '../../core/access';
import type { Ctx } from '../../core/context';
import { notFound } from '../../core/errors';
import { decodeCursor, pageFrom } from '../../core/pagination';
import { type Db, rowsOf } from '../../db/client';
import { notices } from './notices.schema';

export interface NoticeInput {
  kind: string;
  priority?: 'normal' | 'urgent';
  params?: Record<string, string | number>;
  link?: string;
}

/** Sends a notice to each account (in the caller's transaction, so it exists exactly when the change does). */
export async function notify(db: Db, accountIds: Iterable<number>, notice: NoticeInput): Promise<number> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return 0;
  await db.insert(notices).values(
    ids.map((accountId) => ({
      accountId,
      kind: notice.kind,
      priority: notice.priority ?? 'normal',
      params: notice.params ?? {},
      link: notice.link ?? null,
    })),
  );
  return ids.length;
}

/**
 * Active accounts holding `permission` through a grant on the node at `path` or on one of its
 * ancestors up to `upTo` levels above (0 = the node itself): "whoever is on duty for this grid".
 */
export async function accountsCovering(
  db: Db,
  path: string,
  permission: Permission,
  upTo = 0,
): Promise<number[]> {
  const chain = path.split('/').filter(Boolean).map(Number);
  const nodes = chain.slice(Math.max(0, chain.length - 1 - upTo));
  const roles = Object.entries(ROLES)
    .filter(([, r]) => (r.permissions as readonly string[]).includes(permission))
    .map(([name]) => name);
  if (nodes.length === 0 || roles.length === 0) return [];
  const res = await db.execute(sql`
    select distinct ra.account_id from role_assignments ra join accounts a on a.id = ra.account_id
    where ra.revoked_at is null and a.status = 'active'
      and ra.org_node_id = any(${`{${nodes.join(',')}}`}::int[])
      and ra.role = any(${`{${roles.join(',')}}`}::text[])`);
  return rowsOf<{ account_id: number }>(res).map((r) => Number(r.account_id));
}

export async function listNotices(ctx: Ctx, q: { cursor?: string; limit: number; unread?: boolean }) {
  const actor = requireActor(ctx);
  const cursor = decodeCursor<{ id: number }>(q.cursor);
  const rows = await ctx.db
    .select()
    .from(notices)
    .where(
      and(
        eq(notices.accountId, actor.accountId),
        q.unread ? isNull(notices.readAt) : undefined,
        cursor ? lt(notices.id, Number(cursor.id)) : undefined,
      ),
    )
    .orderBy(desc(notices.id))
    .limit(q.limit + 1);
  const page = pageFrom(rows, q.limit, (r) => ({ id: r.id }));
  const [{ n } = { n: 0 }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notices)
    .where(and(eq(notices.accountId, actor.accountId), isNull(notices.readAt)));
  return {
    items: page.items.map((r) => ({
      id: r.id,
      kind: r.kind,
      priority: r.priority as 'normal' | 'urgent',
      params: r.params as Record<string, string | number>,
      link: r.link,
      read: r.readAt !== null,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
    unread: Number(n),
  };
}

/** Marks notices read: the given ones, or all of the reader's. Only ever the reader's own. */
export async function markRead(ctx: Ctx, ids: number[] | 'all'): Promise<void> {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .update(notices)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notices.accountId, actor.accountId),
        isNull(notices.readAt),
        ids === 'all' ? undefined : inArray(notices.id, ids),
      ),
    )
    .returning({ id: notices.id });
  if (ids !== 'all' && ids.length === 1 && rows.length === 0) {
    const [own] = await ctx.db
      .select({ id: notices.id })
      .from(notices)
      .where(and(eq(notices.id, ids[0]!), eq(notices.accountId, actor.accountId)));
    if (!own) throw notFound();
  }
}
