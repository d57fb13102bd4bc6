import type { MatterBody, MatterView } from '@linli/contract';
import { asc, eq } from 'drizzle-orm';
import { auditActorOf, grantsWith, requireActor } from '../../core/access';
import type { Ctx } from '../../core/context';
import { forbidden, notFound } from '../../core/errors';
import { recordAudit } from '../audit';
import { upsertMatters } from './catalogue';
import { serviceMatters } from './services.schema';

const toView = (r: typeof serviceMatters.$inferSelect): MatterView => ({
  id: r.id,
  code: r.code,
  nameZh: r.nameZh,
  nameEn: r.nameEn,
  legalBasis: r.legalBasis,
  departmentType: r.departmentType as MatterView['departmentType'],
  levels: r.levels as MatterView['levels'],
  materials: r.materials as MatterView['materials'],
  mode: r.mode as MatterView['mode'],
  limitDays: r.limitDays,
  fee: Number(r.fee),
  online: r.online,
  fields: r.fields as MatterView['fields'],
  active: r.active,
});

/** The catalogue is public to every signed-in user: residents browse it before applying. */
export async function listMatters(ctx: Ctx): Promise<MatterView[]> {
  requireActor(ctx);
  const rows = await ctx.db
    .select()
    .from(serviceMatters)
    .where(eq(serviceMatters.active, true))
    .orderBy(asc(serviceMatters.code));
  return rows.map(toView);
}

export async function getMatter(ctx: Ctx, id: number): Promise<MatterView> {
  requireActor(ctx);
  const [row] = await ctx.db.select().from(serviceMatters).where(eq(serviceMatters.id, id));
  if (!row) throw notFound();
  return toView(row);
}

/** Adds or edits a matter by code: system configuration, or civil affairs who own the catalogue. */
export async function saveMatter(ctx: Ctx, body: MatterBody): Promise<MatterView> {
  const actor = requireActor(ctx);
  const civilAffairs = actor.grants.some((g) => g.role === 'civil_affairs');
  if (grantsWith(actor, 'config.manage').length === 0 && !civilAffairs) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    await upsertMatters(tx, [body]);
    const [row] = await tx.select().from(serviceMatters).where(eq(serviceMatters.code, body.code));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'service_matter.save',
      recordType: 'service_matter',
      recordId: row!.id,
      after: body,
    });
    return toView(row!);
  });
}
