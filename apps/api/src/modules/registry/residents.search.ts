import { parseMobile, RESIDENT_TOTAL_CAP, type ResidentSearchQuery, TAGS, type Tag } from '@linli/contract';
import { and, asc, desc, eq, gt, ilike, like, lt, or, type SQL, sql } from 'drizzle-orm';
import {
  assertPathInScope,
  inSubtree,
  requirePermission,
  scopeCondition,
  scopePaths,
} from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { AppError, invalid } from '../../core/errors';
import { decodeCursor, pageFrom } from '../../core/pagination';
import { containsPattern } from '../../core/sql';
import { rowsOf } from '../../db/client';
import { orgNodes } from '../org/org.schema';
import { shanghaiToday, yearsBefore } from './dates';
import { nodePath, type ResidentRow } from './registry.common';
import { residentVisibleCondition } from './registry.policy';
import { residents, residentTags } from './registry.schema';
import { idIndexKey, phoneIndexKey, tagIndexKey } from './resident-input';
import { residentViews } from './resident-views';
import { BLOCK_MARK, MIN_LATIN, SEARCH_BLOCK_BITS, searchQueryFor, tooShortForSearch } from './search-terms';

const ID_LIKE = /^(\d{15}|\d{17}[\dXx])$/;

/**
 * The lexemes condition on the keyed search index (`registry_search_keys`, migration 0005): the query
 * once per block of org-node ids in the scope (and under the chosen node), OR-ed. The blocks come from
 * the org tree in the same statement; an empty scope makes the tsquery null, which matches nothing.
 * `chr(1)` is BLOCK_MARK, where `searchQueryFor` left room for the block in each lexeme.
 */
function lexemeCondition(actor: Actor, template: string, underPath: string | undefined): SQL {
  // A chosen node has been checked to lie in scope: its subtree alone names the blocks.
  const paths = underPath === undefined ? scopePaths(actor, 'registry.read') : [underPath];
  if (paths.length === 0) return sql`false`;
  const nodes = or(...paths.map((p) => like(orgNodes.path, `${p}%`)));
  return sql`registry_search_keys(${residents.orgNodeId}, ${residents.searchTerms}) @@ (
    select string_agg('(' || replace(${template}::text, chr(1), b::text || ':') || ')', ' | ')
      from (select distinct ${orgNodes.id} >> ${sql.raw(String(SEARCH_BLOCK_BITS))} as b
              from ${orgNodes} where ${nodes}) blocks)::tsquery`;
}

/** What `q` means: an exact ID number or mobile (blind index), else name/pinyin lexemes. */
function textCondition(ctx: Ctx, actor: Actor, q: string, underPath: string | undefined): SQL {
  const compact = q.replace(/[\s-]/g, '');
  if (ID_LIKE.test(compact))
    return eq(residents.idNumberIndex, ctx.pii.blindIndex(idIndexKey(compact.toUpperCase())));
  const mobile = /^[+\d\s-]+$/.test(q) ? parseMobile(q) : null;
  if (mobile?.ok) return eq(residents.phoneIndex, ctx.pii.blindIndex(phoneIndexKey(mobile.normalized)));
  // One letter is in the pinyin of a large share of a city: not a search yet. The field is marked, and
  // the message itself says what to do (the phone's search-as-you-type shows only the message).
  if (tooShortForSearch(q)) {
    const params = { min: MIN_LATIN };
    throw new AppError(400, 'search.too_short', [{ path: 'q', code: 'search.too_short', params }], params);
  }
  const template = searchQueryFor(q, BLOCK_MARK);
  return template ? lexemeCondition(actor, template, underPath) : sql`false`;
}

function tagCondition(ctx: Ctx, actor: Actor, tag: string, today: string): SQL {
  if (tag === 'aged_60') return sql`${residents.birthDate} <= ${yearsBefore(today, 60)}`;
  if (tag === 'aged_80') return sql`${residents.birthDate} <= ${yearsBefore(today, 80)}`;
  if (tag === 'minor') return sql`${residents.birthDate} > ${yearsBefore(today, 18)}`;
  if (tag === 'under_14') return sql`${residents.birthDate} > ${yearsBefore(today, 14)}`;
  const category = TAGS[tag as Tag];
  if (!category) throw invalid('tag', 'invalid_value');
  const has = sql`exists (select 1 from ${residentTags} t where t.resident_id = ${residents.id}
    and t.tag_index = ${ctx.pii.blindIndex(tagIndexKey(tag))} and t.removed_at is null
    and (t.ends_on is null or t.ends_on >= ${today}))`;
  // Filtering by a sensitive tag is itself sensitive: only where the actor may see that tag.
  if (category === 'care')
    return and(has, scopeCondition(actor, 'registry.sensitive', residents.orgNodeId)) as SQL;
  if (category === 'safety')
    return and(has, scopeCondition(actor, 'registry.safety', residents.orgNodeId)) as SQL;
  return has;
}

async function conditions(ctx: Ctx, actor: Actor, q: ResidentSearchQuery, today: string): Promise<SQL[]> {
  const out: SQL[] = [
    residentVisibleCondition(actor, residents.orgNodeId, residents.birthDate, today),
    eq(residents.status, q.status),
  ];
  let underPath: string | undefined;
  if (q.nodeId) {
    underPath = await nodePath(ctx.db, q.nodeId);
    assertPathInScope(actor, 'registry.read', underPath || undefined);
    out.push(inSubtree(residents.orgNodeId, underPath));
  }
  if (q.q) out.push(textCondition(ctx, actor, q.q, underPath));
  if (q.tag) out.push(tagCondition(ctx, actor, q.tag, today));
  if (q.gender) out.push(eq(residents.gender, q.gender));
  if (q.ageMin !== undefined) out.push(sql`${residents.birthDate} <= ${yearsBefore(today, q.ageMin)}`);
  if (q.ageMax !== undefined) out.push(sql`${residents.birthDate} > ${yearsBefore(today, q.ageMax + 1)}`);
  const address = containsPattern(q.address);
  if (address)
    out.push(or(ilike(residents.actualAddress, address), ilike(residents.hukouAddress, address)) as SQL);
  if (q.houseId) out.push(eq(residents.houseId, q.houseId));
  if (q.residenceType) out.push(eq(residents.residenceType, q.residenceType));
  return out;
}

const SORTS = {
  name: { column: residents.name, dir: 'asc' },
  birthDate: { column: residents.birthDate, dir: 'asc' },
  updatedAt: { column: residents.updatedAt, dir: 'desc' },
} as const;

/** Keyset pagination on (sort key, id), so deep pages cost the same as the first. */
function cursorCondition(
  sort: keyof typeof SORTS,
  cursor: { k: string; id: number } | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const { column, dir } = SORTS[sort];
  const key = sort === 'updatedAt' ? new Date(cursor.k) : cursor.k;
  const cmp = dir === 'asc' ? gt : lt;
  return or(cmp(column, key), and(eq(column, key), cmp(residents.id, Number(cursor.id)))) as SQL;
}

// Counting a whole scope on every page would cost more than the page; beyond this we say "10,000+".
export const TOTAL_CAP = RESIDENT_TOTAL_CAP;

export async function searchResidents(ctx: Ctx, q: ResidentSearchQuery) {
  const actor = requirePermission(ctx, 'registry.read');
  const today = shanghaiToday();
  const where = and(...(await conditions(ctx, actor, q, today)));
  const cursor = decodeCursor<{ k: string; id: number }>(q.cursor);
  const { column, dir } = SORTS[q.sort];
  const order = dir === 'asc' ? [asc(column), asc(residents.id)] : [desc(column), desc(residents.id)];
  const pageWhere = and(where, cursorCondition(q.sort, cursor));
  let rows: ResidentRow[];
  let total: number | null = null;
  if (q.q && !cursor) {
    // A search sorts all of its matches to find the first page, so it counts them in the same pass:
    // one statement, the matches read once. Narrow rows in the window (id and total), whole rows
    // for the page only.
    const page = ctx.db
      .select({ id: residents.id, total: sql<number>`count(*) over ()`.as('total') })
      .from(residents)
      .where(pageWhere)
      .orderBy(...order)
      .limit(q.limit + 1)
      .as('page');
    const found = await ctx.db
      .select({ row: residents, total: page.total })
      .from(residents)
      .innerJoin(page, eq(page.id, residents.id))
      .orderBy(...order);
    rows = found.map((f) => f.row);
    total = found.length ? Number(found[0]!.total) : 0;
  } else {
    rows = await ctx.db
      .select()
      .from(residents)
      .where(pageWhere)
      .orderBy(...order)
      .limit(q.limit + 1);
    // A listing without a search can be served in index order without reading all it matches; its
    // count stops at the cap.
    if (!cursor)
      total =
        rowsOf<{ n: number }>(
          await ctx.db.execute(
            sql`select count(*)::int as n from (select 1 from ${residents} where ${where} limit ${TOTAL_CAP + 1}) s`,
          ),
        )[0]?.n ?? 0;
  }
  const page = pageFrom(rows, q.limit, (r) => ({
    k: q.sort === 'updatedAt' ? r.updatedAt.toISOString() : q.sort === 'birthDate' ? r.birthDate : r.name,
    id: r.id,
  }));
  return { items: await residentViews(ctx, ctx.db, page.items), nextCursor: page.nextCursor, total };
}

/** All rows of a search (for export), in pages, never the whole table in memory at once. */
export async function* residentsForExport(
  ctx: Ctx,
  q: Omit<ResidentSearchQuery, 'cursor' | 'limit'>,
  batch = 1000,
) {
  let cursor: string | undefined;
  for (;;) {
    const page = await searchResidents(ctx, { ...q, cursor, limit: batch });
    yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
