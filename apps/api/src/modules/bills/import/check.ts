import type { BillKind } from '@linli/contract';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { scopeCondition } from '../../../core/access';
import type { Actor } from '../../../core/context';
import { type Cell, cellText, isEmptyRow } from '../../../core/sheet-rows';
import type { Db } from '../../../db/client';
import { households, houses } from '../../registry/registry.schema';
import { bills } from '../bills.schema';
import { centsOfNumber, MAX_BILL_CENTS, parseYuan } from '../money';
import { BILL_COLUMN_NAMES, type BillColumn, columnOf, kindOf, REQUIRED_COLUMNS } from './columns';

/** One problem; `row` is the 1-based data row, 0 for the file or its header. Rendered per language. */
export interface ImportProblem {
  row: number;
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface NewBill {
  householdId: number;
  kind: BillKind;
  biller: string;
  period: string;
  amountCents: number;
  dueDate: string;
  externalRef: string;
}

export interface CheckResult {
  rows: number;
  valid: number;
  bills: NewBill[];
  problems: ImportProblem[];
}

/** All rows go in one transaction, so one file is kept to a size that commits in seconds. */
export const MAX_IMPORT_ROWS = 20_000;
const MAX_TEXT = { biller: 100, external_ref: 64, address: 200 } as const;

/** The field name a problem carries: the column's code, or the header as typed for an unknown one. */
interface Layout {
  columns: (BillColumn | null)[];
  problems: ImportProblem[];
}

function layoutOf(header: Cell[], dataRows: Cell[][]): Layout {
  const problems: ImportProblem[] = [];
  const seen = new Set<BillColumn>();
  const columns = header.map((cell, i) => {
    const text = cellText(cell);
    const column = text ? columnOf(text) : null;
    if (!text) {
      // A column without a header is unknown too, but only if something is written in it.
      if (dataRows.some((r) => cellText(r[i]) !== ''))
        problems.push({ row: 0, field: `#${i + 1}`, code: 'bills.import.unknown_column' });
      return null;
    }
    if (!column) problems.push({ row: 0, field: text, code: 'bills.import.unknown_column' });
    else if (seen.has(column))
      problems.push({ row: 0, field: column, code: 'bills.import.column_duplicate' });
    if (column) seen.add(column);
    return column;
  });
  for (const c of REQUIRED_COLUMNS)
    if (!seen.has(c)) problems.push({ row: 0, field: c, code: 'bills.import.column_missing' });
  if (!seen.has('household_id') && !seen.has('address'))
    problems.push({ row: 0, field: 'household_id', code: 'bills.import.household_column_missing' });
  return { columns, problems };
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A period typed as 2026/11, 202611 or read by Excel as a date comes out as 2026-11. */
function periodOf(c: Cell | undefined): string {
  if (c instanceof Date) return c.toISOString().slice(0, 7);
  const s = cellText(c)
    .replace(/[/.年]/g, '-')
    .replace(/月$/, '');
  if (/^\d{6}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4)}`;
  return /^\d{4}-\d$/.test(s) ? `${s.slice(0, 5)}0${s.slice(5)}` : s;
}

function dateOf(c: Cell | undefined): string {
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return cellText(c).replace(/\//g, '-');
}

function amountOf(c: Cell | undefined): number | null {
  const cents = typeof c === 'number' ? centsOfNumber(c) : parseYuan(cellText(c));
  return cents !== null && cents > 0 && cents <= MAX_BILL_CENTS ? cents : null;
}

interface Draft {
  row: number;
  householdId: number | null;
  address: string | null;
  bill: Omit<NewBill, 'householdId'>;
}

/** Reads one row's own values (nothing from the database yet). */
function draftOf(row: number, cells: Cell[], columns: (BillColumn | null)[], problems: ImportProblem[]) {
  const value = (c: BillColumn): Cell | undefined => {
    const i = columns.indexOf(c);
    return i === -1 ? undefined : cells[i];
  };
  const text = (c: BillColumn) => cellText(value(c));
  const problem = (field: BillColumn, code: string, params?: Record<string, string | number>) =>
    problems.push({ row, field, code, ...(params ? { params } : {}) });
  const required = (c: BillColumn) => {
    if (columns.includes(c) && text(c) === '') problem(c, 'required');
    return text(c);
  };

  const idText = text('household_id');
  const address = text('address');
  let householdId: number | null = null;
  if (idText) {
    if (/^\d{1,9}$/.test(idText)) householdId = Number(idText);
    else problem('household_id', 'bills.import.household_unknown');
  } else if (!address) {
    if (columns.includes('household_id') || columns.includes('address'))
      problem(columns.includes('household_id') ? 'household_id' : 'address', 'required');
  } else if (address.length > MAX_TEXT.address)
    problem('address', 'bills.import.too_long', { max: MAX_TEXT.address });

  const kindText = required('kind');
  const kind = kindText ? kindOf(kindText) : null;
  if (kindText && !kind) problem('kind', 'bills.import.kind_unknown');
  const biller = required('biller');
  if (biller.length > MAX_TEXT.biller) problem('biller', 'bills.import.too_long', { max: MAX_TEXT.biller });
  const period = periodOf(value('period'));
  if (columns.includes('period') && !period) problem('period', 'required');
  else if (period && !PERIOD.test(period)) problem('period', 'bills.period');
  const amountCents = text('amount') ? amountOf(value('amount')) : null;
  if (columns.includes('amount') && !text('amount')) problem('amount', 'required');
  else if (text('amount') && amountCents === null) problem('amount', 'bills.import.amount');
  const dueDate = dateOf(value('due_date'));
  if (columns.includes('due_date') && !dueDate) problem('due_date', 'required');
  else if (dueDate && !validDate(dueDate)) problem('due_date', 'date.format');
  const externalRef = required('external_ref');
  if (externalRef.length > MAX_TEXT.external_ref)
    problem('external_ref', 'bills.import.too_long', { max: MAX_TEXT.external_ref });

  const draft: Draft = {
    row,
    householdId,
    address: householdId === null && address ? address : null,
    bill: { kind: kind ?? 'other', biller, period, amountCents: amountCents ?? 0, dueDate, externalRef },
  };
  return draft;
}

/** Households the actor may bill, by id and by address (exact, after trimming). */
async function householdsOf(db: Db, actor: Actor, drafts: Draft[]) {
  const ids = [...new Set(drafts.flatMap((d) => (d.householdId === null ? [] : [d.householdId])))];
  const addresses = [...new Set(drafts.flatMap((d) => (d.address === null ? [] : [d.address])))];
  const byId = new Set<number>();
  const byAddress = new Map<string, number[]>();
  if (ids.length === 0 && addresses.length === 0) return { byId, byAddress };
  const address = sql<string>`coalesce(${households.address}, ${houses.address})`;
  const rows = await db
    .select({ id: households.id, address })
    .from(households)
    .leftJoin(houses, eq(houses.id, households.houseId))
    .where(
      and(
        scopeCondition(actor, 'bills.manage', households.orgNodeId),
        or(
          ids.length ? inArray(households.id, ids) : undefined,
          addresses.length ? inArray(address, addresses) : undefined,
        ),
      ),
    );
  const wantedIds = new Set(ids);
  const wantedAddresses = new Set(addresses);
  for (const r of rows) {
    if (wantedIds.has(r.id)) byId.add(r.id);
    if (r.address && wantedAddresses.has(r.address))
      byAddress.set(r.address, [...(byAddress.get(r.address) ?? []), r.id]);
  }
  return { byId, byAddress };
}

/** Bill numbers of these billers already in the database (any household: the number is the biller's). */
async function existingRefs(db: Db, drafts: Draft[]): Promise<Set<string>> {
  const refs = [...new Set(drafts.map((d) => d.bill.externalRef).filter(Boolean))];
  if (refs.length === 0) return new Set();
  const rows = await db
    .select({ biller: bills.biller, ref: bills.externalRef })
    .from(bills)
    .where(inArray(bills.externalRef, refs));
  return new Set(rows.map((r) => `${r.biller}\u0000${r.ref}`));
}

/**
 * Checks every row of the file: its own values, then the household (must be in the registry and in
 * the importer's scope — a household the importer cannot see is reported exactly like a missing one),
 * then the bill number against the file itself and the database.
 */
export async function checkSheet(db: Db, actor: Actor, sheetRows: Cell[][]): Promise<CheckResult> {
  const [header = [], ...rest] = sheetRows;
  const data = rest.map((cells, i) => ({ row: i + 1, cells })).filter((r) => !isEmptyRow(r.cells));
  const layout = layoutOf(header, rest);
  const problems = [...layout.problems];
  if (data.length === 0) problems.push({ row: 0, field: '', code: 'bills.import.no_rows' });
  if (data.length > MAX_IMPORT_ROWS) {
    problems.push({
      row: 0,
      field: '',
      code: 'bills.import.too_many_rows',
      params: { max: MAX_IMPORT_ROWS },
    });
    return { rows: data.length, valid: 0, bills: [], problems };
  }
  const drafts = data.map((r) => draftOf(r.row, r.cells, layout.columns, problems));
  const found = await householdsOf(db, actor, drafts);
  const existing = await existingRefs(db, drafts);
  const firstRowOfRef = new Map<string, number>();
  const out: NewBill[] = [];
  for (const d of drafts) {
    let householdId = d.householdId;
    if (householdId !== null && !found.byId.has(householdId)) {
      problems.push({ row: d.row, field: 'household_id', code: 'bills.import.household_unknown' });
      householdId = null;
    } else if (d.address !== null) {
      const matches = found.byAddress.get(d.address) ?? [];
      if (matches.length === 1) householdId = matches[0]!;
      else
        problems.push({
          row: d.row,
          field: 'address',
          code: matches.length ? 'bills.import.household_ambiguous' : 'bills.import.household_unknown',
        });
    }
    const { biller, externalRef } = d.bill;
    if (biller && externalRef) {
      const key = `${biller}\u0000${externalRef}`;
      const first = firstRowOfRef.get(key);
      if (first !== undefined)
        problems.push({
          row: d.row,
          field: 'external_ref',
          code: 'bills.import.ref_duplicate_file',
          params: { row: first },
        });
      else firstRowOfRef.set(key, d.row);
      if (existing.has(key))
        problems.push({ row: d.row, field: 'external_ref', code: 'bills.import.ref_exists' });
    }
    if (householdId !== null) out.push({ ...d.bill, householdId });
  }
  const badRows = new Set(problems.filter((p) => p.row > 0).map((p) => p.row));
  problems.sort((a, b) => a.row - b.row || fieldOrder(a.field) - fieldOrder(b.field));
  return {
    rows: data.length,
    valid: data.length - badRows.size,
    bills: problems.length === 0 ? out : [],
    problems,
  };
}

const fieldOrder = (f: string) => {
  const i = BILL_COLUMN_NAMES.indexOf(f as BillColumn);
  return i === -1 ? -1 : i;
};
