import { URGENCIES } from '@linli/contract';
import { asc } from 'drizzle-orm';
import type { Lang } from '../../core/messages';
import type { Db } from '../../db/client';
import { caseCategories } from '../cases/cases.schema';
import { notFound311 } from './open311.errors';
import { say } from './open311.messages';

type CategoryRow = typeof caseCategories.$inferSelect;

/** A service is an active leaf category; `ancestors` run from the top class down to its parent. */
export interface Service {
  category: CategoryRow;
  ancestors: CategoryRow[];
}

/** A class with active subclasses is their group, not something one reports. */
export async function activeServices(db: Db): Promise<Service[]> {
  const rows = await db.select().from(caseCategories).orderBy(asc(caseCategories.code));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parents = new Set(rows.filter((r) => r.active && r.parentId !== null).map((r) => r.parentId));
  return rows
    .filter((r) => r.active && !parents.has(r.id))
    .map((category) => ({ category, ancestors: ancestorsOf(category, byId) }));
}

function ancestorsOf(row: CategoryRow, byId: Map<number, CategoryRow>): CategoryRow[] {
  const out: CategoryRow[] = [];
  for (let p = byId.get(row.parentId ?? -1); p && out.length < 10; p = byId.get(p.parentId ?? -1))
    out.unshift(p);
  return out;
}

export async function serviceByCode(db: Db, code: string): Promise<Service> {
  const found = (await activeServices(db)).find((s) => s.category.code === code);
  if (!found) throw notFound311('service_code_unknown', { code });
  return found;
}

export const categoryName = (row: Pick<CategoryRow, 'nameZh' | 'nameEn'>, lang: Lang) =>
  lang === 'en-US' ? row.nameEn : row.nameZh;

/** A keyword list is comma-separated, so names lose their own commas there. */
const keyword = (text: string) => text.replace(/[,，]/g, ' ').trim();

export function serviceView({ category, ancestors }: Service, lang: Lang) {
  const name = categoryName(category, lang);
  const type = say(lang, category.type === 'component' ? 'type_component' : 'type_event');
  const parent = ancestors.at(-1);
  const group = parent ? categoryName(parent, lang) : type;
  const path = [...ancestors.map((a) => categoryName(a, lang)), name].join(' / ');
  return {
    service_code: category.code,
    service_name: name,
    description: say(lang, 'service_description', { type, path }),
    // Every service has a definition: the urgency the case engine sets its time limits by.
    metadata: true,
    type: 'realtime',
    keywords: [...new Set([category.code, name, group, type].map(keyword))].join(','),
    group,
  };
}

/** What a client may answer when reporting: only what the case engine really uses. */
export function serviceDefinition({ category }: Service, lang: Lang) {
  return {
    service_code: category.code,
    attributes: [
      {
        variable: true,
        code: 'urgency',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: say(lang, 'urgency_datatype'),
        order: 1,
        description: say(lang, 'urgency_description'),
        values: URGENCIES.map((u) => ({ key: u, name: say(lang, `urgency_${u}`) })),
      },
    ],
  };
}
