import { and, asc, between, eq } from 'drizzle-orm';
import { auditActorOf, requireActor, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { notFound } from '../../core/errors';
import {
  addWorkingDays,
  addWorkingHours,
  type CalendarOverrides,
  defaultChinaHolidays2026,
  workingMsBetween,
} from '../../core/working-time';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit';
import { calendarDays } from './calendar.schema';

/** All exceptions as a map for the pure working-time functions. A few dozen rows a year. */
export async function loadOverrides(db: Db): Promise<CalendarOverrides> {
  const rows = await db.select().from(calendarDays);
  return new Map(rows.map((r) => [r.day, r.kind as 'holiday' | 'workday']));
}

/**
 * The overrides as of at most CACHE_MS ago, per database handle: hot paths (a case report computes a
 * deadline) need not read the calendar each time. Edits in this process clear it at once; an edit in
 * another process is seen within CACHE_MS — a holiday is entered weeks ahead, so that is harmless.
 */
const CACHE_MS = 30_000;
let overridesCache = new WeakMap<Db, { at: number; overrides: CalendarOverrides }>();

export async function cachedOverrides(db: Db): Promise<CalendarOverrides> {
  const hit = overridesCache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.overrides;
  const overrides = await loadOverrides(db);
  overridesCache.set(db, { at: Date.now(), overrides });
  return overrides;
}

/** The deadline N working days or hours after `from`, per the editable calendar. Used by every time limit. */
export async function deadlineAfter(
  db: Db,
  from: Date,
  span: { days?: number; hours?: number },
): Promise<Date> {
  const overrides = await loadOverrides(db);
  return span.days !== undefined
    ? addWorkingDays(from, span.days, overrides)
    : addWorkingHours(from, span.hours ?? 0, overrides);
}

export async function workingTimeLeft(db: Db, now: Date, due: Date): Promise<number> {
  return workingMsBetween(now, due, await loadOverrides(db));
}

export async function listYear(ctx: Ctx, year: number) {
  requireActor(ctx);
  const rows = await ctx.db
    .select()
    .from(calendarDays)
    .where(between(calendarDays.day, `${year}-01-01`, `${year}-12-31`))
    .orderBy(asc(calendarDays.day));
  return rows.map((r) => ({ day: r.day, kind: r.kind as 'holiday' | 'workday', name: r.name }));
}

export async function setDay(ctx: Ctx, day: string, body: { kind: 'holiday' | 'workday'; name: string }) {
  const actor = requirePermission(ctx, 'calendar.manage');
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw notFound();
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.day, day));
    await tx
      .insert(calendarDays)
      .values({ day, ...body, updatedBy: actor.accountId })
      .onConflictDoUpdate({
        target: calendarDays.day,
        set: { ...body, updatedBy: actor.accountId, updatedAt: new Date() },
      });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'calendar.set',
      recordType: 'calendar_day',
      recordId: day,
      before: before ?? null,
      after: { day, ...body },
    });
  });
  overridesCache = new WeakMap();
  return { day, ...body };
}

export async function clearDay(ctx: Ctx, day: string) {
  const actor = requirePermission(ctx, 'calendar.manage');
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .delete(calendarDays)
      .where(and(eq(calendarDays.day, day)))
      .returning();
    if (!before) throw notFound();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'calendar.clear',
      recordType: 'calendar_day',
      recordId: day,
      before,
    });
  });
  overridesCache = new WeakMap();
}

/** Fills the State Council arrangement for 2026 on a new installation (administrators edit it later). */
export async function seedDefaultCalendar(db: Db): Promise<void> {
  await db
    .insert(calendarDays)
    .values(defaultChinaHolidays2026())
    .onConflictDoNothing({ target: calendarDays.day });
}
