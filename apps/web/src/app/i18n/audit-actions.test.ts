import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPLICATION_ACTIONS, CASE_ACTIONS, FLAG_ACTIONS } from '@linli/contract';
import { describe, expect, it } from 'vitest';
import { auditActionLabel } from '../../components/labels';
import i18n from '.';

/*
 * The audit screen shows every action the API records. The codes are literals in the API's modules
 * (`action: 'bills.cancel'`), plus the engines' `case.<action>` and `application.<action>`, so they
 * are read from the API's source as text (the web app does not import the API) and each must have a
 * label rather than showing its code.
 */
const apiSrc = fileURLToPath(new URL('../../../../api/src', import.meta.url));

function literalActions(): string[] {
  const codes = new Set<string>();
  for (const file of readdirSync(apiSrc, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    for (const m of readFileSync(join(apiSrc, file), 'utf8').matchAll(/\baction: '([a-z_]+\.[a-z_.]+)'/g))
      codes.add(m[1]!);
  }
  return [...codes].sort();
}

const engineActions = [
  ...[...CASE_ACTIONS, ...Object.keys(FLAG_ACTIONS)].map((a) => `case.${a}`),
  ...[...APPLICATION_ACTIONS, 'deadline_warning', 'deadline_escalated'].map((a) => `application.${a}`),
];

describe('audit action labels', () => {
  const codes = [...literalActions(), ...engineActions];

  it('finds the actions the API records', () => {
    expect(codes).toEqual(expect.arrayContaining(['account.create', 'case.report', 'bills.refund']));
  });

  // In zh-CN: en-US falls back to it, and i18n.test.ts holds the two catalogues to the same keys.
  it('labels every one of them', async () => {
    await i18n.changeLanguage('zh-CN');
    const unlabelled = codes.filter((code) => auditActionLabel(i18n.t, code) === code);
    expect(unlabelled).toEqual([]);
  });
});
