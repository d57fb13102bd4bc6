/*
 * The contract's identifier checks, taken from its validators file directly: that file has no imports,
 * whereas the package index also loads every zod schema, which the phone screens must not carry.
 * The API runs the very same functions, so a number accepted here is accepted there.
 */
import type { TFunction } from 'i18next';
import {
  parseCreditCode,
  parseMobile,
  parseResidentIdNumber,
} from '../../../../../packages/contract/src/validators';
import { isApiError } from '../../app/api';

export { parseCreditCode, parseMobile, parseResidentIdNumber };

type LooseT = (key: string) => string;

/** `id.checksum` → "身份证号校验位不正确…"; the reason codes come from the shared validators. */
export function reasonMessage(t: TFunction, reason: string): string {
  return (t as unknown as LooseT)(`registry.reasons.${reason.replace('.', '_')}`);
}

/** antd rule validator for a resident ID number (empty is left to `required`). */
export function idNumberRule(t: TFunction) {
  return {
    validator: (_: unknown, value?: string) => {
      if (!value?.trim()) return Promise.resolve();
      const parsed = parseResidentIdNumber(value);
      return parsed.ok ? Promise.resolve() : Promise.reject(new Error(reasonMessage(t, parsed.reason)));
    },
  };
}

export function mobileRule(t: TFunction) {
  return {
    validator: (_: unknown, value?: string) =>
      !value?.trim() || parseMobile(value).ok
        ? Promise.resolve()
        : Promise.reject(new Error(t('validation.mobileFormat'))),
  };
}

/** Birth date and gender read from a valid ID number, or null while the number is incomplete or wrong. */
export function fromIdNumber(
  value: string | undefined,
): { birthDate: string; gender: 'male' | 'female' } | null {
  if (!value) return null;
  const parsed = parseResidentIdNumber(value);
  return parsed.ok ? { birthDate: parsed.birthDate, gender: parsed.gender } : null;
}

export type DuplicateRef = { type: string; id: number };

/** In scope: `registry.id_duplicate` with a `ref`; registered outside the user's scope: `registry.id_elsewhere`. */
const DUPLICATE_CODES = ['registry.id_duplicate', 'registry.id_elsewhere'];

/**
 * A 409 for an ID number already registered: the API adds `ref` to the detail only when the existing
 * record lies in the actor's scope. Returns whether it is a duplicate and, if visible, the record to link to.
 */
export function duplicateOf(error: unknown): { duplicate: boolean; ref: DuplicateRef | null } {
  if (!isApiError(error, 409)) return { duplicate: false, ref: null };
  const detail = error.details.find((d) => DUPLICATE_CODES.includes(d.code));
  if (!detail && !DUPLICATE_CODES.includes(error.code)) return { duplicate: false, ref: null };
  const ref = (detail as { ref?: unknown } | undefined)?.ref;
  if (ref && typeof ref === 'object') {
    const { type, id } = ref as { type?: unknown; id?: unknown };
    if (typeof id === 'number' && typeof type === 'string') return { duplicate: true, ref: { type, id } };
  }
  return { duplicate: true, ref: null };
}
