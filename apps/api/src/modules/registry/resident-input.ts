import {
  maskIdNumber,
  maskMobile,
  parseMobile,
  parseResidentIdNumber,
  type ResidentCreateBody,
} from '@linli/contract';
import type { FieldIssue } from '../../core/errors';
import type { Pii } from '../../core/pii';
import { shanghaiToday } from './dates';
import { searchTermsFor } from './search-terms';

/** The columns derived from what a person typed: normalised, checked, encrypted, indexed, masked. */
export interface PreparedIdentity {
  idDocType: string;
  idNumberEnc: string | null;
  idNumberIndex: string | null;
  idNumberMasked: string | null;
  phoneEnc: string | null;
  phoneIndex: string | null;
  phoneMasked: string | null;
  searchTerms: string[];
}

type IdentityInput = Pick<ResidentCreateBody, 'name' | 'gender' | 'birthDate' | 'idDocType'> & {
  idNumber?: string | undefined;
  phone?: string | null | undefined;
  formerNames?: string[] | undefined;
};

const DOC_KIND: Record<string, string> = {
  citizen: 'resident_id',
  residencePermit: 'residence_permit',
  foreignPermanentResident: 'foreign_permanent',
};

export const idIndexKey = (normalized: string) => `id:${normalized}`;
export const phoneIndexKey = (normalized: string) => `phone:${normalized}`;
export const tagIndexKey = (tag: string) => `tag:${tag}`;

/**
 * Checks an identity against the standards (GB 11643 for numbers in the ID layout, with the birth date
 * and gender on the record agreeing with the number; passports and other documents as plain
 * identifiers) and the mobile rule; returns the derived columns or every field problem at once.
 */
export function prepareIdentity(
  pii: Pii,
  input: IdentityInput,
  today = shanghaiToday(),
): PreparedIdentity | FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.birthDate > today) issues.push({ path: 'birthDate', code: 'id.future' });
  if (Number.isNaN(Date.parse(`${input.birthDate}T00:00:00Z`)))
    issues.push({ path: 'birthDate', code: 'date.format' });
  let idDocType: string = input.idDocType ?? 'resident_id';
  let idNormalized: string | null = null;
  if (input.idNumber) {
    if (idDocType === 'passport' || idDocType === 'other') {
      idNormalized = input.idNumber.toUpperCase().replace(/\s/g, '');
      if (!/^[A-Z0-9]{5,20}$/.test(idNormalized)) issues.push({ path: 'idNumber', code: 'id.format' });
    } else {
      const parsed = parseResidentIdNumber(input.idNumber, new Date(`${today}T12:00:00+08:00`));
      if (!parsed.ok) {
        issues.push({ path: 'idNumber', code: parsed.reason });
      } else {
        idNormalized = parsed.normalized;
        idDocType = DOC_KIND[parsed.kind] ?? idDocType;
        if (parsed.birthDate !== input.birthDate)
          issues.push({ path: 'birthDate', code: 'registry.birth_mismatch' });
        if (parsed.gender !== input.gender) issues.push({ path: 'gender', code: 'registry.gender_mismatch' });
      }
    }
  }
  let phone: string | null = null;
  if (input.phone) {
    const parsed = parseMobile(input.phone);
    if (parsed.ok) phone = parsed.normalized;
    else issues.push({ path: 'phone', code: 'mobile.format' });
  }
  if (issues.length) return issues;
  return {
    idDocType,
    idNumberEnc: idNormalized ? pii.encrypt(idNormalized) : null,
    idNumberIndex: idNormalized ? pii.blindIndex(idIndexKey(idNormalized)) : null,
    idNumberMasked: idNormalized ? maskIdNumber(idNormalized) : null,
    phoneEnc: phone ? pii.encrypt(phone) : null,
    phoneIndex: phone ? pii.blindIndex(phoneIndexKey(phone)) : null,
    phoneMasked: phone ? maskMobile(phone) : null,
    searchTerms: searchTermsFor([input.name, ...(input.formerNames ?? [])]),
  };
}
