import type { Readable } from 'node:stream';
import {
  IMPORT_FIELDS_BY_KIND,
  IMPORT_INLINE_ROWS,
  IMPORT_MAX_BYTES,
  type ImportColumn,
  type ImportKind,
  type ImportMappingBody,
  type ImportStatus,
  type ImportView,
  maskIdNumber,
  maskMobile,
} from '@linli/contract';
import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Config } from '../../../config';
import { auditActorIn, grantFor, requirePermission, scopePaths } from '../../../core/access';
import type { Actor, Ctx, Grant } from '../../../core/context';
import { AppError, type FieldIssue, invalid, notFound } from '../../../core/errors';
import { type Lang, translate } from '../../../core/messages';
import type { Pii } from '../../../core/pii';
import { type Db, rowsOf } from '../../../db/client';
import { pgCode } from '../../../db/pg-error';
import { accounts, roleAssignments } from '../../accounts/accounts.schema';
import { recordAudit } from '../../audit';
import { enqueueJob, type JobHandler } from '../../jobs';
import { jobs } from '../../jobs/jobs.schema';
import { orgNodes } from '../../org/org.schema';
import { fieldLabel, suggestMapping } from './fields';
import { importsDir, openStored, removeStored, storeUpload } from './file-store';
import { registryImportIssues, registryImports } from './import.schema';
import { emptyResult, type ImportRow, MAX_STORED_ISSUES, type RunResult, runImport } from './process';
import { readHead, readRows } from './read-rows';
import type { GridRef, Issue } from './row-check';

type NodeRow = typeof orgNodes.$inferSelect;
type Env = { db: Db; pii: Pii; config: Config };

const ISSUES_IN_VIEW = 200;
const STATUS_LABEL: Record<ImportStatus, { zh: string; en: string }> = {
  uploaded: { zh: '已上传', en: 'uploaded' },
  validating: { zh: '正在检查', en: 'checking' },
  validated: { zh: '已检查', en: 'checked' },
  committing: { zh: '正在导入', en: 'importing' },
  committed: { zh: '已导入', en: 'imported' },
  failed: { zh: '导入失败', en: 'failed' },
  discarded: { zh: '已放弃', en: 'discarded' },
};

const statusError = (lang: Lang, status: string) =>
  new AppError(409, 'registry.import.status', [], {
    status: STATUS_LABEL[status as ImportStatus]?.[lang === 'en-US' ? 'en' : 'zh'] ?? status,
  });

/** Progress of validations and commits running in this process (a PGlite commit cannot write it). */
const liveProgress = new Map<number, number>();

// ------------------------------------------------------------------ scope

/** The node rows go to: the one asked for, or the actor's only registry.write node. */
async function targetNode(db: Db, actor: Actor, nodeId: number | undefined): Promise<NodeRow> {
  let id = nodeId;
  if (id === undefined) {
    const paths = scopePaths(actor, 'registry.write');
    const grants = actor.grants.filter((g) => paths.includes(g.path));
    if (grants.length !== 1) throw invalid('nodeId', 'registry.import.target_required');
    id = grants[0]!.orgNodeId;
  }
  const [node] = await db
    .select()
    .from(orgNodes)
    .where(and(eq(orgNodes.id, id), isNull(orgNodes.validTo)));
  if (!node || !grantFor(actor, 'registry.write', node.path) || node.level === 'department')
    throw invalid('nodeId', 'registry.import.target_not_found');
  return node;
}

/** The live grids under the target that the actor may register people in. */
async function gridsUnder(db: Db, actor: Actor, target: NodeRow): Promise<GridRef[]> {
  const rows = await db
    .select({
      id: orgNodes.id,
      code: orgNodes.code,
      name: orgNodes.name,
      path: orgNodes.path,
      parentId: orgNodes.parentId,
    })
    .from(orgNodes)
    .where(and(eq(orgNodes.level, 'grid'), isNull(orgNodes.validTo), like(orgNodes.path, `${target.path}%`)));
  return rows.filter((g) => grantFor(actor, 'registry.write', g.path));
}

async function scopeOf(db: Db, actor: Actor, imp: ImportRow) {
  const [node] = await db
    .select()
    .from(orgNodes)
    .where(and(eq(orgNodes.id, imp.orgNodeId), isNull(orgNodes.validTo)));
  const paths = scopePaths(actor, 'registry.write');
  const scopeGrids = paths.length
    ? await db
        .select({ id: orgNodes.id })
        .from(orgNodes)
        .where(
          and(
            eq(orgNodes.level, 'grid'),
            isNull(orgNodes.validTo),
            or(...paths.map((p) => like(orgNodes.path, `${p}%`))),
          ),
        )
    : [];
  const scopeGridIds = scopeGrids.map((g) => g.id);
  // A target retired or taken out of scope since the upload: every row then fails its grid check.
  if (!node || !grantFor(actor, 'registry.write', node.path))
    return { node: null, grids: [], scopeGridIds, targetGrid: null };
  const grids = await gridsUnder(db, actor, node);
  const targetGrid = node.level === 'grid' ? (grids.find((g) => g.id === node.id) ?? null) : null;
  return { node, grids, scopeGridIds, targetGrid };
}

async function loadOwned(ctx: Ctx, id: number): Promise<{ actor: Actor; imp: ImportRow }> {
  const actor = requirePermission(ctx, 'registry.write');
  const [imp] = await ctx.db
    .select()
    .from(registryImports)
    .where(and(eq(registryImports.id, id), eq(registryImports.accountId, actor.accountId)));
  // Imports are their uploader's own work: anyone else's reads as not found.
  if (!imp) throw notFound();
  return { actor, imp };
}

/** A job acts for the account that asked, with its grants as they are now (and a token's narrowing). */
async function actorForJob(db: Db, imp: ImportRow): Promise<Actor | null> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, imp.accountId));
  if (account?.status !== 'active') return null;
  const rows = await db
    .select({
      assignmentId: roleAssignments.id,
      role: roleAssignments.role,
      orgNodeId: roleAssignments.orgNodeId,
      orgNodeName: orgNodes.name,
      level: orgNodes.level,
      path: orgNodes.path,
    })
    .from(roleAssignments)
    .innerJoin(orgNodes, eq(orgNodes.id, roleAssignments.orgNodeId))
    .where(
      and(
        eq(roleAssignments.accountId, imp.accountId),
        isNull(roleAssignments.revokedAt),
        isNull(orgNodes.validTo),
      ),
    );
  const actor: Actor = {
    accountId: account.id,
    kind: account.kind as Actor['kind'],
    displayName: account.displayName,
    grants: rows.map((r) => ({ ...r, role: r.role as Grant['role'], totpRequired: false })),
    via: 'token',
    tokenScopes: imp.tokenScopes ? new Set(imp.tokenScopes) : null,
    pendingStep: null,
  };
  return scopePaths(actor, 'registry.write').length ? actor : null;
}

// ------------------------------------------------------------------ views

const PREVIEW_ID = /^(\d{15}|\d{17}[\dXx])$/;
const PREVIEW_MOBILE = /^(\+?86)?1[3-9]\d{9}$/;

function maskPreviewCell(cell: string): string {
  const compact = cell.replace(/[\s-]/g, '');
  if (PREVIEW_ID.test(compact)) return maskIdNumber(compact);
  if (PREVIEW_MOBILE.test(compact)) return maskMobile(compact);
  return cell;
}

function issueView(lang: Lang, i: typeof registryImportIssues.$inferSelect) {
  const params = { ...(i.params ?? {}) };
  if (typeof params.field === 'string') params.field = fieldLabel(params.field, lang);
  return {
    row: i.rowNo,
    column: i.columnName,
    field: i.field ? fieldLabel(i.field, lang) : null,
    code: i.code,
    value: i.value,
    message: translate(lang, i.code, params),
  };
}

async function viewOf(ctx: Ctx, imp: ImportRow): Promise<ImportView> {
  const [node] = await ctx.db
    .select({ id: orgNodes.id, name: orgNodes.name, level: orgNodes.level })
    .from(orgNodes)
    .where(eq(orgNodes.id, imp.orgNodeId));
  const errorCount = imp.counts.errors ?? 0;
  const issues =
    errorCount > 0 && (imp.status === 'validated' || imp.status === 'failed')
      ? await ctx.db
          .select()
          .from(registryImportIssues)
          .where(eq(registryImportIssues.importId, imp.id))
          .orderBy(asc(registryImportIssues.rowNo), asc(registryImportIssues.id))
          .limit(ISSUES_IN_VIEW)
      : [];
  const running = imp.status === 'validating' || imp.status === 'committing';
  const preview = imp.previewEnc ? (JSON.parse(ctx.pii.decrypt(imp.previewEnc)) as string[][]) : [];
  return {
    id: imp.id,
    kind: imp.kind as ImportKind,
    status: imp.status as ImportStatus,
    fileName: imp.fileName,
    format: imp.format as 'csv' | 'xlsx',
    sizeBytes: imp.sizeBytes,
    node: node ?? { id: imp.orgNodeId, name: '', level: '' },
    headers: imp.headers,
    mapping: imp.mapping as ImportColumn[],
    suggested: suggestMapping(imp.headers, imp.kind as ImportKind),
    preview: preview.map((r) => r.map(maskPreviewCell)),
    headerRow: imp.headerRow,
    rows: imp.counts.rows ?? (imp.rowEstimate === null ? null : Math.max(0, imp.rowEstimate - imp.headerRow)),
    processed: running ? Math.max(imp.processed, liveProgress.get(imp.id) ?? 0) : imp.processed,
    background: running,
    errorCount,
    issues: issues.map((i) => issueView(ctx.lang, i)),
    errorSummary: Object.entries(imp.errorSummary ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([code, count]) => ({ code, count, message: translate(ctx.lang, code, {}) })),
    created:
      imp.status === 'committed'
        ? {
            residents: imp.counts.residents ?? 0,
            householdsCreated: imp.counts.householdsCreated ?? 0,
            buildingsCreated: imp.counts.buildingsCreated ?? 0,
            housesCreated: imp.counts.housesCreated ?? 0,
          }
        : null,
    problem: imp.lastError ? translate(ctx.lang, imp.lastError, {}) : null,
    createdAt: imp.createdAt.toISOString(),
    updatedAt: imp.updatedAt.toISOString(),
  };
}

export async function getImport(ctx: Ctx, id: number): Promise<ImportView> {
  const { imp } = await loadOwned(ctx, id);
  return viewOf(ctx, imp);
}

// ------------------------------------------------------------------ upload

export const maxBytesOf = (config: Config) => config.importMaxBytes ?? IMPORT_MAX_BYTES;

function cleanFileName(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  let name = 'import';
  try {
    name = raw ? decodeURIComponent(raw) : name;
  } catch {
    name = raw ?? name;
  }
  // Only the last path segment, no control characters.
  const base = name.split(/[\\/]/).pop() ?? name;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'import';
}

/** Streams the body to disk (encrypted), reads the header row and a preview, records the import. */
export async function uploadImport(
  ctx: Ctx,
  body: Readable,
  opts: { fileName: string | string[] | undefined; nodeId: number | undefined; kind: ImportKind },
): Promise<ImportView> {
  const actor = requirePermission(ctx, 'registry.write');
  const node = await targetNode(ctx.db, actor, opts.nodeId);
  const fileName = cleanFileName(opts.fileName);
  const dir = importsDir(ctx.config.dataDir);
  const stored = await storeUpload(body, { dir, maxBytes: maxBytesOf(ctx.config), pii: ctx.pii, fileName });
  try {
    const head = await readHead(
      readRows(openStored(dir, stored.name, stored.keyEnc, ctx.pii), stored.format, stored.encoding),
      opts.kind,
    ).catch(() => {
      throw new AppError(400, 'registry.import.format');
    });
    if (head.headers.length === 0) throw new AppError(400, 'registry.import.empty');
    const imp = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(registryImports)
        .values({
          orgNodeId: node.id,
          accountId: actor.accountId,
          tokenScopes: actor.tokenScopes ? [...actor.tokenScopes] : null,
          kind: opts.kind,
          fileName,
          path: stored.name,
          fileKeyEnc: stored.keyEnc,
          format: stored.format,
          encoding: stored.encoding,
          sizeBytes: stored.sizeBytes,
          status: 'uploaded',
          headers: head.headers,
          headerRow: head.headerRow,
          mapping: suggestMapping(head.headers, opts.kind),
          previewEnc: ctx.pii.encrypt(JSON.stringify(head.preview)),
          rowEstimate: stored.rowEstimate,
        })
        .returning();
      await recordAudit(tx, {
        actor: auditActorIn(actor, 'registry.write', node.path),
        clientIp: ctx.ip,
        action: 'registry.import.upload',
        recordType: 'registry_import',
        recordId: row!.id,
        details: {
          fileName,
          kind: opts.kind,
          sizeBytes: stored.sizeBytes,
          format: stored.format,
          nodeId: node.id,
        },
      });
      return row!;
    });
    return viewOf(ctx, imp);
  } catch (err) {
    await removeStored(dir, stored.name);
    throw err;
  }
}

// ------------------------------------------------------------------ mapping

/** The fields each kind cannot do without (besides the grid, when the target is not a grid). */
const REQUIRED: Record<ImportKind, string[]> = {
  residents: ['name'],
  households: ['householdNo', 'householdType', 'headIdNumber'],
  houses: ['building', 'roomNo', 'use'],
};

/** Which fields the mapping lacks, repeats or borrows from another kind; the row checks assume it passed. */
function mappingIssues(columns: ImportColumn[], targetIsGrid: boolean, kind: ImportKind): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const own = new Set<string>(IMPORT_FIELDS_BY_KIND[kind]);
  const where = new Map<string, number[]>();
  columns.forEach((c, i) => {
    if (!c || c === 'ignore') return;
    if (!own.has(c))
      issues.push({ path: `columns.${i}`, code: 'registry.import.field_kind', params: { field: c } });
    else where.set(c, [...(where.get(c) ?? []), i]);
  });
  for (const [field, at] of where) {
    for (const i of at.slice(1))
      issues.push({ path: `columns.${i}`, code: 'registry.import.field_twice', params: { field } });
  }
  for (const field of REQUIRED[kind])
    if (!where.has(field))
      issues.push({ path: 'columns', code: 'registry.import.field_missing', params: { field } });
  if (kind === 'residents' && !where.has('idNumber') && !(where.has('birthDate') && where.has('gender')))
    issues.push({ path: 'columns', code: 'registry.import.birth_or_id' });
  if (!targetIsGrid && !where.has('grid'))
    issues.push({ path: 'columns', code: 'registry.import.grid_column' });
  return issues;
}

const localise = (lang: Lang, issues: FieldIssue[]) =>
  issues.map((i) =>
    i.params && typeof i.params.field === 'string'
      ? { ...i, params: { ...i.params, field: fieldLabel(i.params.field, lang) } }
      : i,
  );

export async function setMapping(ctx: Ctx, id: number, body: ImportMappingBody): Promise<ImportView> {
  const { actor, imp } = await loadOwned(ctx, id);
  if (!['uploaded', 'validated', 'failed'].includes(imp.status)) throw statusError(ctx.lang, imp.status);
  if (body.columns.length < imp.headers.length) throw invalid('columns', 'registry.import.columns');
  const node = body.nodeId ? await targetNode(ctx.db, actor, body.nodeId) : null;
  const level =
    node?.level ??
    (await ctx.db.select({ level: orgNodes.level }).from(orgNodes).where(eq(orgNodes.id, imp.orgNodeId)))[0]
      ?.level;
  const issues = mappingIssues(body.columns, level === 'grid', imp.kind as ImportKind);
  if (issues.length) throw new AppError(400, 'validation', localise(ctx.lang, issues));
  const [after] = await ctx.db
    .update(registryImports)
    .set({
      mapping: body.columns,
      orgNodeId: node?.id ?? imp.orgNodeId,
      // A new mapping means the last check no longer applies.
      status: 'uploaded',
      counts: {},
      errorSummary: null,
      processed: 0,
      updatedAt: new Date(),
    })
    .where(
      and(eq(registryImports.id, id), inArray(registryImports.status, ['uploaded', 'validated', 'failed'])),
    )
    .returning();
  if (!after) throw statusError(ctx.lang, 'validating');
  await ctx.db.delete(registryImportIssues).where(eq(registryImportIssues.importId, id));
  return viewOf(ctx, after);
}

// ------------------------------------------------------------------ validate

async function saveIssues(db: Db, importId: number, issues: Issue[]) {
  await db.delete(registryImportIssues).where(eq(registryImportIssues.importId, importId));
  for (let i = 0; i < issues.length; i += 5_000) {
    const chunk = issues.slice(i, i + 5_000);
    const col = (pick: (x: Issue) => unknown) => sql.param(chunk.map(pick));
    await db.execute(sql`insert into registry_import_issues (import_id, row_no, column_name, field, code, value, params)
      select ${importId}::int, * from unnest(${col((x) => x.rowNo)}::int[], ${col((x) => x.column)}::text[],
        ${col((x) => x.field)}::text[], ${col((x) => x.code)}::text[], ${col((x) => x.value)}::text[],
        ${col((x) => (x.params ? JSON.stringify(x.params) : null))}::jsonb[])`);
  }
}

/** Records what a validation (or a rejected commit) found, in one transaction. */
async function storeResult(db: Db, importId: number, r: RunResult, status: 'validated' | 'failed') {
  await db.transaction(async (tx) => {
    await saveIssues(tx, importId, r.issues);
    await tx
      .update(registryImports)
      .set({
        status,
        counts: { rows: r.rows, errors: r.errorCount },
        errorSummary: r.summary,
        processed: r.rows,
        lastError: null,
        updatedAt: new Date(),
      })
      .where(eq(registryImports.id, importId));
  });
  liveProgress.delete(importId);
}

async function handOver(
  db: Db,
  importId: number,
  kind: 'validate' | 'commit',
  from: string[],
  payload: object,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(registryImports)
      .set({
        status: kind === 'validate' ? 'validating' : 'committing',
        processed: 0,
        lastError: null,
        updatedAt: new Date(),
      })
      .where(and(eq(registryImports.id, importId), inArray(registryImports.status, from)))
      .returning();
    if (!row) return null;
    await enqueueJob(tx, `registry.import.${kind}`, { importId, ...payload }, { maxAttempts: 3 });
    return row;
  });
}

/** Writes progress now and then from outside the work (a PGlite transaction would block it). */
function progressWriter(db: Db, importId: number, persist: boolean) {
  let last = 0;
  return (n: number) => {
    liveProgress.set(importId, n);
    if (!persist || Date.now() - last < 1_000) return;
    last = Date.now();
    void db
      .update(registryImports)
      .set({ processed: n })
      .where(
        and(eq(registryImports.id, importId), inArray(registryImports.status, ['validating', 'committing'])),
      )
      .catch(() => {});
  };
}

/** True when `db` is a pool, so a second connection can report progress while a transaction runs. */
const hasSpareConnection = (db: Db) => (db as unknown as { $client?: unknown }).$client instanceof pg.Pool;

const fileMissing = (err: unknown) => (err as NodeJS.ErrnoException)?.code === 'ENOENT';

export async function validateImport(ctx: Ctx, id: number): Promise<ImportView> {
  const { actor, imp } = await loadOwned(ctx, id);
  const from = ['uploaded', 'validated', 'failed'];
  if (!from.includes(imp.status)) throw statusError(ctx.lang, imp.status);
  const scope = await scopeOf(ctx.db, actor, imp);
  const issues = mappingIssues(
    imp.mapping as ImportColumn[],
    scope.node?.level === 'grid',
    imp.kind as ImportKind,
  );
  if (issues.length) throw new AppError(400, 'validation', localise(ctx.lang, issues));
  const background = async () => {
    const row = await handOver(ctx.db, id, 'validate', from, {});
    if (!row) throw statusError(ctx.lang, 'validating');
    return viewOf(ctx, row);
  };
  if ((imp.rowEstimate ?? 0) > IMPORT_INLINE_ROWS + 1) return background();
  let result: RunResult;
  try {
    result = await runImport({
      db: ctx.db,
      pii: ctx.pii,
      actor,
      imp,
      dir: importsDir(ctx.config.dataDir),
      ...scope,
      mode: 'validate',
      rowLimit: IMPORT_INLINE_ROWS,
    });
  } catch (err) {
    if (fileMissing(err)) throw new AppError(409, 'registry.import.file_missing');
    throw err;
  }
  // More rows than a request should wait for: a job does the whole file instead.
  if (result.tooMany) return background();
  await storeResult(ctx.db, id, result, 'validated');
  return getImport(ctx, id);
}

// ------------------------------------------------------------------ commit

class ImportRejected extends Error {
  constructor(readonly result: RunResult) {
    super('import rejected');
  }
}

const COMMIT_LOCK = 7_245_101;

/**
 * The all-or-nothing commit: one transaction reads the file again, checks every row again (a number
 * may have been registered since the check), writes the residents, households, history rows and one
 * audit entry, and marks the import committed. Any problem rolls all of it back.
 */
async function runCommit(env: Env, actor: Actor, importId: number, ip: string | null): Promise<void> {
  const { db } = env;
  const progress = progressWriter(db, importId, hasSpareConnection(db));
  let imp: ImportRow | undefined;
  try {
    await db.transaction(async (tx) => {
      const [lock] = rowsOf<{ ok: boolean }>(
        await tx.execute(sql`select pg_try_advisory_xact_lock(${COMMIT_LOCK}, ${importId}) as ok`),
      );
      if (!lock?.ok) throw new Error(`import ${importId} is being committed by another worker`);
      [imp] = await tx.select().from(registryImports).where(eq(registryImports.id, importId));
      if (imp?.status !== 'committing') return;
      const scope = await scopeOf(tx, actor, imp);
      const r = await runImport({
        db: tx,
        pii: env.pii,
        actor,
        imp,
        dir: importsDir(env.config.dataDir),
        grids: scope.grids,
        scopeGridIds: scope.scopeGridIds,
        targetGrid: scope.targetGrid,
        mode: 'commit',
        onProgress: progress,
      });
      if (r.errorCount > 0) throw new ImportRejected(r);
      const counts = {
        rows: r.rows,
        errors: 0,
        residents: r.residents,
        householdsCreated: r.householdsCreated,
        buildingsCreated: r.buildingsCreated,
        housesCreated: r.housesCreated,
      };
      await tx
        .update(registryImports)
        .set({ status: 'committed', counts, processed: r.rows, updatedAt: new Date() })
        .where(eq(registryImports.id, importId));
      await recordAudit(tx, {
        actor: auditActorIn(actor, 'registry.write', scope.node?.path ?? '/'),
        clientIp: ip,
        action: 'registry.import',
        recordType: 'registry_import',
        recordId: importId,
        details: { ...counts, kind: imp.kind, fileName: imp.fileName, nodeId: imp.orgNodeId },
      });
    });
  } catch (err) {
    liveProgress.delete(importId);
    if (err instanceof ImportRejected) return storeResult(db, importId, err.result, 'failed');
    if (pgCode(err) === '23505') {
      // A number registered by someone else between our check and our insert.
      const issue: Issue = {
        rowNo: imp?.headerRow ?? 1,
        column: null,
        field: 'idNumber',
        code: 'registry.import.id_race',
        value: null,
      };
      return storeResult(
        db,
        importId,
        { ...emptyResult(), errorCount: 1, issues: [issue], summary: { [issue.code]: 1 } },
        'failed',
      );
    }
    if (fileMissing(err)) return markProblem(db, importId, 'registry.import.file_missing');
    throw err;
  }
  liveProgress.delete(importId);
  if (imp?.status === 'committing') await removeStored(importsDir(env.config.dataDir), imp.path);
}

async function markProblem(db: Db, importId: number, code: string) {
  liveProgress.delete(importId);
  await db
    .update(registryImports)
    .set({ status: 'failed', lastError: code, updatedAt: new Date() })
    .where(eq(registryImports.id, importId));
}

export async function commitImport(ctx: Ctx, id: number): Promise<ImportView> {
  const { actor, imp } = await loadOwned(ctx, id);
  if (imp.status !== 'validated') {
    if (imp.status === 'uploaded') throw new AppError(409, 'registry.import.not_validated');
    throw statusError(ctx.lang, imp.status);
  }
  const errors = imp.counts.errors ?? 0;
  if (errors > 0) throw new AppError(409, 'registry.import.has_errors', [], { count: errors });
  if ((imp.counts.rows ?? 0) > IMPORT_INLINE_ROWS) {
    const row = await handOver(ctx.db, id, 'commit', ['validated'], { ip: ctx.ip });
    if (!row) throw statusError(ctx.lang, 'committing');
    return viewOf(ctx, row);
  }
  const [claimed] = await ctx.db
    .update(registryImports)
    .set({ status: 'committing', updatedAt: new Date() })
    .where(and(eq(registryImports.id, id), eq(registryImports.status, 'validated')))
    .returning({ id: registryImports.id });
  if (!claimed) throw statusError(ctx.lang, 'committing');
  try {
    await runCommit(ctx, actor, id, ctx.ip);
  } catch (err) {
    // Unexpected failure of an inline commit: nothing was written; the import can be checked again.
    await markProblem(ctx.db, id, 'registry.import.failed');
    throw err;
  }
  return getImport(ctx, id);
}

export async function discardImport(ctx: Ctx, id: number): Promise<ImportView> {
  const { imp } = await loadOwned(ctx, id);
  if (!['uploaded', 'validated', 'failed'].includes(imp.status)) throw statusError(ctx.lang, imp.status);
  const [after] = await ctx.db
    .update(registryImports)
    .set({ status: 'discarded', updatedAt: new Date() })
    .where(
      and(eq(registryImports.id, id), inArray(registryImports.status, ['uploaded', 'validated', 'failed'])),
    )
    .returning();
  if (!after) throw statusError(ctx.lang, 'committing');
  await ctx.db.delete(registryImportIssues).where(eq(registryImportIssues.importId, id));
  await removeStored(importsDir(ctx.config.dataDir), imp.path);
  return viewOf(ctx, after);
}

// ------------------------------------------------------------------ issues for the report

export async function* issuePages(ctx: Ctx, id: number) {
  const { imp } = await loadOwned(ctx, id);
  yield { imp, issues: [] as ReturnType<typeof issueView>[] };
  let after = 0;
  for (;;) {
    const rows = await ctx.db
      .select()
      .from(registryImportIssues)
      .where(and(eq(registryImportIssues.importId, id), sql`${registryImportIssues.id} > ${after}`))
      .orderBy(asc(registryImportIssues.id))
      .limit(2_000);
    if (!rows.length) return;
    after = rows.at(-1)!.id;
    yield { imp, issues: rows.map((r) => issueView(ctx.lang, r)) };
  }
}

export { MAX_STORED_ISSUES };

// ------------------------------------------------------------------ jobs

async function validateJob(env: Env, importId: number) {
  const { db } = env;
  const [imp] = await db.select().from(registryImports).where(eq(registryImports.id, importId));
  if (imp?.status !== 'validating') return;
  const actor = await actorForJob(db, imp);
  if (!actor) return markProblem(db, importId, 'registry.import.actor_gone');
  const scope = await scopeOf(db, actor, imp);
  try {
    const result = await runImport({
      db,
      pii: env.pii,
      actor,
      imp,
      dir: importsDir(env.config.dataDir),
      grids: scope.grids,
      scopeGridIds: scope.scopeGridIds,
      targetGrid: scope.targetGrid,
      mode: 'validate',
      onProgress: progressWriter(db, importId, true),
    });
    await storeResult(db, importId, result, 'validated');
  } catch (err) {
    if (fileMissing(err)) return markProblem(db, importId, 'registry.import.file_missing');
    if (await lastAttempt(db, 'registry.import.validate', importId))
      await markProblem(db, importId, 'registry.import.failed');
    throw err;
  }
}

async function commitJob(env: Env, importId: number, ip: string | null) {
  const [imp] = await env.db.select().from(registryImports).where(eq(registryImports.id, importId));
  if (imp?.status !== 'committing') return;
  const actor = await actorForJob(env.db, imp);
  if (!actor) return markProblem(env.db, importId, 'registry.import.actor_gone');
  try {
    await runCommit(env, actor, importId, ip);
  } catch (err) {
    // The job is retried (the transaction was rolled back); after its last attempt the import fails.
    if (await lastAttempt(env.db, 'registry.import.commit', importId))
      await markProblem(env.db, importId, 'registry.import.failed');
    throw err;
  }
}

async function lastAttempt(db: Db, kind: string, importId: number): Promise<boolean> {
  const [job] = await db
    .select({ attempts: jobs.attempts, maxAttempts: jobs.maxAttempts })
    .from(jobs)
    .where(
      and(
        eq(jobs.kind, kind),
        eq(jobs.status, 'running'),
        sql`${jobs.payload}->>'importId' = ${String(importId)}`,
      ),
    )
    .limit(1);
  return !job || job.attempts >= job.maxAttempts;
}

/**
 * Background validation and commit of large files. A commit interrupted by a restart was rolled back
 * with its transaction; the job runs again from the file when the worker takes it up again.
 */
export function importJobHandlers(pii: Pii, config: Config): Record<string, JobHandler> {
  return {
    'registry.import.validate': (db, payload) => validateJob({ db, pii, config }, Number(payload.importId)),
    'registry.import.commit': (db, payload) =>
      commitJob(
        { db, pii, config },
        Number(payload.importId),
        typeof payload.ip === 'string' ? payload.ip : null,
      ),
  };
}
