import { parseResidentIdNumber } from '@linli/contract';
import { sql } from 'drizzle-orm';
import { grantFor } from '../../../core/access';
import type { Actor } from '../../../core/context';
import type { Pii } from '../../../core/pii';
import { type Db, rowsOf } from '../../../db/client';
import { districtIdOf } from '../registry.common';
import { residentVisible } from '../registry.policy';
import { idIndexKey } from '../resident-input';
import { matchHouses } from './house-lookup';
import type { Cell } from './read-rows';
import {
  type CellRef,
  type GridRef,
  type Issue,
  issueAt,
  SheetChecker,
  type SheetOptions,
} from './sheet-checker';

/** A household row that passed its own checks; the head and the house are found per batch. */
export interface PreparedHousehold {
  rowNo: number;
  grid: GridRef;
  householdNo: string;
  type: string;
  /** Blind index of the head's ID number. */
  headIndex: string;
  address: string | null;
  house: string | null;
  /** Filled by the batch checks. */
  headId: number | null;
  houseId: number | null;
  refs: Partial<Record<'headIdNumber' | 'house', CellRef>>;
}

export interface HouseholdCheckerOptions extends SheetOptions {
  actor: Actor;
  pii: Pii;
  /** Every live grid the actor may write to (houses are looked up there). */
  scopeGridIds: number[];
  today: string;
  importId: number;
}

const MAX_LENGTH = { grid: 64, householdNo: 32, headIdNumber: 32, address: 200, house: 200 } as const;
const ID_LAYOUT = /^\d{15,18}$|^\d{17}[\dX]$/;

/**
 * Households, one a row: number (unique in its grid, in the file and in the registry), type, the
 * head — a resident already registered in the actor's scope, in the same community, not yet in a
 * household, named by ID number (GB 11643 for numbers in the ID layout, looked up by blind index,
 * never by decrypting) — and an address or an existing house. The head becomes the household's first
 * member; the others join it with the resident import (household number and relation to head).
 */
export class HouseholdChecker extends SheetChecker {
  /** `<grid id>|<number>` of the households stored before the import. */
  private readonly stored = new Set<string>();
  private readonly seenNumbers = new Map<string, number>();
  private readonly seenHeads = new Map<string, number>();
  private readonly todayDate: Date;

  constructor(private readonly o: HouseholdCheckerOptions) {
    super(o);
    this.todayDate = new Date(`${o.today}T12:00:00+08:00`);
  }

  async prepare(db: Db): Promise<void> {
    const gridIds = this.o.grids.map((g) => g.id);
    if (!gridIds.length) return;
    const found = rowsOf<{ org_node_id: number; household_no: string }>(
      await db.execute(sql`select org_node_id, household_no from households
        where org_node_id = any(${sql.param(gridIds)}::int[]) and household_no is not null`),
    );
    for (const h of found) this.stored.add(`${h.org_node_id}|${h.household_no.normalize('NFKC').trim()}`);
  }

  check(rowNo: number, cells: Cell[]): { row: PreparedHousehold | null; issues: Issue[] } {
    const r = this.reader(rowNo, cells);
    for (const [field, max] of Object.entries(MAX_LENGTH) as [keyof typeof MAX_LENGTH, number][]) {
      if ([...r.text(field)].length > max) r.issue(field, 'too_big.string', { maximum: max });
    }
    const householdNo = r.text('householdNo').normalize('NFKC').trim();
    if (!householdNo) r.issue('householdNo', 'required');
    const type = r.enumValue('householdType');
    if (!r.text('householdType')) r.issue('householdType', 'required');

    let headIndex: string | null = null;
    const idText = r.text('headIdNumber').normalize('NFKC').replace(/\s/g, '').toUpperCase();
    if (!idText) r.issue('headIdNumber', 'required');
    else if (typeof r.cell('headIdNumber') === 'number' && idText.length > 15)
      // Excel keeps 15 significant digits: an 18-digit number typed into a number cell lost its tail.
      r.issue('headIdNumber', 'registry.import.id_as_number');
    else if (ID_LAYOUT.test(idText)) {
      const parsed = parseResidentIdNumber(idText, this.todayDate);
      if (parsed.ok) headIndex = this.o.pii.blindIndex(idIndexKey(parsed.normalized));
      else r.issue('headIdNumber', parsed.reason);
    } else if (/^[A-Z0-9]{5,20}$/.test(idText)) {
      // A passport or other document: the registry keeps those as typed, upper case, no spaces.
      headIndex = this.o.pii.blindIndex(idIndexKey(idText));
    } else r.issue('headIdNumber', 'id.format');

    const grid = this.gridOf(r);
    if (r.issues.length || !grid || !type || !headIndex) return { row: null, issues: r.issues };

    const key = `${grid.id}|${householdNo}`;
    const first = this.seenNumbers.get(key);
    if (first !== undefined) r.issue('householdNo', 'registry.import.household_repeated', { row: first });
    else {
      this.seenNumbers.set(key, rowNo);
      if (this.stored.has(key))
        r.issue('householdNo', 'registry.import.household_exists', { no: householdNo });
    }
    const headFirst = this.seenHeads.get(headIndex);
    if (headFirst !== undefined) r.issue('headIdNumber', 'registry.import.head_repeated', { row: headFirst });
    else this.seenHeads.set(headIndex, rowNo);
    if (r.issues.length) return { row: null, issues: r.issues };

    return {
      row: {
        rowNo,
        grid,
        householdNo,
        type,
        headIndex,
        address: r.text('address') || null,
        house: r.text('house') || null,
        headId: null,
        houseId: null,
        refs: r.refs(['headIdNumber', 'house'] as const),
      },
      issues: r.issues,
    };
  }

  /** The heads (registered, in scope, in the household's community, in no household yet) and houses. */
  async checkBatch(db: Db, rows: PreparedHousehold[], issues: Issue[]): Promise<PreparedHousehold[]> {
    const bad = new Set<number>();
    const push = (row: PreparedHousehold, field: 'headIdNumber' | 'house', code: string) => {
      issues.push(issueAt(row.rowNo, field, row.refs[field], code));
      bad.add(row.rowNo);
    };
    if (!rows.length) return rows;
    const heads = rowsOf<{
      id: number;
      idx: string;
      birth_date: string;
      status: string;
      household_id: number | null;
      path: string;
      parent_id: number | null;
    }>(
      await db.execute(sql`select r.id, r.id_number_index as idx, r.birth_date::text as birth_date, r.status,
          r.household_id, n.path, n.parent_id
        from residents r join org_nodes n on n.id = r.org_node_id
        where r.id_number_index = any(${sql.param(rows.map((r) => r.headIndex))}::text[])`),
    );
    const byIndex = new Map(heads.map((h) => [h.idx, h]));
    for (const row of rows) {
      const head = byIndex.get(row.headIndex);
      // Registered elsewhere, hidden (a child for a role that may not see children) or no longer
      // living here all read the same: not a resident this import may name.
      if (
        head?.status !== 'active' ||
        !grantFor(this.o.actor, 'registry.write', head.path) ||
        !residentVisible(this.o.actor, head.birth_date, head.path, this.o.today)
      )
        push(row, 'headIdNumber', 'registry.import.head_not_found');
      else if (head.parent_id !== row.grid.parentId)
        push(row, 'headIdNumber', 'registry.import.head_other_community');
      else if (head.household_id !== null) push(row, 'headIdNumber', 'registry.import.head_has_household');
      else row.headId = head.id;
    }
    const named = rows.filter((r) => r.house && !bad.has(r.rowNo));
    if (named.length) {
      const matches = await matchHouses(
        db,
        this.o.actor,
        this.o.scopeGridIds,
        named.map((r) => ({ address: r.house!, communityId: r.grid.parentId })),
      );
      named.forEach((row, i) => {
        const m = matches[i]!;
        if ('id' in m) row.houseId = m.id;
        else push(row, 'house', m.code);
      });
    }
    return rows.filter((r) => !bad.has(r.rowNo));
  }

  /**
   * Inserts the households, makes each head its first member (relation 'head', the house too when
   * they have none) with a history row. A head that joined a household since the check is not
   * moved: it is reported, and the caller rolls everything back.
   */
  async write(
    db: Db,
    rows: PreparedHousehold[],
    by: number,
  ): Promise<{ households: number; issues: Issue[] }> {
    if (!rows.length) return { households: 0, issues: [] };
    const col = (pick: (r: PreparedHousehold) => unknown) => sql.param(rows.map(pick));
    const moved = rowsOf<{ head_id: number }>(
      await db.execute(sql`with ins as (
          insert into households (org_node_id, district_id, household_no, type, house_id, address, head_id)
          select * from unnest(
            ${col((r) => r.grid.id)}::int[],
            ${col((r) => districtIdOf(r.grid.path))}::int[],
            ${col((r) => r.householdNo)}::text[],
            ${col((r) => r.type)}::text[],
            ${col((r) => r.houseId)}::int[],
            ${col((r) => r.address)}::text[],
            ${col((r) => r.headId)}::int[])
          returning id, head_id, house_id
        ), upd as (
          update residents r set household_id = ins.id, relation = 'head',
            house_id = coalesce(r.house_id, ins.house_id), updated_at = now()
          from ins where r.id = ins.head_id and r.household_id is null and r.status = 'active'
          returning r.id as head_id, ins.id as household_id
        ), events as (
          insert into resident_events (resident_id, kind, by, summary)
          select head_id, 'household_changed', ${by}::int,
            jsonb_build_object('fromHousehold', null, 'toHousehold', household_id, 'relation', 'head',
              'via', 'import', 'importId', ${this.o.importId}::int)
          from upd
        )
        select head_id from upd`),
    );
    const done = new Set(moved.map((m) => Number(m.head_id)));
    const issues = rows
      .filter((r) => !done.has(r.headId!))
      .map((r) =>
        issueAt(r.rowNo, 'headIdNumber', r.refs.headIdNumber, 'registry.import.head_has_household'),
      );
    return { households: rows.length, issues };
  }
}
