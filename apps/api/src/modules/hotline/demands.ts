import {
  type DemandBody,
  type DemandView,
  maskMobile,
  maskName,
  SERVICE_CATEGORIES,
  type ServiceCategory,
} from '@linli/contract';
import { and, desc, eq, or, type SQL } from 'drizzle-orm';
import { pathInScope, requireActor, requirePermission, scopeCondition } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { invalid } from '../../core/errors';
import { accounts } from '../accounts/accounts.schema';
// The engine's own grid finder: a demand belongs to the grid its point lies in, like any case.
import { locateGrid, openDemand } from '../cases';
import { cases } from '../cases/cases.schema';
import { providerNames } from './providers';

interface DemandDetails {
  serviceCategory: ServiceCategory;
  callerNameEnc: string;
  callerPhoneEnc: string | null;
}

async function open(
  ctx: Ctx,
  actor: Actor,
  body: Omit<DemandBody, 'callerName' | 'callerPhone'>,
  caller: { name: string; phone: string | null },
  channel: 'hotline' | 'resident',
): Promise<number> {
  const place = await locateGrid(ctx.db, body.lng, body.lat);
  if (!place) throw invalid('lat', 'cases.location_unknown');
  // An operator takes calls for their own district (or city) only.
  if (channel === 'hotline' && !pathInScope(actor, 'hotline.operate', place.path))
    throw invalid('lat', 'cases.location_out_of_scope');
  const name = SERVICE_CATEGORIES.find((c) => c.code === body.category)!.zh;
  const details: DemandDetails = {
    serviceCategory: body.category,
    callerNameEnc: ctx.pii.encrypt(caller.name),
    callerPhoneEnc: caller.phone ? ctx.pii.encrypt(caller.phone) : null,
  };
  return ctx.db.transaction((tx) =>
    openDemand(tx, {
      title: `${name}：${body.address}`,
      description: body.description,
      orgNodeId: place.nodeId,
      lat: body.lat,
      lng: body.lng,
      address: body.address,
      reporterAccountId: actor.accountId,
      reporterName: actor.displayName,
      channel,
      details: details as unknown as Record<string, unknown>,
      urgency: body.urgency,
    }),
  );
}

/** The operator records a call: who called, what service, where. */
export async function recordDemand(ctx: Ctx, body: DemandBody): Promise<DemandView> {
  const actor = requirePermission(ctx, 'hotline.operate');
  const id = await open(ctx, actor, body, { name: body.callerName, phone: body.callerPhone }, 'hotline');
  return demandById(ctx, id);
}

/** A resident asks for a service from the phone; the caller is the resident's own account. */
export async function fileOwnDemand(
  ctx: Ctx,
  body: Omit<DemandBody, 'callerName' | 'callerPhone'>,
): Promise<DemandView> {
  const actor = requirePermission(ctx, 'self.service');
  const [me] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  const phone = me?.mobileEnc ? ctx.pii.decrypt(me.mobileEnc) : null;
  const id = await open(ctx, actor, body, { name: actor.displayName, phone }, 'resident');
  return demandById(ctx, id);
}

/** The demands an actor deals with: an operator's area, a provider's jobs, a resident's own. */
function mineCondition(actor: Actor): SQL {
  return and(
    eq(cases.kind, 'hotline'),
    or(
      eq(cases.providerAccountId, actor.accountId),
      eq(cases.reporterAccountId, actor.accountId),
      scopeCondition(actor, 'hotline.operate', cases.orgNodeId),
    ),
  ) as SQL;
}

export async function listDemands(ctx: Ctx, q: { state?: string }): Promise<DemandView[]> {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select()
    .from(cases)
    .where(and(mineCondition(actor), q.state ? eq(cases.state, q.state) : undefined))
    .orderBy(desc(cases.id))
    .limit(200);
  return viewsOf(ctx, rows);
}

async function demandById(ctx: Ctx, id: number): Promise<DemandView> {
  const rows = await ctx.db.select().from(cases).where(eq(cases.id, id));
  return (await viewsOf(ctx, rows))[0]!;
}

async function viewsOf(ctx: Ctx, rows: Array<typeof cases.$inferSelect>): Promise<DemandView[]> {
  const names = await providerNames(ctx.db, [
    ...new Set(rows.flatMap((r) => (r.providerAccountId ? [r.providerAccountId] : []))),
  ]);
  return rows.map((r) => {
    const d = (r.details ?? {}) as Partial<DemandDetails>;
    return {
      id: r.id,
      state: r.state,
      version: r.version,
      category: d.serviceCategory ?? null,
      title: r.title,
      description: r.description,
      address: r.address,
      lat: r.lat,
      lng: r.lng,
      channel: r.channel,
      callerNameMasked: d.callerNameEnc ? maskName(ctx.pii.decrypt(d.callerNameEnc)) : null,
      callerPhoneMasked: d.callerPhoneEnc ? maskMobile(ctx.pii.decrypt(d.callerPhoneEnc)) : null,
      providerAccountId: r.providerAccountId,
      providerName: r.providerAccountId ? (names.get(r.providerAccountId) ?? null) : null,
      rating: r.rating,
      reportedAt: r.reportedAt.toISOString(),
      stageDueAt: r.stageDueAt?.toISOString() ?? null,
    };
  });
}
