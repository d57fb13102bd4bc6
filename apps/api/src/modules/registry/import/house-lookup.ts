import { sql } from 'drizzle-orm';
import { grantFor } from '../../../core/access';
import type { Actor } from '../../../core/context';
import { type Db, rowsOf } from '../../../db/client';
import { addressKey } from './sheet-checker';

/** A house found for an address, or why none was (a message code). */
export type HouseMatch = { id: number } | { code: string };

/**
 * Houses named by address (spaces ignored), each in the community of the row that names it. Looked up
 * in every grid the actor may write to, so a house of a neighbouring community in scope is told apart
 * from one that does not exist; out of scope reads as not found.
 */
export async function matchHouses(
  db: Db,
  actor: Actor,
  scopeGridIds: number[],
  wanted: { address: string; communityId: number | null }[],
): Promise<HouseMatch[]> {
  const addresses = [...new Set(wanted.map((w) => addressKey(w.address)))];
  const found =
    addresses.length && scopeGridIds.length
      ? rowsOf<{ id: number; address: string; path: string; parent_id: number | null }>(
          await db.execute(sql`select h.id, regexp_replace(h.address, '[[:space:]]+', '', 'g') as address, n.path, n.parent_id
            from houses h join org_nodes n on n.id = h.org_node_id
            where h.org_node_id = any(${sql.param(scopeGridIds)}::int[])
            and regexp_replace(h.address, '[[:space:]]+', '', 'g') = any(${sql.param(addresses)}::text[])`),
        )
      : [];
  return wanted.map((w) => {
    const key = addressKey(w.address);
    const inScope = found.filter((h) => h.address === key && grantFor(actor, 'registry.write', h.path));
    const here = inScope.filter((h) => h.parent_id === w.communityId);
    if (!inScope.length) return { code: 'registry.import.house_not_found' };
    if (!here.length) return { code: 'registry.import.house_other_community' };
    if (here.length > 1) return { code: 'registry.import.house_ambiguous' };
    return { id: here[0]!.id };
  });
}
