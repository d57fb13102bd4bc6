import { z } from 'zod';
import { residentSearchQuery } from './registry';

/**
 * Import into the registry from CSV or XLSX (SPEC §3.2): upload → map columns to fields → validate the
 * whole file → commit all of it or nothing. One pipeline, three kinds of file:
 * - `residents`: one person a row. Households are formed from `householdNo` (rows with the same number
 *   in the same grid are one household); `house` names an existing house by its address.
 * - `households`: one household a row — its number, type, head (a resident already registered, by ID
 *   number), address or house. Members join by the resident import's household number and relation.
 * - `houses`: one house a row — building (created when new), unit, room, floor, area, use, tenure.
 */
export const IMPORT_KINDS = ['residents', 'households', 'houses'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const RESIDENT_IMPORT_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'idDocType',
  'idNumber',
  'phone',
  'ethnicity',
  'education',
  'politicalStatus',
  'maritalStatus',
  'employmentStatus',
  'hukouAddress',
  'actualAddress',
  'movedInOn',
  'residenceType',
  'grid',
  'householdNo',
  'relation',
  'house',
] as const;

export const HOUSEHOLD_IMPORT_FIELDS = [
  'grid',
  'householdNo',
  'householdType',
  'headIdNumber',
  'address',
  'house',
] as const;

export const HOUSE_IMPORT_FIELDS = [
  'grid',
  'building',
  'buildingAddress',
  'unitNo',
  'floor',
  'roomNo',
  'area',
  'use',
  'tenure',
] as const;

/** Every field of every kind (a mapping names fields of its own kind only; the server checks). */
export const IMPORT_FIELDS = [
  ...RESIDENT_IMPORT_FIELDS,
  'householdType',
  'headIdNumber',
  'address',
  'building',
  'buildingAddress',
  'unitNo',
  'floor',
  'roomNo',
  'area',
  'use',
  'tenure',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELDS_BY_KIND: Record<ImportKind, readonly ImportField[]> = {
  residents: RESIDENT_IMPORT_FIELDS,
  households: HOUSEHOLD_IMPORT_FIELDS,
  houses: HOUSE_IMPORT_FIELDS,
};
/** A column is mapped to a field, explicitly ignored, or not mapped yet (an error if it holds data). */
export type ImportColumn = ImportField | 'ignore' | null;

export const IMPORT_STATUSES = [
  'uploaded',
  'validating',
  'validated',
  'committing',
  'committed',
  'failed',
  'discarded',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;

/** Files with more data rows than this are validated and committed by a background job. */
export const IMPORT_INLINE_ROWS = 5_000;
/** Default upload limit (LINLI_IMPORT_MAX_BYTES). */
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;
/** How many rows one export may hold; a larger result is cut there and the sheet says so. */
export const EXPORT_MAX_ROWS = 100_000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const importUploadQuery = z.strictObject({
  /** The grid or community (or higher node, with a grid column) the rows go to; defaults to the only one. */
  nodeId: z.coerce.number().int().positive().optional(),
  /** What one row of the file is; fixed for the import (upload again to change it). */
  kind: z.enum(IMPORT_KINDS).default('residents'),
});

export const importMappingBody = z.strictObject({
  columns: z.array(z.enum([...IMPORT_FIELDS, 'ignore']).nullable()).max(500),
  nodeId: z.number().int().positive().optional(),
});
export type ImportMappingBody = z.infer<typeof importMappingBody>;

export const importIssueView = z.object({
  row: z.number(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  /** As typed, ID numbers and phones masked. */
  value: z.string().nullable(),
  message: z.string(),
});
export type ImportIssueView = z.infer<typeof importIssueView>;

export const importView = z.object({
  id: z.number(),
  kind: z.enum(IMPORT_KINDS),
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS),
  sizeBytes: z.number(),
  node: z.object({ id: z.number(), name: z.string(), level: z.string() }),
  headers: z.array(z.string()),
  /** The current mapping (the suggestion until someone changes it). */
  mapping: z.array(z.enum([...IMPORT_FIELDS, 'ignore']).nullable()),
  suggested: z.array(z.enum([...IMPORT_FIELDS, 'ignore']).nullable()),
  /** The first rows after the header, ID-like and mobile-like cells masked. */
  preview: z.array(z.array(z.string())),
  headerRow: z.number(),
  /** Data rows in the file, once read through; else the upload's estimate (CSV lines) or null. */
  rows: z.number().nullable(),
  processed: z.number(),
  /** True while a background job validates or commits this import. */
  background: z.boolean(),
  errorCount: z.number(),
  /** The first issues (the full list is the XLSX report). */
  issues: z.array(importIssueView),
  errorSummary: z.array(z.object({ code: z.string(), message: z.string(), count: z.number() })),
  created: z
    .object({
      residents: z.number(),
      householdsCreated: z.number(),
      buildingsCreated: z.number(),
      housesCreated: z.number(),
    })
    .nullable(),
  /** A failure that is not about the data (the file unreadable or gone), localised. */
  problem: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportView = z.infer<typeof importView>;

/** The resident search, without paging: the whole result (up to EXPORT_MAX_ROWS) goes into the file. */
export const residentExportQuery = residentSearchQuery.omit({ cursor: true, limit: true });
export type ResidentExportQuery = z.infer<typeof residentExportQuery>;
