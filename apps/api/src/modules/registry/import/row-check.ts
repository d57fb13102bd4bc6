import {
  type ImportColumn,
  type ImportField,
  maskIdNumber,
  maskMobile,
  parseResidentIdNumber,
} from '@linli/contract';
import { sql } from 'drizzle-orm';
import { grantFor } from '../../../core/access';
import type { Actor } from '../../../core/context';
import type { Pii } from '../../../core/pii';
import { type Db, rowsOf } from '../../../db/client';
import { districtIdOf } from '../registry.common';
import { residentVisible } from '../registry.policy';
import { type PreparedIdentity, prepareIdentity } from '../resident-input';
import { enumChoices, enumCode } from './fields';
import { HouseholdTable } from './households';
import { IdSet } from './id-set';
import { type Cell, cellText, isEmptyCell } from './read-rows';
import { tsvectorLiteral } from './tsvector';

/** One problem with one cell (or the file: row = header row, field null). */
export interface Issue {
  rowNo: number;
  column: string | null;
  field: string | null;
  code: string;
  value: string | null;
  params?: Record<string, string | number>;
}

export interface GridRef {
  id: number;
  code: string;
  name: string;
  path: string;
  parentId: number | null;
}

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
  refs: Partial<Record<'idNumber' | 'house' | 'relation', { column: string; text: string }>>;
}

const columnNameOf = (headers: string[], index: number) => headers[index] || columnLetter(index);

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

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1000 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** YYYY-MM-DD from what people type (2024-3-5, 2024/03/05, 2024.3.5, 2024年3月5日, 20240305) or Excel gives. */
export function parseDate(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 10_000_101 && cell <= 99_991_231) return parseDate(String(cell));
    // A date cell without a date format arrives as its serial number (days since 1899-12-30).
    if (cell >= 1 && cell < 2_958_466)
      return new Date(EXCEL_EPOCH + Math.floor(cell) * 86_400_000).toISOString().slice(0, 10);
    return null;
  }
  const text = cellText(cell)
    .normalize('NFKC')
    .replace(/\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '')
    .trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
}

/** Excel letters for a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function maskedValue(field: string | null, raw: string): string | null {
  if (!raw) return null;
  if (field === 'idNumber') return maskIdNumber(raw);
  if (field === 'phone') return maskMobile(raw);
  return raw.length > 100 ? `${raw.slice(0, 100)}…` : raw;
}

export interface CheckerOptions {
  actor: Actor;
  pii: Pii;
  headers: string[];
  mapping: ImportColumn[];
  /** The import's target node; when it is a grid, rows without a grid go there. */
  targetGrid: GridRef | null;
  grids: GridRef[];
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
export class RowChecker {
  private readonly fieldIndex = new Map<ImportField, number>();
  private readonly unmappedWithData = new Set<number>();
  private readonly gridsByCode = new Map<string, GridRef>();
  private readonly gridsByName = new Map<string, GridRef[]>();
  private readonly seenIds = new IdSet();
  readonly households = new HouseholdTable();
  private readonly pii: Pii;
  private readonly todayDate: Date;

  constructor(private readonly o: CheckerOptions) {
    o.mapping.forEach((m, index) => {
      if (m && m !== 'ignore' && !this.fieldIndex.has(m)) this.fieldIndex.set(m, index);
    });
    for (const g of o.grids) {
      this.gridsByCode.set(g.code.toUpperCase(), g);
      this.gridsByName.set(g.name, [...(this.gridsByName.get(g.name) ?? []), g]);
    }
    this.pii = o.checkOnly ? { ...o.pii, encrypt: () => '' } : o.pii;
    this.todayDate = new Date(`${o.today}T12:00:00+08:00`);
  }

  private columnName(index: number): string {
    return columnNameOf(this.o.headers, index);
  }

  /** Data in a column nobody mapped (and nobody chose to ignore) is a problem of the file. */
  fileIssues(headerRow: number): Issue[] {
    return [...this.unmappedWithData]
      .sort((a, b) => a - b)
      .map((index) => ({
        rowNo: headerRow,
        column: this.columnName(index),
        field: null,
        code: 'registry.import.unknown_column',
        value: null,
        params: { column: this.columnName(index) },
      }));
  }

  /** The checks one row can pass or fail on its own. */
  check(rowNo: number, cells: Cell[]): { row: PreparedRow | null; issues: Issue[] } {
    for (let i = 0; i < cells.length; i++) {
      const m = this.o.mapping[i];
      if ((m === null || m === undefined) && !isEmptyCell(cells[i] ?? null)) this.unmappedWithData.add(i);
    }
    // One reader object per row, its helpers on the prototype: no closures made per row.
    const r = new RowReader(this.fieldIndex, this.o.headers, rowNo, cells);
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
        refs: r.refs(),
      },
      issues: r.issues,
    };
  }

  private gridOf(r: RowReader): GridRef | null {
    const value = r.text('grid');
    const target = this.o.targetGrid;
    if (!value) {
      if (target) return target;
      r.issue('grid', 'required');
      return null;
    }
    const byCode = this.gridsByCode.get(value.normalize('NFKC').toUpperCase());
    if (byCode) return byCode;
    const named = this.gridsByName.get(value) ?? [];
    if (named.length === 1) return named[0]!;
    if (named.length > 1) r.issue('grid', 'registry.import.grid_ambiguous');
    // Out of scope reads exactly like a grid that does not exist.
    else r.issue('grid', 'registry.grid_not_found');
    return null;
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
      const ref = row.refs[field];
      issues.push({
        rowNo: row.rowNo,
        column: ref?.column ?? null,
        field,
        code,
        value: maskedValue(field, ref?.text ?? ''),
        ...(params ? { params } : {}),
      });
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
      const ref = row.refs[field];
      issues.push({
        rowNo: row.rowNo,
        column: ref?.column ?? null,
        field,
        code,
        value: maskedValue(field, ref?.text ?? ''),
        ...(params ? { params } : {}),
      });
    });
    // Whatever the other record is, these rows were not written: never let them pass silently.
    if (issues.length === before)
      for (const r of hit)
        issues.push({
          rowNo: r.rowNo,
          column: r.refs.idNumber?.column ?? null,
          field: 'idNumber',
          code: 'registry.import.id_race',
          value: maskedValue('idNumber', r.refs.idNumber?.text ?? ''),
        });
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
    const addresses = [
      ...new Set(
        rows
          .map((r) => r.house)
          .filter((h): h is string => !!h)
          .map(addressKey),
      ),
    ];
    if (!addresses.length) return;
    const found = this.o.scopeGridIds.length
      ? rowsOf<{ id: number; address: string; path: string; parent_id: number | null }>(
          await db.execute(sql`select h.id, regexp_replace(h.address, '[[:space:]]+', '', 'g') as address, n.path, n.parent_id
            from houses h join org_nodes n on n.id = h.org_node_id
            where h.org_node_id = any(${sql.param(this.o.scopeGridIds)}::int[])
            and regexp_replace(h.address, '[[:space:]]+', '', 'g') = any(${sql.param(addresses)}::text[])`),
        )
      : [];
    for (const row of rows) {
      if (!row.house) continue;
      const key = addressKey(row.house);
      const inScope = found.filter(
        (h) => h.address === key && grantFor(this.o.actor, 'registry.write', h.path),
      );
      const here = inScope.filter((h) => h.parent_id === row.grid.parentId);
      if (!inScope.length) push(row, 'house', 'registry.import.house_not_found');
      else if (!here.length) push(row, 'house', 'registry.import.house_other_community');
      else if (here.length > 1) push(row, 'house', 'registry.import.house_ambiguous');
      else row.houseId = here[0]!.id;
    }
  }

  /**
   * Households that exist before the import, in the grids it may write to: loaded once (a community
   * has a few thousand), so rows are matched in memory instead of by a query per batch.
   */
  async loadHouseholds(db: Db): Promise<void> {
    const gridIds = this.o.grids.map((g) => g.id);
    if (!gridIds.length || !this.fieldIndex.has('householdNo')) return;
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

/** Addresses compare without their spaces ("幸福路 8 号 301" is "幸福路8号301"). */
const addressKey = (address: string) => address.normalize('NFKC').replace(/\s+/g, '');

type Push = (
  row: PreparedRow,
  field: 'idNumber' | 'house' | 'relation',
  code: string,
  params?: Record<string, string | number>,
) => void;

/** One row's cells by field, and the problems found in it. */
class RowReader {
  readonly issues: Issue[] = [];
  constructor(
    private readonly index: Map<ImportField, number>,
    private readonly headers: string[],
    private readonly rowNo: number,
    private readonly cells: Cell[],
  ) {}

  cell(field: ImportField): Cell {
    const i = this.index.get(field);
    return i === undefined ? null : (this.cells[i] ?? null);
  }

  text(field: ImportField): string {
    const i = this.index.get(field);
    return i === undefined ? '' : cellText(this.cells[i] ?? null);
  }

  column(field: ImportField): string | null {
    const i = this.index.get(field);
    return i === undefined ? null : columnNameOf(this.headers, i);
  }

  issue(field: ImportField, code: string, params?: Record<string, string | number>) {
    this.issues.push({
      rowNo: this.rowNo,
      column: this.column(field),
      field,
      code,
      value: maskedValue(field, this.text(field)),
      ...(params ? { params } : {}),
    });
  }

  enumValue(field: Parameters<typeof enumCode>[0]): string | null {
    const t = this.text(field);
    if (!t) return null;
    const code = enumCode(field, t);
    if (!code) this.issue(field, 'registry.import.enum', { value: t, allowed: enumChoices(field) });
    return code;
  }

  dateValue(field: 'birthDate' | 'movedInOn'): string | null {
    if (!this.text(field)) return null;
    const d = parseDate(this.cell(field));
    if (!d) this.issue(field, 'registry.import.date');
    return d;
  }

  /** The typed cells the batch checks may have to report, kept with the prepared row. */
  refs(): PreparedRow['refs'] {
    const out: PreparedRow['refs'] = {};
    for (const f of ['idNumber', 'house', 'relation'] as const) {
      const column = this.column(f);
      if (column !== null) out[f] = { column, text: this.text(f) };
    }
    return out;
  }
}
