import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { AppError } from '../../../core/errors';
import { type Cell, isEmptyRow, readRows, UnreadableFile } from '../../../core/sheet-rows';

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
function encodingOf(buffer: Buffer): string | null {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return null;
  } catch {
    return 'gb18030';
  }
}

/** The first worksheet of an XLSX, or the CSV; null when the bytes are neither. */
export async function readSheet(buffer: Buffer): Promise<Sheet | null> {
  // Every XLSX is a zip, and a zip starts with "PK".
  const format = buffer.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv';
  const rows: Cell[][] = [];
  try {
    for await (const row of readRows(Readable.from([buffer]), format, encodingOf(buffer)))
      rows[row.rowNo - 1] = row.cells;
  } catch (err) {
    if (err instanceof UnreadableFile) return null;
    throw err;
  }
  return { format, rows: trimmed(Array.from(rows, (r) => r ?? [])) };
}

function trimmed(rows: Cell[][]): Cell[][] {
  let end = rows.length;
  while (end > 0 && isEmptyRow(rows[end - 1]!)) end--;
  return rows.slice(0, end);
}
