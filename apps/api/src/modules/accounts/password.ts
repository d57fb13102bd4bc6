import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import type { FieldIssue } from '../../core/errors';

export const PASSWORD_MIN_LENGTH = 10;

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
);

/** The policy: long enough, not a known common password, not the login itself. Returns field issues. */
export function checkPasswordPolicy(
  password: string,
  login: string | null,
  path = 'newPassword',
): FieldIssue[] {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return [{ path, code: 'password.too_short', params: { min: PASSWORD_MIN_LENGTH } }];
  }
  const lower = password.toLowerCase();
  // A common password with a trailing digit or symbol is still a common password.
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\d!@#$%^&*.]+$/, '')))
    return [{ path, code: 'password.common' }];
  if (/^(.)\1+$/.test(password)) return [{ path, code: 'password.common' }];
  if (login && login.length >= 3 && lower.includes(login.toLowerCase()))
    return [{ path, code: 'password.contains_login' }];
  return [];
}

// argon2id with the library defaults (m = 19 MiB, t = 2, p = 1), the OWASP-recommended minimum.
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password);

// Verified against on unknown logins so that a wrong username costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hash('linli-dummy-password-for-timing');
  return dummyHash.then((h) => verify(h, password));
}
