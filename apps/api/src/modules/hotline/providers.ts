import {
  maskMobile,
  type ProviderBody,
  type ProviderMatch,
  type ProviderMatchQuery,
  type ProviderStatus,
  type ProviderView,
  type providerListQuery,
} from '@linli/contract';
import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { auditActorOf, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { invalid, notFound } from '../../core/errors';
import { distanceMetres } from '../../core/geo';
import { type Db, rowsOf } from '../../db/client';
import { accounts } from '../accounts/accounts.schema';
import { recordAudit } from '../audit';
import type { ProviderCheck } from '../cases';
import { serviceProviders } from './hotline.schema';

type ProviderRow = typeof serviceProviders.$inferSelect;
interface Quality {
  ratingAverage: number | null;
  ratingCount: number;
  servedCount: number;
}

const NO_QUALITY: Quality = { ratingAverage: null, ratingCount: 0, servedCount: 0 };
/** Metres per degree of latitude (and of longitude at the equator), for the bounding box. */
const METRES_PER_DEGREE = 111_320;

/**
 * The quality record is read from the demands themselves (the case rows keep the provider's account
 * and the call-back rating), so it can never drift from what happened.
 */
async function qualityOf(db: Db, accountIds: number[]): Promise<Map<number, Quality>> {
  const out = new Map<number, Quality>();
  if (accountIds.length === 0) return out;
  const rows = rowsOf<{ account_id: number; avg: string | null; rated: number; served: number }>(
    await db.execute(sql`
      select provider_account_id as account_id, avg(rating)::float8 as avg,
             count(rating)::int as rated,
             count(*) filter (where state in ('handled', 'evaluated'))::int as served
      from cases
      where kind = 'hotline' and provider_account_id in (${sql.join(
        accountIds.map((id) => sql`${id}`),
        sql`, `,
      )})
      group by provider_account_id`),
  );
  for (const r of rows)
    out.set(Number(r.account_id), {
      ratingAverage: r.avg === null ? null : Math.round(Number(r.avg) * 10) / 10,
      ratingCount: Number(r.rated),
      servedCount: Number(r.served),
    });
  return out;
}

function viewOf(ctx: Ctx, row: ProviderRow, quality: Quality): ProviderView {
  return {
    id: row.id,
    name: row.name,
    type: row.type as ProviderView['type'],
    categories: row.categories as ProviderView['categories'],
    lat: row.lat,
    lng: row.lng,
    address: row.address,
    serviceRadiusM: row.serviceRadiusM,
    hours: row.hours,
    prices: row.prices,
    phoneMasked: maskMobile(ctx.pii.decrypt(row.phoneEnc)),
    accountId: row.accountId,
    status: row.status as ProviderStatus,
    statusReason: row.statusReason,
    ...quality,
  };
}

async function viewsOf(ctx: Ctx, rows: ProviderRow[]): Promise<ProviderView[]> {
  const quality = await qualityOf(
    ctx.db,
    rows.flatMap((r) => (r.accountId ? [r.accountId] : [])),
  );
  return rows.map((r) => viewOf(ctx, r, (r.accountId && quality.get(r.accountId)) || NO_QUALITY));
}

export async function listProviders(ctx: Ctx, q: z.infer<typeof providerListQuery>): Promise<ProviderView[]> {
  requirePermission(ctx, 'hotline.operate');
  const rows = await ctx.db
    .select()
    .from(serviceProviders)
    .where(
      and(
        q.status ? eq(serviceProviders.status, q.status) : undefined,
        q.category ? sql`${q.category} = any(${serviceProviders.categories})` : undefined,
        q.q ? ilike(serviceProviders.name, `%${q.q.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
      ),
    )
    .orderBy(asc(serviceProviders.name))
    .limit(500);
  return viewsOf(ctx, rows);
}

export async function getProvider(ctx: Ctx, id: number): Promise<ProviderView> {
  requirePermission(ctx, 'hotline.operate');
  const [row] = await ctx.db.select().from(serviceProviders).where(eq(serviceProviders.id, id));
  if (!row) throw notFound();
  return (await viewsOf(ctx, [row]))[0]!;
}

/** The linked login must be a provider account, and one provider record per account. */
async function assertProviderAccount(db: Db, accountId: number | null, selfId: number | null) {
  if (accountId === null) return;
  const rows = rowsOf<{ ok: boolean }>(
    await db.execute(sql`
      select exists (select 1 from role_assignments
        where account_id = ${accountId} and role = 'provider' and revoked_at is null) as ok`),
  );
  if (!rows[0]?.ok) throw invalid('accountId', 'hotline.account_not_provider');
  const [taken] = await db
    .select({ id: serviceProviders.id })
    .from(serviceProviders)
    .where(eq(serviceProviders.accountId, accountId));
  if (taken && taken.id !== selfId) throw invalid('accountId', 'hotline.account_taken');
}

function columnsOf(ctx: Ctx, body: ProviderBody) {
  return {
    name: body.name,
    type: body.type,
    categories: [...new Set(body.categories)],
    lat: body.lat,
    lng: body.lng,
    address: body.address,
    serviceRadiusM: body.serviceRadiusM,
    hours: body.hours,
    prices: body.prices,
    phoneEnc: ctx.pii.encrypt(body.phone),
    accountId: body.accountId,
  };
}

/** A new provider starts as `applied`: it is matched only once an operator approves it. */
export async function createProvider(ctx: Ctx, body: ProviderBody): Promise<ProviderView> {
  const actor = requirePermission(ctx, 'hotline.operate');
  return ctx.db.transaction(async (tx) => {
    await assertProviderAccount(tx, body.accountId, null);
    const [row] = await tx.insert(serviceProviders).values(columnsOf(ctx, body)).returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'provider.create',
      recordType: 'service_provider',
      recordId: row!.id,
      after: { ...row, phoneEnc: undefined },
    });
    return (await viewsOf({ ...ctx, db: tx }, [row!]))[0]!;
  });
}

export async function updateProvider(ctx: Ctx, id: number, body: ProviderBody): Promise<ProviderView> {
  const actor = requirePermission(ctx, 'hotline.operate');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(serviceProviders)
      .where(eq(serviceProviders.id, id))
      .for('update');
    if (!before) throw notFound();
    await assertProviderAccount(tx, body.accountId, id);
    const [row] = await tx
      .update(serviceProviders)
      .set({ ...columnsOf(ctx, body), updatedAt: new Date() })
      .where(eq(serviceProviders.id, id))
      .returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'provider.update',
      recordType: 'service_provider',
      recordId: id,
      before: { ...before, phoneEnc: undefined },
      after: { ...row, phoneEnc: undefined },
    });
    return (await viewsOf({ ...ctx, db: tx }, [row!]))[0]!;
  });
}

/** Vetting: approve, suspend or remove, always with a reason, always audited. */
export async function setProviderStatus(
  ctx: Ctx,
  id: number,
  status: ProviderStatus,
  reason: string,
): Promise<ProviderView> {
  const actor = requirePermission(ctx, 'hotline.operate');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(serviceProviders)
      .where(eq(serviceProviders.id, id))
      .for('update');
    if (!before) throw notFound();
    const [row] = await tx
      .update(serviceProviders)
      .set({ status, statusReason: reason, updatedAt: new Date() })
      .where(eq(serviceProviders.id, id))
      .returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'provider.status',
      recordType: 'service_provider',
      recordId: id,
      reason,
      details: { from: before.status, to: status },
    });
    return (await viewsOf({ ...ctx, db: tx }, [row!]))[0]!;
  });
}

/**
 * Approved providers of a category within `radius` metres in a straight line (and within their own
 * service area), nearest first, the better rated first at equal distance. The bounding box on the
 * indexed (lat, lng) keeps the scan to a small patch of the city; the haversine is exact.
 */
export async function matchProviders(ctx: Ctx, q: ProviderMatchQuery): Promise<ProviderMatch[]> {
  requirePermission(ctx, 'hotline.operate');
  const dLat = q.radius / METRES_PER_DEGREE;
  const dLng = q.radius / (METRES_PER_DEGREE * Math.cos((q.lat * Math.PI) / 180));
  const rows = await ctx.db
    .select()
    .from(serviceProviders)
    .where(
      and(
        eq(serviceProviders.status, 'approved'),
        sql`${serviceProviders.lat} between ${q.lat - dLat} and ${q.lat + dLat}`,
        sql`${serviceProviders.lng} between ${q.lng - dLng} and ${q.lng + dLng}`,
        sql`${q.category} = any(${serviceProviders.categories})`,
      ),
    );
  const near = rows
    .map((row) => ({ row, distanceM: Math.round(distanceMetres([q.lng, q.lat], [row.lng, row.lat])) }))
    .filter((m) => m.distanceM <= Math.min(q.radius, m.row.serviceRadiusM));
  const views = await viewsOf(
    ctx,
    near.map((m) => m.row),
  );
  return views
    .map((v, i) => ({ ...v, distanceM: near[i]!.distanceM }))
    .sort(nearestThenBetter)
    .slice(0, q.limit);
}

/** Nearest first; at equal (whole-metre) distance the better rated, unrated last. */
export function nearestThenBetter(
  a: { distanceM: number; ratingAverage: number | null },
  b: { distanceM: number; ratingAverage: number | null },
): number {
  return a.distanceM - b.distanceM || (b.ratingAverage ?? 0) - (a.ratingAverage ?? 0);
}

/**
 * The engine asks this before `send_provider`: the account must belong to an approved provider of the
 * demand's category whose service area reaches the demand's point.
 */
export const providerCheck: ProviderCheck = async (db, demand, providerAccountId) => {
  const [row] = await db
    .select()
    .from(serviceProviders)
    .where(eq(serviceProviders.accountId, providerAccountId));
  const category = (demand.details as { serviceCategory?: string } | null)?.serviceCategory;
  const eligible =
    row?.status === 'approved' &&
    category !== undefined &&
    row.categories.includes(category) &&
    demand.lat !== null &&
    demand.lng !== null &&
    distanceMetres([demand.lng, demand.lat], [row.lng, row.lat]) <= row.serviceRadiusM;
  if (!eligible) throw invalid('providerAccountId', 'hotline.provider_not_eligible');
};

/** Display names of provider accounts, for demand lists. */
export async function providerNames(db: Db, accountIds: number[]): Promise<Map<number, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .select({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .where(
      sql`${accounts.id} in (${sql.join(
        accountIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  return new Map(rows.map((r) => [r.id, r.name]));
}
