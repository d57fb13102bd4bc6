import type { CategoryBody, CategoryView, StageLimits } from '@linli/contract';
import { asc, eq } from 'drizzle-orm';
import { auditActorOf, requireActor, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { invalid, notFound } from '../../core/errors';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit';
import { caseCategories } from './cases.schema';

export type CategoryRow = typeof caseCategories.$inferSelect;

/**
 * Time limits in working hours per stage. The standards leave the numbers to each city's manual
 * (research §3.4); these are common defaults: 立案 within 1 h, 派遣 within 1 h, 处置 within 3 working
 * days (urgent: 4 h), 核查 within 2 h.
 */
export const DEFAULT_LIMITS: StageLimits = { file: 1, dispatch: 1, handle: 24, check: 2 };
export const URGENT_LIMITS: StageLimits = { file: 1, dispatch: 1, handle: 4, check: 1 };

type Seed = Omit<CategoryBody, 'defaultLevel'> & { defaultLevel?: CategoryBody['defaultLevel'] };

/**
 * The starter tree: GB/T 30428.2 major classes of components (部件, owner first) and events (事件,
 * territory first), with a few common minor classes, plus the social-governance classes grid workers
 * report daily. A city replaces or extends it by importing its own code list.
 */
export const DEFAULT_CATEGORIES: Seed[] = [
  {
    code: 'C01',
    type: 'component',
    nameZh: '公用设施',
    nameEn: 'Public utilities',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'C0101',
    parentCode: 'C01',
    type: 'component',
    nameZh: '井盖破损',
    nameEn: 'Damaged manhole cover',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'C0102',
    parentCode: 'C01',
    type: 'component',
    nameZh: '路灯故障',
    nameEn: 'Street light out',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'C02',
    type: 'component',
    nameZh: '道路交通',
    nameEn: 'Roads and traffic',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'C0201',
    parentCode: 'C02',
    type: 'component',
    nameZh: '道路破损',
    nameEn: 'Damaged road surface',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'C03',
    type: 'component',
    nameZh: '市容环境设施',
    nameEn: 'Street furniture and sanitation',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'C04',
    type: 'component',
    nameZh: '园林绿化',
    nameEn: 'Parks and greenery',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'C05',
    type: 'component',
    nameZh: '房屋土地',
    nameEn: 'Buildings and land',
    handlerDepartmentType: 'housing',
  },
  {
    code: 'C06',
    type: 'component',
    nameZh: '其他设施',
    nameEn: 'Other facilities',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'E01',
    type: 'event',
    nameZh: '市容环境',
    nameEn: 'Street cleanliness',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'E0101',
    parentCode: 'E01',
    type: 'event',
    nameZh: '暴露垃圾',
    nameEn: 'Exposed rubbish',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'E0102',
    parentCode: 'E01',
    type: 'event',
    nameZh: '乱堆物料',
    nameEn: 'Materials piled in public space',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'E02',
    type: 'event',
    nameZh: '宣传广告',
    nameEn: 'Advertising',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'E0201',
    parentCode: 'E02',
    type: 'event',
    nameZh: '违规张贴小广告',
    nameEn: 'Illegal flyposting',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'E03',
    type: 'event',
    nameZh: '施工管理',
    nameEn: 'Construction sites',
    handlerDepartmentType: 'housing',
  },
  {
    code: 'E04',
    type: 'event',
    nameZh: '街面秩序',
    nameEn: 'Street order',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'E0401',
    parentCode: 'E04',
    type: 'event',
    nameZh: '占道经营',
    nameEn: 'Street vending on the roadway',
    handlerDepartmentType: 'urban_management',
  },
  {
    code: 'E05',
    type: 'event',
    nameZh: '突发事件',
    nameEn: 'Emergencies',
    handlerDepartmentType: 'public_security',
    limitsNormal: URGENT_LIMITS,
  },
  { code: 'E06', type: 'event', nameZh: '其他事件', nameEn: 'Other events', defaultLevel: 'community' },
  {
    code: 'G01',
    type: 'event',
    nameZh: '矛盾纠纷',
    nameEn: 'Disputes between residents',
    handlerDepartmentType: 'justice',
    defaultLevel: 'community',
  },
  {
    code: 'G02',
    type: 'event',
    nameZh: '安全隐患',
    nameEn: 'Safety hazards',
    handlerDepartmentType: 'public_security',
  },
  {
    code: 'G03',
    type: 'event',
    nameZh: '民生服务诉求',
    nameEn: 'Requests for services',
    handlerDepartmentType: 'civil_affairs',
    defaultLevel: 'community',
  },
  {
    code: 'G04',
    type: 'event',
    nameZh: '投诉建议',
    nameEn: 'Complaints and suggestions',
    defaultLevel: 'street',
  },
];

export function categoryView(row: CategoryRow): CategoryView {
  return {
    id: row.id,
    code: row.code,
    parentId: row.parentId,
    type: row.type as CategoryView['type'],
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    defaultHandlerNodeId: row.defaultHandlerNodeId,
    handlerDepartmentType: row.handlerDepartmentType as CategoryView['handlerDepartmentType'],
    defaultLevel: row.defaultLevel as CategoryView['defaultLevel'],
    routing: row.routing as CategoryView['routing'],
    limitsNormal: row.limitsNormal as StageLimits,
    limitsUrgent: row.limitsUrgent as StageLimits,
    active: row.active,
  };
}

export async function listCategories(ctx: Ctx): Promise<CategoryView[]> {
  requireActor(ctx);
  const rows = await ctx.db.select().from(caseCategories).orderBy(asc(caseCategories.code));
  return rows.map(categoryView);
}

export async function categoryById(db: Db, id: number): Promise<CategoryRow> {
  const [row] = await db.select().from(caseCategories).where(eq(caseCategories.id, id));
  if (!row?.active) throw invalid('categoryId', 'cases.category_unknown');
  return row;
}

/**
 * The categories as of at most CACHE_MS ago, per database handle (not per transaction): every report
 * names one, and the list changes a few times a year. Changes made here clear the cache at once; a
 * change made by another API process is seen within CACHE_MS, so a category retired there may still
 * take a report for a few seconds — harmless, the dispatcher re-files it.
 */
const CACHE_MS = 5_000;
const cache = new WeakMap<Db, { at: number; byId: Map<number, CategoryRow> }>();

/** A transaction that changes categories; this process's cache is dropped once it has ended. */
function changingCategories<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(work).finally(() => cache.delete(db));
}

export async function cachedCategoryById(db: Db, id: number): Promise<CategoryRow> {
  let hit = cache.get(db);
  if (!hit || Date.now() - hit.at >= CACHE_MS) {
    const at = Date.now();
    hit = { at, byId: new Map((await db.select().from(caseCategories)).map((r) => [r.id, r])) };
    cache.set(db, hit);
  }
  const row = hit.byId.get(id);
  if (!row?.active) throw invalid('categoryId', 'cases.category_unknown');
  return row;
}

/**
 * Creates or updates categories by code (a city's own code list, or the defaults). Parents must come
 * first or already exist. One transaction: a bad row changes nothing.
 */
export async function upsertCategories(db: Db, items: Seed[]): Promise<number> {
  let count = 0;
  const byCode = new Map((await db.select().from(caseCategories)).map((r) => [r.code, r]));
  for (const [i, item] of items.entries()) {
    const parent = item.parentCode ? byCode.get(item.parentCode) : undefined;
    if (item.parentCode && !parent)
      throw invalid(`categories.${i}.parentCode`, 'cases.category_parent_unknown');
    const values = {
      code: item.code,
      parentId: parent?.id ?? null,
      type: item.type,
      nameZh: item.nameZh,
      nameEn: item.nameEn,
      defaultHandlerNodeId: item.defaultHandlerNodeId ?? null,
      handlerDepartmentType: item.handlerDepartmentType ?? null,
      defaultLevel: item.defaultLevel ?? 'community',
      // 部件 先属主后属地, 事件 先属地后属主 (research §3.3).
      routing: item.routing ?? (item.type === 'component' ? 'owner_first' : 'territory_first'),
      limitsNormal: item.limitsNormal ?? DEFAULT_LIMITS,
      limitsUrgent: item.limitsUrgent ?? URGENT_LIMITS,
      active: true,
      updatedAt: new Date(),
    };
    const [row] = await db
      .insert(caseCategories)
      .values(values)
      .onConflictDoUpdate({ target: caseCategories.code, set: values })
      .returning();
    byCode.set(row!.code, row!);
    count++;
  }
  return count;
}

export async function seedDefaultCategories(db: Db): Promise<void> {
  const [any] = await db.select({ id: caseCategories.id }).from(caseCategories).limit(1);
  if (!any) await upsertCategories(db, DEFAULT_CATEGORIES);
}

export async function importCategories(ctx: Ctx, items: CategoryBody[]): Promise<{ count: number }> {
  const actor = requirePermission(ctx, 'config.manage');
  return changingCategories(ctx.db, async (tx) => {
    const count = await upsertCategories(tx, items);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'case_category.import',
      recordType: 'case_category',
      details: { count },
    });
    return { count };
  });
}

/** Takes a category out of use: no new report may name it; the cases filed under it keep it. */
export async function retireCategory(ctx: Ctx, id: number): Promise<CategoryView> {
  const actor = requirePermission(ctx, 'config.manage');
  return changingCategories(ctx.db, async (tx) => {
    const [row] = await tx
      .update(caseCategories)
      .set({ active: false, updatedAt: new Date() })
      .where(eq(caseCategories.id, id))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'case_category.retire',
      recordType: 'case_category',
      recordId: id,
    });
    return categoryView(row);
  });
}
