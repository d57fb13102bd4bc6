import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../../db/client';
import { districtIdOf } from '../registry.common';
import type { PreparedRow, RowChecker } from './row-check';

/**
 * Writes a batch of checked rows with one statement per table: each column travels as one array
 * parameter and `unnest` turns the arrays back into rows. A thousand residents cost about as much to
 * send as one, and the same SQL runs on PostgreSQL and PGlite.
 */

const arr = (values: unknown[]) => sql.param(values);

/** Creates the households this batch needs that do not exist yet; returns how many it created. */
export async function createHouseholds(tx: Db, checker: RowChecker, rows: PreparedRow[]): Promise<number> {
  const table = checker.households;
  const wanted = new Map<string, PreparedRow>();
  for (const row of rows) {
    if (!row.householdKey) continue;
    const slot = table.slot(row.householdKey);
    if (slot === -1 || table.id(slot) !== null || wanted.has(row.householdKey)) continue;
    // The head's row (when it is in this batch) describes the household, else the first member's.
    const head = rows.find((r) => r.householdKey === row.householdKey && r.relation === 'head');
    wanted.set(row.householdKey, head ?? row);
  }
  if (!wanted.size) return 0;
  const keys = [...wanted.keys()];
  const first = [...wanted.values()];
  const ids = rowsOf<{ id: number }>(
    await tx.execute(sql`insert into households (org_node_id, district_id, household_no, type, house_id, address)
      select * from unnest(
        ${arr(first.map((r) => r.grid.id))}::int[],
        ${arr(first.map((r) => districtIdOf(r.grid.path)))}::int[],
        ${arr(first.map((r) => r.householdNo))}::text[],
        ${arr(first.map((r) => (r.residenceType === 'floating' ? 'living' : 'registered')))}::text[],
        ${arr(first.map((r) => r.houseId))}::int[],
        ${arr(first.map((r) => r.actualAddress))}::text[])
      returning id`),
  );
  keys.forEach((key, i) => {
    table.setId(table.slot(key), Number(ids[i]!.id), first[i]!.houseId);
  });
  return keys.length;
}

/**
 * Inserts the residents of a batch with their 'created' history rows, and makes each head the head
 * of their household — one statement. The unique index on the ID number's blind index is the check
 * against numbers registered meanwhile: those rows are skipped and returned as conflicts.
 */
export async function insertResidents(
  tx: Db,
  checker: RowChecker,
  rows: PreparedRow[],
  by: number,
  importId: number,
): Promise<{ inserted: number; conflicts: string[] }> {
  if (!rows.length) return { inserted: 0, conflicts: [] };
  const table = checker.households;
  const slots = rows.map((r) => (r.householdKey ? table.slot(r.householdKey) : -1));
  const col = <T>(pick: (r: PreparedRow, i: number) => T) => arr(rows.map(pick));
  const res = await tx.execute(sql`with ins as (
      insert into residents (org_node_id, district_id, household_id, relation, house_id, name, search_terms,
        gender, birth_date, id_doc_type, id_number_enc, id_number_index, id_number_masked, phone_enc,
        phone_index, phone_masked, ethnicity, education, political_status, marital_status,
        employment_status, hukou_address, actual_address, moved_in_on, residence_type)
      select * from unnest(
        ${col((r) => r.grid.id)}::int[],
        ${col((r) => districtIdOf(r.grid.path))}::int[],
        ${col((_r, i) => (slots[i]! >= 0 ? table.id(slots[i]!) : null))}::int[],
        ${col((r) => r.relation)}::text[],
        ${col((r, i) => r.houseId ?? (slots[i]! >= 0 ? table.houseId(slots[i]!) : null))}::int[],
        ${col((r) => r.name)}::text[],
        ${col((r) => r.searchLiteral)}::tsvector[],
        ${col((r) => r.gender)}::text[],
        ${col((r) => r.birthDate)}::date[],
        ${col((r) => r.identity.idDocType)}::text[],
        ${col((r) => r.identity.idNumberEnc)}::text[],
        ${col((r) => r.identity.idNumberIndex)}::text[],
        ${col((r) => r.identity.idNumberMasked)}::text[],
        ${col((r) => r.identity.phoneEnc)}::text[],
        ${col((r) => r.identity.phoneIndex)}::text[],
        ${col((r) => r.identity.phoneMasked)}::text[],
        ${col((r) => r.ethnicity)}::text[],
        ${col((r) => r.education)}::text[],
        ${col((r) => r.politicalStatus)}::text[],
        ${col((r) => r.maritalStatus)}::text[],
        ${col((r) => r.employmentStatus)}::text[],
        ${col((r) => r.hukouAddress)}::text[],
        ${col((r) => r.actualAddress)}::text[],
        ${col((r) => r.movedInOn)}::date[],
        ${col((r) => r.residenceType)}::text[])
      -- A number registered since the check is not inserted; the caller reports it and rolls back.
      on conflict (id_number_index) do nothing
      returning id, household_id, relation, id_number_index
    ), events as (
      insert into resident_events (resident_id, kind, by, summary)
      select id, 'created', ${by}::int, ${JSON.stringify({ via: 'import', importId })}::jsonb from ins
    ), heads as (
      update households h set head_id = ins.id, updated_at = now()
      from ins where ins.relation = 'head' and h.id = ins.household_id
    )
    select count(*)::int as n,
      (select coalesce(array_agg(x), '{}') from unnest(${col((r) => r.identity.idNumberIndex)}::text[]) x
        where x is not null and x not in (select id_number_index from ins where id_number_index is not null))
        as conflicts
    from ins`);
  const [row] = rowsOf<{ n: number; conflicts: string[] }>(res);
  return { inserted: row?.n ?? 0, conflicts: row?.conflicts ?? [] };
}
