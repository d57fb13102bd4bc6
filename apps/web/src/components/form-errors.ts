import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../app/api';

type Issue = { path: PropertyKey[]; code: string; message: string; minimum?: unknown; maximum?: unknown };
type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
type Parser<T> = { safeParse(value: unknown): SafeParse<T> };

type FieldError = { name: (string | number)[]; errors: string[] };

const KNOWN_MESSAGES: Record<string, string> = {
  required: 'validation.required',
  'username.format': 'validation.usernameFormat',
  'totp.format': 'validation.totpFormat',
  'date.format': 'validation.dateFormat',
  'mobile.format': 'validation.mobileFormat',
};

function issueMessage(t: TFunction, issue: Issue): string {
  const known = KNOWN_MESSAGES[issue.message];
  const tt = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  if (known) return tt(known);
  switch (issue.code) {
    case 'invalid_type':
      return tt('validation.required');
    case 'too_small':
      return Number(issue.minimum) <= 1
        ? tt('validation.required')
        : tt('validation.tooSmall', { min: issue.minimum });
    case 'too_big':
      return tt('validation.tooBig', { max: issue.maximum });
    case 'invalid_format':
      return tt('validation.format');
    default:
      return tt('validation.invalid');
  }
}

/** Drops empty strings and nulls so optional fields are omitted rather than sent blank. */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === '' || v === null || v === undefined) continue;
    out[k] = typeof v === 'string' ? v.trim() || undefined : v;
    if (out[k] === undefined) delete out[k];
  }
  return out as Partial<T>;
}

/**
 * Checks form values against a contract schema (the same rules the API applies) and shows any
 * problems on their fields. Returns the parsed body, or null when the form has errors.
 */
export function validateWith<T>(
  schema: Parser<T>,
  values: unknown,
  form: FormInstance,
  t: TFunction,
): T | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const byField = new Map<string, FieldError>();
  for (const issue of result.error.issues) {
    const name = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issueMessage(t, issue));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return null;
}

/** Puts the API's field-level `details` onto the matching form fields (`figures.households` → nested name). */
export function applyApiError(form: FormInstance, error: unknown): void {
  if (!isApiError(error) || error.details.length === 0) return;
  const byField = new Map<string, FieldError>();
  for (const d of error.details) {
    if (!d.path) continue;
    const entry = byField.get(d.path) ?? { name: d.path.split('.'), errors: [] };
    entry.errors.push(d.message);
    byField.set(d.path, entry);
  }
  form.setFields([...byField.values()]);
}
