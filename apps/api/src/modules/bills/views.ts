import type { BillListQuery, BillPage, BillView } from '@linli/contract';
import { and, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { assertPathInScope, requirePermission, scopeCondition } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { decodeCursor, pageFrom } from '../../core/pagination';
import type { Db } from '../../db/client';
import { orgNodes } from '../org/org.schema';
import { households, houses } from '../registry/registry.schema';
import { bills } from './bills.schema';

const parentNodes = alias(orgNodes, 'parent_nodes');
const address = sql<string>`coalesce(${households.address}, ${houses.address}, '')`;

/** One select for every view: the bill with its household's address, node, node path and names. */
function billQuery(db: Db) {
  return db
    .select({
      bill: bills,
      orgNodeId: households.orgNodeId,
      address,
      path: orgNodes.path,
      level: orgNodes.level,
      nodeName: orgNodes.name,
      parentName: parentNodes.name,
    })
    .from(bills)
    .innerJoin(households, eq(households.id, bills.householdId))
    .leftJoin(houses, eq(houses.id, households.houseId))
    .innerJoin(orgNodes, eq(orgNodes.id, households.orgNodeId))
    .leftJoin(parentNodes, eq(parentNodes.id, orgNodes.parentId));
}
type BillRow = Awaited<ReturnType<ReturnType<typeof billQuery>['execute']>>[number];

function viewOf(r: BillRow): BillView {
  const b = r.bill;
  return {
    id: b.id,
    householdId: b.householdId,
    householdAddress: r.address,
    orgNodeId: r.orgNodeId,
    // A grid is shown under its community ("幸福社区 / 第一网格"); any other node by its own name.
    orgPathName: r.level === 'grid' && r.parentName ? `${r.parentName} / ${r.nodeName}` : r.nodeName,
    kind: b.kind as BillView['kind'],
    biller: b.biller,
    period: b.period,
    amountCents: b.amountCents,
    dueDate: b.dueDate,
    externalRef: b.externalRef,
    status: b.status as BillView['status'],
    paidAt: b.paidAt?.toISOString() ?? null,
    paidChannel: (b.paidChannel as BillView['paidChannel']) ?? null,
    receiptNumber: b.receiptNumber,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    cancelReason: b.cancelReason,
    createdAt: b.createdAt.toISOString(),
  };
}

/** A bill with its household's node path (for the scope check), or null. */
export async function billWithPath(db: Db, id: number): Promise<{ view: BillView; path: string } | null> {
  const [row] = await billQuery(db).where(eq(bills.id, id));
  return row ? { view: viewOf(row), path: row.path } : null;
}

/** The views of these bills, by id (for lists whose rows are something else, such as payments). */
export async function billViewsById(db: Db, ids: number[]): Promise<Map<number, BillView>> {
  if (ids.length === 0) return new Map();
  const rows = await billQuery(db).where(inArray(bills.id, ids));
  return new Map(rows.map((r) => [r.bill.id, viewOf(r)]));
}

/** For staff: the bill if its household lies in the actor's scope, else 404 (as if it did not exist). */
export async function billInScope(db: Db, actor: Actor, id: number): Promise<BillView> {
  const found = await billWithPath(db, id);
  assertPathInScope(actor, 'bills.manage', found?.path);
  return found!.view;
}

export async function getBill(ctx: Ctx, id: number): Promise<BillView> {
  return billInScope(ctx.db, requirePermission(ctx, 'bills.manage'), id);
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** The desk list: newest first, filtered, with totals over the whole filtered result. */
export async function listBills(ctx: Ctx, q: BillListQuery): Promise<BillPage> {
  const actor = requirePermission(ctx, 'bills.manage');
  const pattern = q.q ? `%${escapeLike(q.q)}%` : null;
  const filter: SQL | undefined = and(
    scopeCondition(actor, 'bills.manage', households.orgNodeId),
    q.status ? eq(bills.status, q.status) : undefined,
    q.kind ? eq(bills.kind, q.kind) : undefined,
    q.period ? eq(bills.period, q.period) : undefined,
    q.householdId ? eq(bills.householdId, q.householdId) : undefined,
    pattern
      ? or(ilike(address, pattern), ilike(bills.biller, pattern), ilike(bills.externalRef, pattern))
      : undefined,
  );
  const after = decodeCursor<{ id: number }>(q.cursor);
  const rows = await billQuery(ctx.db)
    .where(and(filter, after ? lt(bills.id, Number(after.id)) : undefined))
    .orderBy(desc(bills.id))
    .limit(q.limit + 1);
  const [totals] = await ctx.db
    .select({
      count: sql<number>`count(*)::int`,
      unpaidCents: sql<number>`coalesce(sum(${bills.amountCents}) filter (where ${bills.status} = 'unpaid'), 0)::int8`,
      paidCents: sql<number>`coalesce(sum(${bills.amountCents}) filter (where ${bills.status} = 'paid'), 0)::int8`,
    })
    .from(bills)
    .innerJoin(households, eq(households.id, bills.householdId))
    .leftJoin(houses, eq(houses.id, households.houseId))
    .where(filter);
  const page = pageFrom(rows, q.limit, (r) => ({ id: r.bill.id }));
  return {
    items: page.items.map(viewOf),
    nextCursor: page.nextCursor,
    totals: {
      count: Number(totals?.count ?? 0),
      unpaidCents: Number(totals?.unpaidCents ?? 0),
      paidCents: Number(totals?.paidCents ?? 0),
    },
  };
}

/** A household's bills for its resident: unpaid first (soonest due first), then the paid, newest first. */
export async function householdBills(db: Db, householdId: number): Promise<BillView[]> {
  const rows = await billQuery(db)
    .where(eq(bills.householdId, householdId))
    .orderBy(
      sql`case ${bills.status} when 'unpaid' then 0 when 'paid' then 1 else 2 end`,
      sql`case when ${bills.status} = 'unpaid' then ${bills.dueDate} end asc`,
      desc(bills.period),
      desc(bills.id),
    )
    .limit(500);
  return rows.map(viewOf);
}
