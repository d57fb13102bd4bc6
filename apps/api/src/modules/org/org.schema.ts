import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from '../../db/columns';

/**
 * One tree for the territory (city → district → street → community → grid) and the departments that
 * hang off a city, district or street. `path` is the materialised chain of ids ('/1/4/19/'), so a
 * subtree is one prefix match and a move rewrites only the paths of the moved nodes.
 */
export const orgNodes = pgTable(
  'org_nodes',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgNodes.id),
    level: text('level').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    path: text('path').notNull(),
    communityType: text('community_type'),
    departmentType: text('department_type'),
    households: integer('households').notNull().default(0),
    permanentPopulation: integer('permanent_population').notNull().default(0),
    floatingPopulation: integer('floating_population').notNull().default(0),
    boundary: jsonb('boundary'),
    validFrom: tz('valid_from').notNull().defaultNow(),
    validTo: tz('valid_to'),
    retiredReason: text('retired_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // text_pattern_ops: PostgreSQL's C.UTF-8 collation will not use a plain btree for LIKE 'prefix%'.
    index('org_nodes_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('org_nodes_parent_idx').on(t.parentId),
    // A code names one live node; a retired node keeps its code for history.
    uniqueIndex('org_nodes_code_live_idx').on(t.code).where(sql`${t.validTo} IS NULL`),
  ],
);
