import type { Readable } from 'node:stream';
import { type BillImportResult, IMPORT_MAX_BYTES } from '@linli/contract';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditActorOf, requirePermission } from '../../../core/access';
import type { Actor, Ctx } from '../../../core/context';
import { conflict, notFound } from '../../../core/errors';
import { translate } from '../../../core/messages';
import { pgCode } from '../../../db/pg-error';
import { recordAudit } from '../../audit';
import { billImports, bills } from '../bills.schema';
import { checkSheet, type ImportProblem } from './check';
import { BILL_COLUMNS, type BillColumn } from './columns';
import { readSheet, readUpload, type Sheet } from './read-file';

/** At most this many problems are kept and returned; the counts still cover the whole file. */
const MAX_PROBLEMS = 1_000;
const INSERT_CHUNK = 1_000;

function cleanFileName(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  let name = 'bills';
  try {
    name = raw ? decodeURIComponent(raw) : name;
  } catch {
    name = raw ?? name;
  }
  const base = name.split(/[\\/]/).pop() ?? name;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'bills';
}

const messageOf = (ctx: Ctx, p: ImportProblem) =>
  translate(ctx.lang, p.code, { ...p.params, field: columnLabel(ctx, p.field) });

function columnLabel(ctx: Ctx, field: string): string {
  const column = BILL_COLUMNS[field as BillColumn];
  if (!column) return field;
  return ctx.lang === 'en-US' ? column.en : column.zh;
}

/**
 * Validates a biller's file and, when asked to commit and nothing is wrong, writes every bill in the
 * same transaction as the import record and its audit entry: the file goes in whole or not at all.
 * Lookups run inside the transaction, so what was checked is what is written.
 */
export async function importBills(
  ctx: Ctx,
  body: Readable,
  opts: { fileName: string | string[] | undefined; commit: boolean },
): Promise<BillImportResult> {
  const actor = requirePermission(ctx, 'bills.manage');
  const fileName = cleanFileName(opts.fileName);
  const buffer = await readUpload(body, ctx.config.importMaxBytes ?? IMPORT_MAX_BYTES);
  const sheet = buffer.length ? await readSheet(buffer) : null;
  try {
    return await writeImport(ctx, actor, fileName, sheet, buffer.length, opts.commit);
  } catch (err) {
    // A bill with one of these numbers was committed by someone else between our check and our insert.
    if (pgCode(err) === '23505') throw conflict('bills.import.conflict');
    throw err;
  }
}

async function writeImport(
  ctx: Ctx,
  actor: Actor,
  fileName: string,
  sheet: Sheet | null,
  size: number,
  commitAsked: boolean,
): Promise<BillImportResult> {
  return ctx.db.transaction(async (tx) => {
    const checked = sheet
      ? await checkSheet(tx, actor, sheet.rows)
      : {
          rows: 0,
          valid: 0,
          bills: [],
          problems: [{ row: 0, field: '', code: size ? 'bills.import.unreadable' : 'bills.import.empty' }],
        };
    const problems = checked.problems.slice(0, MAX_PROBLEMS);
    const commit = commitAsked && checked.problems.length === 0 && checked.bills.length > 0;
    const [imp] = await tx
      .insert(billImports)
      .values({
        fileName,
        format: sheet?.format ?? (fileName.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv'),
        rows: checked.rows,
        valid: checked.valid,
        committed: commit,
        errors: problems,
        createdBy: actor.accountId,
      })
      .returning();
    if (commit)
      for (let i = 0; i < checked.bills.length; i += INSERT_CHUNK)
        await tx
          .insert(bills)
          .values(checked.bills.slice(i, i + INSERT_CHUNK).map((b) => ({ ...b, importId: imp!.id })));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: commit ? 'bills.import' : 'bills.import_checked',
      recordType: 'bill_import',
      recordId: imp!.id,
      details: { fileName, rows: checked.rows, valid: checked.valid, errors: checked.problems.length },
    });
    return {
      importId: imp!.id,
      fileName,
      rows: checked.rows,
      valid: checked.valid,
      committed: commit,
      errors: problems.map((p) => ({ row: p.row, field: p.field, code: p.code, message: messageOf(ctx, p) })),
    };
  });
}

const REPORT = {
  sheet: { zh: '问题清单', en: 'Problems' },
  row: { zh: '行号', en: 'Row' },
  field: { zh: '字段', en: 'Field' },
  message: { zh: '错误', en: 'Problem' },
  none: { zh: '没有发现问题。', en: 'No problems found.' },
  file: { zh: '账单导入问题', en: 'bill-import-problems' },
};

/** The problems of one import as an XLSX, for the person who uploaded it (others: 404). */
export async function importReport(ctx: Ctx, importId: number) {
  const actor = requirePermission(ctx, 'bills.manage');
  const [imp] = await ctx.db.select().from(billImports).where(eq(billImports.id, importId));
  if (!imp || imp.createdBy !== actor.accountId) throw notFound();
  const t = (k: keyof typeof REPORT) => (ctx.lang === 'en-US' ? REPORT[k].en : REPORT[k].zh);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('sheet'));
  sheet.columns = [
    { header: t('row'), width: 8 },
    { header: t('field'), width: 16 },
    { header: t('message'), width: 70 },
  ];
  sheet.getRow(1).font = { bold: true };
  const problems = imp.errors as ImportProblem[];
  for (const p of problems) sheet.addRow([p.row, columnLabel(ctx, p.field), messageOf(ctx, p)]);
  if (problems.length === 0) sheet.addRow([t('none')]);
  const base = imp.fileName.replace(/\.[^.]+$/, '');
  return {
    buffer: Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer),
    fileName: `${t('file')}-${base}.xlsx`,
    asciiName: `bill-import-${imp.id}-problems.xlsx`,
  };
}
