/** What PostgreSQL said about a failed statement, also when Drizzle wrapped the driver's error. */
export function pgErrorOf(err: unknown): { code: string; message: string } | undefined {
  const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const source = typeof e?.code === 'string' ? e : e?.cause;
  if (typeof source?.code !== 'string') return undefined;
  return { code: source.code, message: typeof source.message === 'string' ? source.message : '' };
}

/** The SQLSTATE of a failed statement (23505: a unique index refused the row). */
export const pgCode = (err: unknown): string | undefined => pgErrorOf(err)?.code;

/**
 * The error code a statement's own check raised through `linli_assert` (migration 0013), or undefined
 * when it failed for another reason.
 */
export function assertionOf(err: unknown): string | undefined {
  const e = pgErrorOf(err);
  return e?.code === 'P0001' ? e.message : undefined;
}
