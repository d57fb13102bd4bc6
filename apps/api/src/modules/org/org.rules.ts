import { type OrgLevel, parseDivisionCode, parseGridCode } from '@linli/contract';
import type { FieldIssue } from '../../core/errors';

/** Which levels may sit directly under which: the four levels plus grids, and departments beside them. */
export const CHILD_LEVELS: Record<OrgLevel, readonly OrgLevel[]> = {
  city: ['district', 'department'],
  district: ['street', 'department'],
  street: ['community', 'department'],
  community: ['grid'],
  grid: [],
  department: [],
};

// For each territorial level: the division level its 12-digit code must have, and how many leading
// digits it shares with its parent's code (province+prefecture, +county, +township).
const DIVISION_RULES: Partial<Record<OrgLevel, { division: string; sharedPrefix: number }>> = {
  district: { division: 'county', sharedPrefix: 4 },
  street: { division: 'township', sharedPrefix: 6 },
  community: { division: 'village', sharedPrefix: 9 },
};

/** Checks a new node's code against its level and its parent's code; returns field issues. */
export function checkNodeCode(
  level: OrgLevel,
  code: string,
  parent: { level: string; code: string },
): FieldIssue[] {
  if (level === 'department') {
    return /^[A-Z0-9-]{2,32}$/.test(code) ? [] : [{ path: 'code', code: 'department.code' }];
  }
  if (level === 'grid') {
    const grid = parseGridCode(code);
    if (!grid.ok) return [{ path: 'code', code: grid.reason }];
    return grid.communityCode === parent.code ? [] : [{ path: 'code', code: 'org.code_prefix' }];
  }
  const rule = DIVISION_RULES[level];
  if (!rule) return [{ path: 'level', code: 'org.level_mismatch' }];
  if (code.length !== 12) return [{ path: 'code', code: 'division.length' }];
  const parsed = parseDivisionCode(code);
  if (!parsed.ok) return [{ path: 'code', code: parsed.reason }];
  if (parsed.level !== rule.division) return [{ path: 'code', code: 'division.segment' }];
  if (code.slice(0, rule.sharedPrefix) !== parent.code.slice(0, rule.sharedPrefix)) {
    return [{ path: 'code', code: 'org.code_prefix' }];
  }
  return [];
}
