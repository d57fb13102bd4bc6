import type { ImportKind } from '@linli/contract';
import { cellText, isEmptyRow, type SheetRow } from '../../../core/sheet-rows';
import { looksLikeHeader } from './fields';

export {
  type Cell,
  cellText,
  isEmptyCell,
  isEmptyRow,
  readRows,
  type SheetRow,
  UnreadableFile,
} from '../../../core/sheet-rows';

export interface FileHead {
  headers: string[];
  headerRow: number;
  /** The first data rows as text. */
  preview: string[][];
}

const HEADER_SEARCH = 10;
const PREVIEW_ROWS = 20;

/**
 * The header row (the first of the first rows naming at least two known fields; else the first row
 * with anything in it, so a title line above the table is skipped) and the rows after it.
 */
export async function readHead(
  rows: AsyncGenerator<SheetRow>,
  kind: ImportKind = 'residents',
): Promise<FileHead> {
  const first: SheetRow[] = [];
  try {
    for await (const row of rows) {
      if (isEmptyRow(row.cells)) continue;
      first.push(row);
      if (first.length >= HEADER_SEARCH + PREVIEW_ROWS) break;
    }
  } finally {
    await rows.return(undefined);
  }
  const candidates = first.slice(0, HEADER_SEARCH);
  const header = candidates.find((r) => looksLikeHeader(r.cells.map(cellText), kind)) ?? candidates[0];
  if (!header) return { headers: [], headerRow: 1, preview: [] };
  const headers = header.cells.map(cellText);
  while (headers.length && !headers.at(-1)) headers.pop();
  const preview = first
    .filter((r) => r.rowNo > header.rowNo)
    .slice(0, PREVIEW_ROWS)
    .map((r) => r.cells.map(cellText));
  return { headers, headerRow: header.rowNo, preview };
}
