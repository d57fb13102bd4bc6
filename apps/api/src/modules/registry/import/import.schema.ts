import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../../db/columns';
import { accounts } from '../../accounts/accounts.schema';
import { orgNodes } from '../../org/org.schema';

/**
 * One uploaded file on its way into the registry: uploaded → (validating) → validated → committing →
 * committed | failed, or discarded. The file itself lives encrypted under `<dataDir>/imports/` (its key
 * is in `file_key_enc`) and is deleted once committed or discarded.
 */
export const registryImports = pgTable(
  'registry_imports',
  {
    id: serial('id').primaryKey(),
    /** The grid, community or higher node the rows go to (rows name their grid unless this is one). */
    orgNodeId: integer('org_node_id')
      .notNull()
      .references(() => orgNodes.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    /** An API token's scopes when the upload came with one: background jobs act with the same narrowing. */
    tokenScopes: text('token_scopes').array(),
    /** What one row of the file is: 'residents', 'households' or 'houses' (IMPORT_KINDS). */
    kind: text('kind').notNull().default('residents'),
    fileName: text('file_name').notNull(),
    /** File name under `<dataDir>/imports/`. */
    path: text('path').notNull(),
    /** AES key and IV of the stored file, encrypted with the PII key. */
    fileKeyEnc: text('file_key_enc').notNull(),
    format: text('format').notNull(),
    /** CSV text encoding as detected (utf-8, utf-16le or gb18030). */
    encoding: text('encoding'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    /** The header row's cells, and which row of the sheet it is (title rows above it are skipped). */
    headers: jsonb('headers').$type<string[]>().notNull(),
    headerRow: integer('header_row').notNull().default(1),
    /** One entry per column: a field key, 'ignore', or null (not yet mapped). */
    mapping: jsonb('mapping').$type<(string | null)[]>().notNull(),
    /** The first rows, ID-like and mobile-like cells masked, encrypted (they are still personal data). */
    previewEnc: text('preview_enc'),
    /** Line count of a CSV at upload: decides inline or background work before reading the file. */
    rowEstimate: integer('row_estimate'),
    /** Rows read so far by the running validation or commit. */
    processed: integer('processed').notNull().default(0),
    /** { rows, errors, residents, householdsCreated, buildingsCreated, housesCreated } as known so far. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
    /** Issues by message code, for the summary line (details are in registry_import_issues). */
    errorSummary: jsonb('error_summary').$type<Record<string, number>>(),
    /** A failure that is not about the data (file unreadable or gone), as a message code. */
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('registry_imports_account_idx').on(t.accountId, t.createdAt)],
);

/** Per row, per field problems of the last validation (capped; `counts.errors` has the full count). */
export const registryImportIssues = pgTable(
  'registry_import_issues',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    importId: integer('import_id')
      .notNull()
      .references(() => registryImports.id),
    /** The row as the spreadsheet numbers it (the header row included). */
    rowNo: integer('row_no').notNull(),
    columnName: text('column_name'),
    field: text('field'),
    code: text('code').notNull(),
    /** As typed, with ID numbers and phones masked. */
    value: text('value'),
    params: jsonb('params').$type<Record<string, string | number>>(),
  },
  (t) => [index('registry_import_issues_import_idx').on(t.importId, t.rowNo)],
);
