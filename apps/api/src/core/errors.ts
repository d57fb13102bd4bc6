/** A field-level problem: `path` is the dotted field path, `code` a message key. */
export interface FieldIssue {
  path: string;
  code: string;
  params?: Record<string, string | number>;
  /** A record the client may open (e.g. the existing registration a duplicate points at). */
  ref?: { type: string; id: number };
}

/** The one way a use-case fails; the error handler localises `code` and renders the standard body. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: FieldIssue[] = [],
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/** Out of scope and nonexistent look the same, so a 404 never confirms that a record exists. */
export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const invalid = (path: string, code: string, params?: Record<string, string | number>) =>
  new AppError(400, 'validation', [{ path, code, params }]);
export const conflict = (code: string, details: FieldIssue[] = []) => new AppError(409, code, details);
