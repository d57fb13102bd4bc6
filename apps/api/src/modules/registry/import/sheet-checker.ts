import { type ImportColumn, type ImportField, maskIdNumber, maskMobile } from '@linli/contract';
import { enumChoices, enumCode } from './fields';
import { type Cell, cellText, isEmptyCell } from './read-rows';

/**
 * What every kind of import shares: cells read by field through the mapping, columns with data that
 * nobody mapped, the grid a row names (by code or name, among the grids the import may write to),
 * and the shape of a problem report.
 */

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

/** A typed cell a batch check may have to report once the row has been prepared. */
export interface CellRef {
  column: string;
  text: string;
}

export const columnNameOf = (headers: string[], index: number) => headers[index] || columnLetter(index);

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
  if (field === 'idNumber' || field === 'headIdNumber') return maskIdNumber(raw);
  if (field === 'phone') return maskMobile(raw);
  return raw.length > 100 ? `${raw.slice(0, 100)}…` : raw;
}

export interface SheetOptions {
  headers: string[];
  mapping: ImportColumn[];
  /** The import's target node; when it is a grid, rows without a grid go there. */
  targetGrid: GridRef | null;
  /** The live grids under the target the actor may write to. */
  grids: GridRef[];
}

/** The mapping, the grids, and the columns nobody mapped: the part of a row checker every kind needs. */
export class SheetChecker {
  protected readonly fieldIndex = new Map<ImportField, number>();
  private readonly unmappedWithData = new Set<number>();
  private readonly gridsByCode = new Map<string, GridRef>();
  private readonly gridsByName = new Map<string, GridRef[]>();

  constructor(protected readonly sheet: SheetOptions) {
    sheet.mapping.forEach((m, index) => {
      if (m && m !== 'ignore' && !this.fieldIndex.has(m)) this.fieldIndex.set(m, index);
    });
    for (const g of sheet.grids) {
      this.gridsByCode.set(g.code.toUpperCase(), g);
      this.gridsByName.set(g.name, [...(this.gridsByName.get(g.name) ?? []), g]);
    }
  }

  protected columnName(index: number): string {
    return columnNameOf(this.sheet.headers, index);
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

  /** A reader for one row; notes the unmapped columns it has data in. */
  protected reader(rowNo: number, cells: Cell[]): RowReader {
    for (let i = 0; i < cells.length; i++) {
      const m = this.sheet.mapping[i];
      if ((m === null || m === undefined) && !isEmptyCell(cells[i] ?? null)) this.unmappedWithData.add(i);
    }
    // One reader object per row, its helpers on the prototype: no closures made per row.
    return new RowReader(this.fieldIndex, this.sheet.headers, rowNo, cells);
  }

  protected gridOf(r: RowReader): GridRef | null {
    const value = r.text('grid');
    const target = this.sheet.targetGrid;
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
    // Out of scope, or in another community than the import's, reads exactly like a grid that does not exist.
    else r.issue('grid', 'registry.grid_not_found');
    return null;
  }

  /** Whether the mapping has a column for the field. */
  has(field: ImportField): boolean {
    return this.fieldIndex.has(field);
  }
}

/** An issue about a cell of a prepared row, found by a batch check. */
export function issueAt(
  rowNo: number,
  field: ImportField,
  ref: CellRef | undefined,
  code: string,
  params?: Record<string, string | number>,
): Issue {
  return {
    rowNo,
    column: ref?.column ?? null,
    field,
    code,
    value: maskedValue(field, ref?.text ?? ''),
    ...(params ? { params } : {}),
  };
}

/** Addresses compare without their spaces ("幸福路 8 号 301" is "幸福路8号301"). */
export const addressKey = (address: string) => address.normalize('NFKC').replace(/\s+/g, '');

/** One row's cells by field, and the problems found in it. */
export class RowReader {
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
  refs<F extends ImportField>(fields: readonly F[]): Partial<Record<F, CellRef>> {
    const out: Partial<Record<F, CellRef>> = {};
    for (const f of fields) {
      const column = this.column(f);
      if (column !== null) out[f] = { column, text: this.text(f) };
    }
    return out;
  }
}
