import { date, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { updatedAt } from '../../db/columns';

/** Exceptions to the Monday–Friday week: weekdays off ('holiday') and weekend days worked ('workday'). */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  updatedAt: updatedAt(),
  updatedBy: integer('updated_by'),
});
