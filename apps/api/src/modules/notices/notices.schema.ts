import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, tz } from '../../db/columns';
import { accounts } from '../accounts/accounts.schema';

/**
 * In-app notices: one row per recipient. The text is a message key with parameters, rendered in the
 * reader's language; `link` is the screen that deals with it. SMS and other channels can read the same
 * rows later.
 */
export const notices = pgTable(
  'notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    /** 'urgent' notices are shown at once and stay on top until read. */
    priority: text('priority').notNull().default('normal'),
    params: jsonb('params').notNull().default(sql`'{}'::jsonb`),
    link: text('link'),
    readAt: tz('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notices_account_idx').on(t.accountId, t.id),
    index('notices_unread_idx').on(t.accountId).where(sql`${t.readAt} is null`),
  ],
);
