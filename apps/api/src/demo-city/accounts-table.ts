import type { Pii } from '../core/pii';
import type { Db } from '../db/client';
import { type DemoAccount, seededAccounts } from './demo-accounts';

/** What the server prints at start in demo mode: the accounts a visitor can log in with. */
export async function demoAccountsTable(db: Db, pii?: Pii): Promise<string> {
  const accounts = await seededAccounts(db, pii);
  if (accounts.length === 0) return '  (no demo accounts)';
  return formatAccountsTable(accounts);
}

const HEADERS = {
  role: '角色 role',
  login: '登录 login',
  password: '密码 password',
  displayName: '姓名',
  orgNodeName: '所在',
};
type Column = keyof typeof HEADERS;
const COLUMNS = Object.keys(HEADERS) as Column[];

/** A plain-text table; CJK characters take two terminal cells, so padding counts display width. */
export function formatAccountsTable(accounts: readonly DemoAccount[]): string {
  const rows = [HEADERS, ...accounts];
  const widths = COLUMNS.map((c) => Math.max(...rows.map((r) => displayWidth(r[c]))));
  const line = (r: Record<Column, string>) =>
    `  ${COLUMNS.map((c, i) => r[c] + ' '.repeat(widths[i]! - displayWidth(r[c]))).join('  ')}`.trimEnd();
  const rule = `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`;
  return [line(HEADERS), rule, ...accounts.map(line)].join('\n');
}

// East Asian wide and full-width ranges: CJK ideographs, punctuation, kana, Hangul, full-width forms.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}
