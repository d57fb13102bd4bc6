// Reading a spreadsheet upload row by row: CSV in any of the encodings offices send (the caller says
// which), or the first worksheet of an XLSX, streamed. Shared by every import (registry, bills).
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** A cell as the file gives it: text from CSV; text, number, date or boolean from XLSX. */
export type Cell = string | number | boolean | Date | null;
export interface SheetRow {
  /** The row number a spreadsheet program shows (1 = the first line). */
  rowNo: number;
  cells: Cell[];
}

/** The file cannot be read on from this row (broken quoting, a record too large, a damaged zip). */
export class UnreadableFile extends Error {
  constructor(readonly rowNo: number | null) {
    super('unreadable file');
  }
}

/** Turns GB 18030 or UTF-16 text into UTF-8 bytes for the CSV parser. */
class Recode extends Transform {
  private decoder: TextDecoder;
  constructor(encoding: string) {
    super();
    this.decoder = new TextDecoder(encoding);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    done(null, Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8'));
  }
  override _flush(done: TransformCallback) {
    done(null, Buffer.from(this.decoder.decode(), 'utf8'));
  }
}

/** Comma unless the first line has more tabs or semicolons (Excel's "Unicode text" is tab-separated). */
function delimiterOf(firstLine: string): string {
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates = [',', '\t', ';'].map((d) => [d, count(d)] as const);
  return candidates.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

const MAX_RECORD = 1024 * 1024;

async function* csvRows(source: Readable, encoding: string | null): AsyncGenerator<SheetRow> {
  const utf8 = !encoding || encoding === 'utf-8';
  const text = utf8 ? source : source.pipe(new Recode(encoding));
  source.on('error', (err) => text.destroy(err));
  const chunks = text[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (!head.includes(10) && head.length < MAX_RECORD) {
    const next = await chunks.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  const firstLine = head.subarray(0, head.includes(10) ? head.indexOf(10) : head.length).toString('utf8');
  const parser = parse({
    bom: true,
    delimiter: delimiterOf(firstLine),
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD,
  });
  const rest = Readable.from(
    (async function* () {
      if (head.length) yield head;
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        yield next.value;
      }
    })(),
    { objectMode: false },
  );
  const piping = pipeline(rest, parser);
  piping.catch(() => {});
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo++;
      yield { rowNo, cells: record };
    }
    await piping;
  } catch (err) {
    if (err instanceof CsvError) throw new UnreadableFile(rowNo + 1);
    throw err;
  } finally {
    text.destroy();
    source.destroy();
  }
}

type XlsxValue =
  | Cell
  | undefined
  | { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown; formula?: unknown };

function xlsxCell(v: XlsxValue): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return xlsxCell(v.result as XlsxValue);
  if ('error' in v || 'formula' in v) return null;
  if ('text' in v) return xlsxCell(v.text as XlsxValue);
  return null;
}

async function* xlsxRows(source: Readable): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    // Styles tell dates from numbers; hyperlinks and other entries are not needed.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let lastRow = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<{ number: number; values: XlsxValue[] }>) {
        lastRow = row.number;
        const values = row.values;
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
        yield { rowNo: row.number, cells };
      }
      // Only the first worksheet is read.
      break;
    }
  } catch (err) {
    if (err instanceof UnreadableFile) throw err;
    throw new UnreadableFile(lastRow ? lastRow + 1 : null);
  } finally {
    source.destroy();
  }
}

export function readRows(source: Readable, format: 'csv' | 'xlsx', encoding: string | null) {
  return format === 'xlsx' ? xlsxRows(source) : csvRows(source, encoding);
}

export const cellText = (c: Cell | undefined): string => {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c.trim();
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  if (typeof c === 'number') return Number.isInteger(c) ? c.toFixed(0) : String(c);
  return c ? 'TRUE' : 'FALSE';
};

export const isEmptyCell = (c: Cell) => cellText(c) === '';
export const isEmptyRow = (cells: Cell[]) => cells.every(isEmptyCell);
