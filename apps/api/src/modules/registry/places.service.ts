import { maskMobile, parseCreditCode, parseMobile } from '@linli/contract';
import { and, asc, eq, gt, ilike, like, sql } from 'drizzle-orm';
import {
  assertPathInScope,
  auditActorIn,
  inSubtree,
  requirePermission,
  scopeCondition,
} from '../../core/access';
import type { Ctx } from '../../core/context';
import { conflict, invalid, notFound } from '../../core/errors';
import { decodeCursor, pageFrom } from '../../core/pagination';
import { containsPattern } from '../../core/sql';
import { recordAudit } from '../audit';
import { orgNodes } from '../org/org.schema';
import { shanghaiToday } from './dates';
import { districtIdOf, gridForWrite, nodePath } from './registry.common';
import { residentVisibleCondition } from './registry.policy';
import {
  buildings,
  floatingRegistrations,
  households,
  houses,
  residents,
  residentUnits,
} from './registry.schema';
import { residentViews } from './resident-views';

/** Rows under a node the actor may read (the node itself checked first: out of scope is 404). */
async function underNode(ctx: Ctx, nodeId: number | undefined) {
  const actor = requirePermission(ctx, 'registry.read');
  if (!nodeId) return { actor, path: null };
  const path = await nodePath(ctx.db, nodeId);
  assertPathInScope(actor, 'registry.read', path || undefined);
  return { actor, path };
}

const _subtree = (path: string) =>
  sql`(select ${orgNodes.id} from ${orgNodes} where ${like(orgNodes.path, `${path}%`)})`;

export async function createBuilding(
  ctx: Ctx,
  body: {
    gridId: number;
    name: string;
    address: string;
    floors?: number | undefined;
    units?: number | undefined;
  },
) {
  const actor = requirePermission(ctx, 'registry.write');
  const row = await ctx.db.transaction(async (tx) => {
    const grid = await gridForWrite(tx, actor, body.gridId);
    const [b] = await tx
      .insert(buildings)
      .values({
        orgNodeId: grid.id,
        districtId: districtIdOf(grid.path),
        name: body.name,
        address: body.address,
        floors: body.floors ?? null,
        units: body.units ?? null,
      })
      .returning();
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', grid.path),
      clientIp: ctx.ip,
      action: 'building.create',
      recordType: 'building',
      recordId: b!.id,
      after: b,
    });
    return b!;
  });
  return { ...row, gridId: row.orgNodeId, houses: 0 };
}

export async function listBuildings(ctx: Ctx, nodeId: number | undefined) {
  const { actor, path } = await underNode(ctx, nodeId);
  const rows = await ctx.db
    .select({
      b: buildings,
      // Qualified by hand: inside the subquery an unqualified "id" would be the house's own id.
      houses: sql<number>`(select count(*)::int from houses h where h.building_id = "buildings"."id")`,
    })
    .from(buildings)
    .where(
      and(
        scopeCondition(actor, 'registry.read', buildings.orgNodeId),
        path ? inSubtree(buildings.orgNodeId, path) : undefined,
      ),
    )
    .orderBy(asc(buildings.name))
    .limit(500);
  return rows.map(({ b, houses: n }) => ({
    id: b.id,
    gridId: b.orgNodeId,
    name: b.name,
    address: b.address,
    floors: b.floors,
    units: b.units,
    houses: Number(n),
  }));
}

async function buildingInScope(ctx: Ctx, id: number, permission: 'registry.read' | 'registry.write') {
  const actor = requirePermission(ctx, permission);
  const [b] = await ctx.db.select().from(buildings).where(eq(buildings.id, id));
  assertPathInScope(actor, permission, b ? await nodePath(ctx.db, b.orgNodeId) : undefined);
  return { actor, building: b! };
}

const houseView = (h: typeof houses.$inferSelect, buildingName: string, occupants: number) => ({
  id: h.id,
  buildingId: h.buildingId,
  buildingName,
  unitNo: h.unitNo,
  floor: h.floor,
  roomNo: h.roomNo,
  address: h.address,
  area: h.area === null ? null : h.area / 100,
  use: h.use as 'residence' | 'shop' | 'office' | 'vacant',
  tenure: h.tenure,
  occupants,
});

const occupantCount = sql<number>`(select count(*)::int from residents r where r.house_id = "houses"."id" and r.status = 'active')`;

export async function housesOf(ctx: Ctx, buildingId: number) {
  const { building } = await buildingInScope(ctx, buildingId, 'registry.read');
  const rows = await ctx.db
    .select({ h: houses, n: occupantCount })
    .from(houses)
    .where(eq(houses.buildingId, buildingId))
    .orderBy(asc(houses.unitNo), asc(houses.floor), asc(houses.roomNo));
  return rows.map(({ h, n }) => houseView(h, building.name, Number(n)));
}

export async function createHouse(
  ctx: Ctx,
  body: {
    buildingId: number;
    unitNo?: string | undefined;
    floor?: number | undefined;
    roomNo: string;
    area?: number | undefined;
    use: string;
    tenure?: string | undefined;
  },
) {
  const { actor, building } = await buildingInScope(ctx, body.buildingId, 'registry.write').catch(() => {
    throw invalid('buildingId', 'not_found');
  });
  const row = await ctx.db.transaction(async (tx) => {
    const address = `${building.address} ${body.unitNo ? `${body.unitNo}单元` : ''}${body.roomNo}`.trim();
    const [h] = await tx
      .insert(houses)
      .values({
        buildingId: building.id,
        orgNodeId: building.orgNodeId,
        districtId: building.districtId,
        unitNo: body.unitNo ?? null,
        floor: body.floor ?? null,
        roomNo: body.roomNo,
        address,
        area: body.area === undefined ? null : Math.round(body.area * 100),
        use: body.use,
        tenure: body.tenure ?? null,
      })
      .returning();
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', await nodePath(tx, building.orgNodeId)),
      clientIp: ctx.ip,
      action: 'house.create',
      recordType: 'house',
      recordId: h!.id,
      after: h,
    });
    return h!;
  });
  return houseView(row, building.name, 0);
}

export async function houseDetail(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'registry.read');
  const [h] = await ctx.db.select().from(houses).where(eq(houses.id, id));
  assertPathInScope(actor, 'registry.read', h ? await nodePath(ctx.db, h.orgNodeId) : undefined);
  const [b] = await ctx.db.select().from(buildings).where(eq(buildings.id, h!.buildingId));
  const occupants = await ctx.db
    .select()
    .from(residents)
    .where(
      and(
        eq(residents.houseId, id),
        eq(residents.status, 'active'),
        residentVisibleCondition(actor, residents.orgNodeId, residents.birthDate, shanghaiToday()),
      ),
    );
  return {
    house: houseView(h!, b?.name ?? '', occupants.length),
    occupants: await residentViews(ctx, ctx.db, occupants),
  };
}

export async function createHousehold(
  ctx: Ctx,
  body: {
    gridId: number;
    householdNo?: string | undefined;
    type: string;
    houseId?: number | undefined;
    address?: string | undefined;
  },
) {
  const actor = requirePermission(ctx, 'registry.write');
  const id = await ctx.db.transaction(async (tx) => {
    const grid = await gridForWrite(tx, actor, body.gridId);
    const [h] = await tx
      .insert(households)
      .values({
        orgNodeId: grid.id,
        districtId: districtIdOf(grid.path),
        householdNo: body.householdNo ?? null,
        type: body.type,
        houseId: body.houseId ?? null,
        address: body.address ?? null,
      })
      .returning();
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', grid.path),
      clientIp: ctx.ip,
      action: 'household.create',
      recordType: 'household',
      recordId: h!.id,
      after: h,
    });
    return h!.id;
  });
  return householdDetail(ctx, id);
}

export async function householdDetail(ctx: Ctx, id: number, opts: { skipScope?: boolean } = {}) {
  const actor = ctx.actor!;
  const [h] = await ctx.db.select().from(households).where(eq(households.id, id));
  if (!h) throw notFound();
  if (!opts.skipScope)
    assertPathInScope(
      requirePermission(ctx, 'registry.read'),
      'registry.read',
      await nodePath(ctx.db, h.orgNodeId),
    );
  const memberWhere = opts.skipScope
    ? and(eq(residents.householdId, id), eq(residents.status, 'active'))
    : and(
        eq(residents.householdId, id),
        eq(residents.status, 'active'),
        residentVisibleCondition(actor, residents.orgNodeId, residents.birthDate, shanghaiToday()),
      );
  const members = await ctx.db.select().from(residents).where(memberWhere).orderBy(asc(residents.birthDate));
  return {
    id: h.id,
    gridId: h.orgNodeId,
    householdNo: h.householdNo,
    type: h.type as 'registered' | 'living' | 'both',
    houseId: h.houseId,
    address: h.address,
    headId: h.headId,
    members: await residentViews(ctx, ctx.db, members),
  };
}

type UnitRow = typeof residentUnits.$inferSelect;
const unitView = (u: UnitRow) => ({
  id: u.id,
  gridId: u.orgNodeId,
  name: u.name,
  creditCode: u.creditCode,
  creditCodeWarnings: u.creditCode
    ? (() => {
        const p = parseCreditCode(u.creditCode);
        return p.ok ? p.warnings : [];
      })()
    : [],
  kind: u.kind as 'enterprise' | 'institution' | 'shop' | 'social_org' | 'other',
  contactName: u.contactName,
  contactPhone: u.contactPhoneMasked,
  staffCount: u.staffCount,
  address: u.address,
});

export async function createUnit(
  ctx: Ctx,
  body: {
    gridId: number;
    name: string;
    creditCode?: string | undefined;
    kind: string;
    contactName?: string | undefined;
    contactPhone?: string | undefined;
    staffCount?: number | undefined;
    address?: string | undefined;
  },
) {
  const actor = requirePermission(ctx, 'registry.write');
  let creditCode: string | null = null;
  if (body.creditCode) {
    const parsed = parseCreditCode(body.creditCode);
    if (!parsed.ok) throw invalid('creditCode', parsed.reason);
    creditCode = parsed.normalized;
  }
  let phone: string | null = null;
  if (body.contactPhone) {
    const parsed = parseMobile(body.contactPhone);
    if (!parsed.ok) throw invalid('contactPhone', 'mobile.format');
    phone = parsed.normalized;
  }
  const row = await ctx.db.transaction(async (tx) => {
    const grid = await gridForWrite(tx, actor, body.gridId);
    if (
      creditCode &&
      (
        await tx
          .select({ id: residentUnits.id })
          .from(residentUnits)
          .where(eq(residentUnits.creditCode, creditCode))
      ).length
    ) {
      throw conflict('registry.unit_duplicate', [{ path: 'creditCode', code: 'registry.unit_duplicate' }]);
    }
    const [u] = await tx
      .insert(residentUnits)
      .values({
        orgNodeId: grid.id,
        districtId: districtIdOf(grid.path),
        name: body.name,
        creditCode,
        kind: body.kind,
        contactName: body.contactName ?? null,
        contactPhoneEnc: phone ? ctx.pii.encrypt(phone) : null,
        contactPhoneMasked: phone ? maskMobile(phone) : null,
        staffCount: body.staffCount ?? null,
        address: body.address ?? null,
      })
      .returning();
    await recordAudit(tx, {
      actor: auditActorIn(actor, 'registry.write', grid.path),
      clientIp: ctx.ip,
      action: 'unit.create',
      recordType: 'resident_unit',
      recordId: u!.id,
      after: u,
    });
    return u!;
  });
  return unitView(row);
}

export async function listUnits(
  ctx: Ctx,
  q: { nodeId?: number | undefined; q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const { actor, path } = await underNode(ctx, q.nodeId);
  const after = decodeCursor<{ id: number }>(q.cursor);
  const needle = containsPattern(q.q);
  const rows = await ctx.db
    .select()
    .from(residentUnits)
    .where(
      and(
        scopeCondition(actor, 'registry.read', residentUnits.orgNodeId),
        path ? inSubtree(residentUnits.orgNodeId, path) : undefined,
        needle ? ilike(residentUnits.name, needle) : undefined,
        after ? gt(residentUnits.id, Number(after.id)) : undefined,
      ),
    )
    .orderBy(asc(residentUnits.id))
    .limit(q.limit + 1);
  const page = pageFrom(rows, q.limit, (r) => ({ id: r.id }));
  return { items: page.items.map(unitView), nextCursor: page.nextCursor };
}

export async function expiringFloating(ctx: Ctx, days: number) {
  const actor = requirePermission(ctx, 'registry.read');
  const today = shanghaiToday();
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const rows = await ctx.db
    .select({ reg: floatingRegistrations, name: residents.name, gridName: orgNodes.name })
    .from(floatingRegistrations)
    .innerJoin(residents, eq(residents.id, floatingRegistrations.residentId))
    .innerJoin(orgNodes, eq(orgNodes.id, floatingRegistrations.orgNodeId))
    .where(
      and(
        sql`${floatingRegistrations.departedOn} is null`,
        sql`${floatingRegistrations.expectedUntil} <= ${until}`,
        // Someone who moved out or died has no stay to extend.
        eq(residents.status, 'active'),
        residentVisibleCondition(actor, residents.orgNodeId, residents.birthDate, today),
      ),
    )
    .orderBy(asc(floatingRegistrations.expectedUntil))
    .limit(200);
  return rows.map(({ reg, name, gridName }) => ({
    registrationId: reg.id,
    residentId: reg.residentId,
    name,
    expectedUntil: reg.expectedUntil!,
    gridName,
  }));
}
