import { type ImportField, parseResidentIdNumber } from '@linli/contract';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../core/context';
import type { Pii } from '../../../core/pii';
import { type Db, rowsOf } from '../../../db/client';
import { districtIdOf } from '../registry.common';
import { residentVisible } from '../registry.policy';
import { type PreparedIdentity, prepareIdentity } from '../resident-input';
import { matchHouses } from './house-lookup';
import { HouseholdTable } from './households';
import { IdSet } from './id-set';
import type { Cell } from './read-rows';
import {
  type CellRef,
  type GridRef,
  type Issue,
  issueAt,
  SheetChecker,
  type SheetOptions,
} from './sheet-checker';
import { tsvectorLiteral } from './tsvector';

export type { GridRef, Issue } from './sheet-checker';

/** A row that passed every check on its own, ready to be written once the batch checks pass too. */
export interface PreparedRow {
  rowNo: number;
  grid: GridRef;
  name: string;
  gender: string;
  birthDate: string;
  identity: Omit<PreparedIdentity, 'searchTerms'>;
  /** The search lexemes as one tsvector literal (a string, not thirty: rows wait in batches). */
  searchLiteral: string;
  ethnicity: string | null;
  education: string | null;
  politicalStatus: string | null;
  maritalStatus: string | null;
  employmentStatus: string | null;
  hukouAddress: string | null;
  actualAddress: string | null;
  movedInOn: string | null;
  residenceType: string;
  householdNo: string | null;
  relation: string | null;
  house: string | null;
  /** Filled by the batch checks. */
  houseId: number | null;
  householdKey: string | null;
  /** The typed cells the batch checks may have to report. */
  refs: Partial<Record<RefField, CellRef>>;
}

const REF_FIELDS = ['idNumber', 'house', 'relation'] as const;
type RefField = (typeof REF_FIELDS)[number];

const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  name: 32,
  idNumber: 32,
  phone: 32,
  ethnicity: 16,
  hukouAddress: 200,
  actualAddress: 200,
  householdNo: 32,
  grid: 64,
  house: 200,
};

const LENGTH_CHECKS = Object.entries(MAX_LENGTH) as [ImportField, number][];

const ID_LAYOUT = new Set(['resident_id', 'residence_permit', 'foreign_permanent']);

export interface CheckerOptions extends SheetOptions {
  actor: Actor;
  pii: Pii;
  /** Every live grid the actor may write to (houses are looked up there; elsewhere is "not found"). */
  scopeGridIds: number[];
  today: string;
  /** Validation only: skip encryption and search lexemes (the commit computes them). */
  checkOnly: boolean;
}

/**
 * The checks of an import, row by row, with the state that spans rows: ID numbers seen in the file,
 * the households formed so far, the grids the actor may write to. The same rules as the API's own
 * registration: `prepareIdentity` for the identity, the contract's enums, real dates, grids in scope.
 */
export class RowChecker extends SheetChecker {
  private readonly seenIds = new IdSet();
  readonly households = new HouseholdTable();
  private readonly pii: Pii;
  private readonly todayDate: Date;

  constructor(private readonly o: CheckerOptions) {
    super(o);
    this.pii = o.checkOnly ? { ...o.pii, encrypt: () => '' } : o.pii;
    this.todayDate = new Date(`${o.today}T12:00:00+08:00`);
  }

  /** The checks one row can pass or fail on its own. */
  check(rowNo: number, cells: Cell[]): { row: PreparedRow | null; issues: Issue[] } {
    const r = this.reader(rowNo, cells);
    for (const [field, max] of LENGTH_CHECKS) {
      if ([...r.text(field)].length > max) r.issue(field, 'too_big.string', { maximum: max });
    }
    const name = r.text('name');
    if (!name) r.issue('name', 'required');

    let gender = r.enumValue('gender');
    const genderBad = !!r.text('gender') && !gender;
    let birthDate = r.dateValue('birthDate');
    const birthBad = !!r.text('birthDate') && !birthDate;
    const idDocType = r.enumValue('idDocType') ?? 'resident_id';
    let idNumber = r.text('idNumber').replace(/\s/g, '');
    if (typeof r.cell('idNumber') === 'number' && idNumber.length > 15) {
      // Excel keeps 15 significant digits: an 18-digit number typed into a number cell has lost its tail.
      r.issue('idNumber', 'registry.import.id_as_number');
      idNumber = '';
    }
    // Gender and birth date may be left out when the ID number carries them.
    const idLayout = !!idNumber && ID_LAYOUT.has(idDocType);
    if (idLayout && (!r.text('gender') || !r.text('birthDate'))) {
      const parsed = parseResidentIdNumber(idNumber, this.todayDate);
      if (parsed.ok) {
        if (!r.text('gender')) gender = parsed.gender;
        if (!r.text('birthDate')) birthDate = parsed.birthDate;
      }
    }
    if (!r.text('gender') && !gender && !idNumber) r.issue('gender', 'required');
    if (!r.text('birthDate') && !birthDate && !idNumber) r.issue('birthDate', 'required');
    const education = r.enumValue('education');
    const politicalStatus = r.enumValue('politicalStatus');
    const maritalStatus = r.enumValue('maritalStatus');
    const employmentStatus = r.enumValue('employmentStatus');
    const residenceType = r.enumValue('residenceType') ?? 'registered';
    const relation = r.enumValue('relation');
    const movedInOn = r.dateValue('movedInOn');
    const householdNo = r.text('householdNo') || null;
    if (relation && !householdNo) r.issue('relation', 'registry.import.household_needed');

    const grid = this.gridOf(r);

    const identity = prepareIdentity(
      this.pii,
      {
        // Lexemes are only needed to write the row.
        name: this.o.checkOnly ? '' : name,
        gender: (gender ?? 'male') as 'male' | 'female',
        birthDate: birthDate ?? this.o.today,
        idDocType: idDocType as 'resident_id',
        idNumber: idNumber || undefined,
        phone: r.text('phone') || null,
      },
      this.o.today,
    );
    if (Array.isArray(identity)) {
      for (const i of identity) {
        const field = i.path as ImportField;
        // A missing or already-wrong gender or birth date says nothing more when compared with the ID.
        if (field === 'birthDate' && (birthBad || !birthDate)) continue;
        if (field === 'gender' && (genderBad || !gender)) continue;
        r.issue(field, i.code, i.params);
      }
    }
    if (r.issues.length || Array.isArray(identity) || !grid || !gender || !birthDate)
      return { row: null, issues: r.issues };

    if (identity.idNumberIndex) {
      // The number passed prepareIdentity, so its compact upper-case form is the normalised one.
      const normalized = idNumber.normalize('NFKC').toUpperCase();
      const first = this.seenIds.firstSeen(normalized, rowNo);
      if (first !== undefined) {
        r.issue('idNumber', 'registry.import.id_repeated', { row: first });
        return { row: null, issues: r.issues };
      }
    }
    const { searchTerms, ...ids } = identity;
    return {
      row: {
        rowNo,
        grid,
        name,
        gender,
        birthDate,
        identity: ids,
        searchLiteral: this.o.checkOnly ? '' : tsvectorLiteral(searchTerms),
        ethnicity: r.text('ethnicity') || null,
        education,
        politicalStatus,
        maritalStatus,
        employmentStatus,
        hukouAddress: r.text('hukouAddress') || null,
        actualAddress: r.text('actualAddress') || null,
        movedInOn,
        residenceType,
        householdNo,
        relation,
        house: r.text('house') || null,
        houseId: null,
        householdKey: householdNo ? `${grid.id}|${householdNo}` : null,
        refs: r.refs(REF_FIELDS),
      },
      issues: r.issues,
    };
  }

  /**
   * The checks that need the database, for a batch of rows that passed on their own: ID numbers
   * already registered, houses by address, households by number. Returns the rows still good.
   */
  async checkBatch(
    db: Db,
    rows: PreparedRow[],
    issues: Issue[],
    opts: { registered: boolean } = { registered: true },
  ): Promise<PreparedRow[]> {
    const bad = new Set<number>();
    const push: Push = (row, field, code, params) => {
      issues.push(issueAt(row.rowNo, field, row.refs[field], code, params));
      bad.add(row.rowNo);
    };
    // A commit leaves this to the insert (the unique index) and reports conflicts with `reportRegistered`.
    if (opts.registered) await this.checkRegistered(db, rows, push);
    await this.checkHouses(db, rows, push);
    this.checkHouseholds(
      rows.filter((r) => !bad.has(r.rowNo)),
      push,
    );
    return rows.filter((r) => !bad.has(r.rowNo));
  }

  /** The rows whose numbers turned out to be registered already (the insert skipped them). */
  async reportRegistered(db: Db, rows: PreparedRow[], conflicts: string[], issues: Issue[]) {
    const set = new Set(conflicts);
    const hit = rows.filter((r) => r.identity.idNumberIndex && set.has(r.identity.idNumberIndex));
    const before = issues.length;
    await this.checkRegistered(db, hit, (row, field, code, params) => {
      issues.push(issueAt(row.rowNo, field, row.refs[field], code, params));
    });
    // Whatever the other record is, these rows were not written: never let them pass silently.
    if (issues.length === before)
      for (const r of hit)
        issues.push(issueAt(r.rowNo, 'idNumber', r.refs.idNumber, 'registry.import.id_race'));
  }

  private async checkRegistered(db: Db, rows: PreparedRow[], push: Push) {
    const indexes = rows.map((r) => r.identity.idNumberIndex).filter((i): i is string => !!i);
    if (!indexes.length) return;
    const found = rowsOf<{ idx: string; birth_date: string; path: string }>(
      await db.execute(sql`select r.id_number_index as idx, r.birth_date::text as birth_date, n.path
        from residents r join org_nodes n on n.id = r.org_node_id
        where r.id_number_index = any(${sql.param(indexes)}::text[])`),
    );
    if (!found.length) return;
    const byIndex = new Map(found.map((f) => [f.idx, f]));
    for (const row of rows) {
      const existing = row.identity.idNumberIndex ? byIndex.get(row.identity.idNumberIndex) : undefined;
      if (!existing) continue;
      // Where the actor may see the record it is "already registered"; elsewhere a neutral message.
      const visible = residentVisible(this.o.actor, existing.birth_date, existing.path, this.o.today);
      push(row, 'idNumber', visible ? 'registry.id_duplicate' : 'registry.id_elsewhere');
    }
  }

  private async checkHouses(db: Db, rows: PreparedRow[], push: Push) {
    const named = rows.filter((r) => !!r.house);
    if (!named.length) return;
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

  /**
   * Households that exist before the import, in the grids it may write to: loaded once (a community
   * has a few thousand), so rows are matched in memory instead of by a query per batch.
   */
  async loadHouseholds(db: Db): Promise<void> {
    const gridIds = this.o.grids.map((g) => g.id);
    if (!gridIds.length || !this.has('householdNo')) return;
    const found = rowsOf<{
      id: number;
      org_node_id: number;
      household_no: string;
      head_id: number | null;
      house_id: number | null;
    }>(
      await db.execute(sql`select id, org_node_id, household_no, head_id, house_id from households
        where org_node_id = any(${sql.param(gridIds)}::int[]) and household_no is not null order by id`),
    );
    for (const h of found) {
      const key = `${h.org_node_id}|${h.household_no}`;
      // An existing head counts as row 0: a head in the file would be the second.
      if (this.households.slot(key) === -1) this.households.add(key, h.id, h.head_id ? 0 : -1, h.house_id);
    }
  }

  private checkHouseholds(rows: PreparedRow[], push: Push) {
    const table = this.households;
    for (const row of rows) {
      if (!row.householdKey) continue;
      let slot = table.slot(row.householdKey);
      if (slot === -1) slot = table.add(row.householdKey, 0, -1, row.houseId);
      if (row.relation !== 'head') continue;
      const head = table.headRow(slot);
      if (head === 0) push(row, 'relation', 'registry.import.has_head', { no: row.householdNo! });
      else if (head > 0)
        push(row, 'relation', 'registry.import.two_heads', { no: row.householdNo!, row: head });
      else table.setHeadRow(slot, row.rowNo);
    }
  }

  districtOf(row: PreparedRow): number {
    return districtIdOf(row.grid.path);
  }
}

type Push = (
  row: PreparedRow,
  field: RefField,
  code: string,
  params?: Record<string, string | number>,
) => void;
