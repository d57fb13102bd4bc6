import { TAGS, type Tag } from '@linli/contract';
import type { AnyColumn, SQL } from 'drizzle-orm';
import { or, sql } from 'drizzle-orm';
import { pathInScope, scopeCondition } from '../../core/access';
import type { Actor } from '../../core/context';
import { yearsBefore } from './dates';

/**
 * Who sees what in the registry, beyond plain scope (`registry.read` over the record's grid):
 * - children under 14 only with `registry.sensitive` over their grid;
 * - care tags (health, disability, assistance) with `registry.sensitive`, safety tags with `registry.safety`.
 */
export const UNDER_14 = 14;

export function tagVisible(actor: Actor, tag: Tag | string, path: string): boolean {
  const category = TAGS[tag as Tag] ?? 'general';
  if (category === 'care') return pathInScope(actor, 'registry.sensitive', path);
  if (category === 'safety') return pathInScope(actor, 'registry.safety', path);
  return true;
}

export function residentVisible(actor: Actor, birthDate: string, path: string, today: string): boolean {
  if (!pathInScope(actor, 'registry.read', path)) return false;
  return birthDate <= yearsBefore(today, UNDER_14) || pathInScope(actor, 'registry.sensitive', path);
}

/** The list filter matching `residentVisible`, for SQL. */
export function residentVisibleCondition(
  actor: Actor,
  nodeColumn: AnyColumn,
  birthColumn: AnyColumn,
  today: string,
): SQL {
  const adults = sql`${birthColumn} <= ${yearsBefore(today, UNDER_14)}`;
  return sql`(${scopeCondition(actor, 'registry.read', nodeColumn)}) and (${or(adults, scopeCondition(actor, 'registry.sensitive', nodeColumn))})`;
}
