import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../../core/errors';

/** A cell as the file gives it: text from CSV; text, number or date from XLSX. */
export type Cell = string | number | Date | null;

export interface Sheet {
  format: 'csv' | 'xlsx';
  /** Rows as in the file, the header first; trailing empty rows dropped. */
  rows: Cell[][];
}

/**
 * A biller's file is small (one line per household and month), so it is read whole, up to the
 * configured upload limit; the limit is enforced while reading, so a larger body is never buffered.
 */
export async function readUpload(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new AppError(413, 'bills.import.too_large', [], { max: mb(maxBytes) });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Utilities export CSV in GB 18030 as often as in UTF-8: anything that is not valid UTF-8 is GB 18030. */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** Comma unless the first line has more tabs or semicolons (Excel's "Unicode text" is tab-separated). */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const count = (ch: string) => first.split(ch).length - 1;
  return [',', '\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

type XlsxValue =
  | Cell
  | boolean
  | undefined
  | { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };

function xlsxCell(v: XlsxValue): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v !== 'object' || v instanceof Date) return v;
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return xlsxCell(v.result as XlsxValue);
  if ('text' in v) return xlsxCell(v.text as XlsxValue);
  return null;
}

/** The first worksheet of an XLSX, or the CSV; null when the bytes are neither. */
export async function readSheet(buffer: Buffer): Promise<Sheet | null> {
  // Every XLSX is a zip, and a zip starts with "PK".
  if (buffer.subarray(0, 2).toString('latin1') === 'PK') {
    try {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      const rows: Cell[][] = [];
      sheet?.eachRow({ includeEmpty: true }, (row, rowNo) => {
        const values = row.values as XlsxValue[];
        rows[rowNo - 1] = values.slice(1).map(xlsxCell);
      });
      return { format: 'xlsx', rows: trimmed(Array.from(rows, (r) => r ?? [])) };
    } catch {
      return null;
    }
  }
  const text = decodeText(buffer);
  try {
    const records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][];
    return { format: 'csv', rows: trimmed(records) };
  } catch {
    return null;
  }
}

export const cellText = (c: Cell | undefined): string => {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c.trim();
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  return Number.isInteger(c) ? c.toFixed(0) : String(c);
};

export const isEmptyRow = (cells: Cell[]) => cells.every((c) => cellText(c) === '');

function trimmed(rows: Cell[][]): Cell[][] {
  let end = rows.length;
  while (end > 0 && isEmptyRow(rows[end - 1]!)) end--;
  return rows.slice(0, end);
}
