import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, tz } from '../../db/columns';

/** A Postgres-backed queue: claimed with FOR UPDATE SKIP LOCKED, so it works on PGlite and on N API processes. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('queued'),
    runAt: tz('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    lastError: text('last_error'),
    lockedAt: tz('locked_at'),
    createdAt: createdAt(),
    finishedAt: tz('finished_at'),
  },
  (t) => [index('jobs_queue_idx').on(t.status, t.runAt)],
);
