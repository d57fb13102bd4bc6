import type { casesDeskZhCN } from './cases-desk.zh-CN';

export const casesDeskEnUS: typeof casesDeskZhCN = {
  title: 'Cases',
};
