import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ImportColumn, ImportKind } from '@linli/contract';
import type { Actor } from '../../../core/context';
import type { Pii } from '../../../core/pii';
import type { Db } from '../../../db/client';
import { shanghaiToday } from '../dates';
import { openStored } from './file-store';
import { HouseChecker } from './house-check';
import { HouseholdChecker } from './household-check';
import type { registryImports } from './import.schema';
import { type Cell, isEmptyRow, readRows, UnreadableFile } from './read-rows';
import { type GridRef, type Issue, RowChecker } from './row-check';
import { createHouseholds, insertResidents } from './write';

export type ImportRow = typeof registryImports.$inferSelect;

/** Issues kept for the report; beyond this only the count grows (the report says so). */
export const MAX_STORED_ISSUES = 50_000;
const BATCH = 1_000;
/**
 * Rows read between two turns of the event loop. Reading and checking is synchronous work; without a
 * turn now and then, the answer to the batch being written waits until a whole chunk of the file has
 * been parsed, and Node and PostgreSQL take turns instead of working at the same time.
 */
const YIELD_EVERY = 50;

export interface RunInput {
  /** Reads, and in commit mode the writes: the commit's transaction. */
  db: Db;
  pii: Pii;
  actor: Actor;
  imp: ImportRow;
  dir: string;
  grids: GridRef[];
  scopeGridIds: number[];
  targetGrid: GridRef | null;
  mode: 'validate' | 'commit';
  /** Stop once more data rows than this have been read (inline validation hands over to a job). */
  rowLimit?: number;
  onProgress?: (rowsRead: number) => void;
}

export interface RunResult {
  rows: number;
  errorCount: number;
  issues: Issue[];
  summary: Record<string, number>;
  residents: number;
  householdsCreated: number;
  buildingsCreated: number;
  housesCreated: number;
  tooMany: boolean;
}

export const emptyResult = (): RunResult => ({
  rows: 0,
  errorCount: 0,
  issues: [],
  summary: {},
  residents: 0,
  householdsCreated: 0,
  buildingsCreated: 0,
  housesCreated: 0,
  tooMany: false,
});

/**
 * What one kind of import does with its rows; the pass over the file, the batching, the progress and
 * the report are the same for every kind (`runImport`).
 */
interface KindRun<R> {
  /** Loads what rows are checked against before the first row (existing households, houses, …). */
  prepare(db: Db): Promise<void>;
  /** The checks a row can pass or fail on its own. */
  check(rowNo: number, cells: Cell[]): { row: R | null; issues: Issue[] };
  /** The checks against the database, for a batch; returns the rows still good. */
  checkBatch(db: Db, rows: R[], issues: Issue[]): Promise<R[]>;
  /** Writes a clean batch (commit only), counting into the result; returns problems found on writing. */
  write(db: Db, rows: R[], result: RunResult): Promise<Issue[]>;
  fileIssues(headerRow: number): Issue[];
}

function kindRun(input: RunInput, kind: ImportKind): KindRun<unknown> {
  const { imp, mode } = input;
  const sheet = {
    headers: imp.headers,
    mapping: imp.mapping as ImportColumn[],
    targetGrid: input.targetGrid,
    grids: input.grids,
  };
  if (kind === 'houses') {
    const c = new HouseChecker(sheet);
    return {
      prepare: (db) => c.prepare(db),
      check: (n, cells) => c.check(n, cells),
      checkBatch: (db, rows) => c.checkBatch(db, rows as never),
      write: async (db, rows, result) => {
        const n = await c.write(db, rows as never);
        result.buildingsCreated += n.buildings;
        result.housesCreated += n.houses;
        return [];
      },
      fileIssues: (h) => c.fileIssues(h),
    } as KindRun<unknown>;
  }
  if (kind === 'households') {
    const c = new HouseholdChecker({
      ...sheet,
      actor: input.actor,
      pii: input.pii,
      scopeGridIds: input.scopeGridIds,
      today: shanghaiToday(),
      importId: imp.id,
    });
    return {
      prepare: (db) => c.prepare(db),
      check: (n, cells) => c.check(n, cells),
      checkBatch: (db, rows, issues) => c.checkBatch(db, rows as never, issues),
      write: async (db, rows, result) => {
        const n = await c.write(db, rows as never, input.actor.accountId);
        result.householdsCreated += n.households;
        return n.issues;
      },
      fileIssues: (h) => c.fileIssues(h),
    } as KindRun<unknown>;
  }
  const checker = new RowChecker({
    ...sheet,
    actor: input.actor,
    pii: input.pii,
    scopeGridIds: input.scopeGridIds,
    today: shanghaiToday(),
    checkOnly: mode === 'validate',
  });
  return {
    prepare: (db) => checker.loadHouseholds(db),
    check: (n, cells) => checker.check(n, cells),
    // A commit leaves registered numbers to the insert (the unique index) and reports its conflicts.
    checkBatch: (db, rows, issues) =>
      checker.checkBatch(db, rows as never, issues, { registered: mode === 'validate' }),
    write: async (db, rows, result) => {
      const good = rows as Parameters<typeof insertResidents>[2];
      result.householdsCreated += await createHouseholds(db, checker, good);
      const written = await insertResidents(db, checker, good, input.actor.accountId, imp.id);
      result.residents += written.inserted;
      const raced: Issue[] = [];
      if (written.conflicts.length) await checker.reportRegistered(db, good, written.conflicts, raced);
      return raced;
    },
    fileIssues: (h) => checker.fileIssues(h),
  } as KindRun<unknown>;
}

/**
 * One pass over the file: every row checked (alone, then in batches against the database); in commit
 * mode each batch that is clean is written, and the next batch is prepared while it is being written.
 * After the first problem nothing more is written but the checking goes on, so the report is complete
 * (the caller rolls the transaction back).
 */
export async function runImport(input: RunInput): Promise<RunResult> {
  const { db, imp, mode } = input;
  const run = kindRun(input, imp.kind as ImportKind);
  const result = emptyResult();
  const add = (list: Issue[]) => {
    for (const issue of list) {
      result.errorCount++;
      result.summary[issue.code] = (result.summary[issue.code] ?? 0) + 1;
      if (result.issues.length < MAX_STORED_ISSUES) result.issues.push(issue);
    }
  };
  // Batches are checked against the database and written one after another, while the next batch is
  // being read and prepared: Node's work and PostgreSQL's overlap, with at most two batches in memory.
  let batch: unknown[] = [];
  let chain: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    const rows = batch;
    batch = [];
    const previous = chain;
    chain = (async () => {
      await previous;
      const found: Issue[] = [];
      const good = await run.checkBatch(db, rows, found);
      add(found);
      if (mode !== 'commit' || result.errorCount > 0) return;
      add(await run.write(db, good, result));
    })();
    // Awaited by the next flush (or at the end); marked handled so a failure waits for that await.
    chain.catch(() => {});
    return previous;
  };

  await run.prepare(db);
  const rows = readRows(
    openStored(input.dir, imp.path, imp.fileKeyEnc, input.pii),
    imp.format as 'csv',
    imp.encoding,
  );
  try {
    for await (const { rowNo, cells } of rows) {
      if (rowNo <= imp.headerRow || isEmptyRow(cells)) continue;
      result.rows++;
      if (input.rowLimit !== undefined && result.rows > input.rowLimit) {
        result.tooMany = true;
        break;
      }
      const checked = run.check(rowNo, cells);
      add(checked.issues);
      if (checked.row) batch.push(checked.row);
      if (result.rows % BATCH === 0) {
        await flush();
        input.onProgress?.(result.rows);
      } else if (result.rows % YIELD_EVERY === 0) {
        // Let the database's answers in: the batch being written goes on while these rows are read.
        await nextTurn();
      }
    }
  } catch (err) {
    if (!(err instanceof UnreadableFile)) throw err;
    add([
      {
        rowNo: err.rowNo ?? imp.headerRow,
        column: null,
        field: null,
        code: 'registry.import.unreadable_at',
        value: null,
        params: { row: err.rowNo ?? imp.headerRow },
      },
    ]);
  } finally {
    await rows.return(undefined);
  }
  if (result.tooMany) {
    await chain;
    return result;
  }
  await flush();
  await chain;
  input.onProgress?.(result.rows);
  add(run.fileIssues(imp.headerRow));
  if (result.rows === 0)
    add([{ rowNo: imp.headerRow, column: null, field: null, code: 'registry.import.no_rows', value: null }]);
  result.issues.sort((a, b) => a.rowNo - b.rowNo);
  return result;
}
