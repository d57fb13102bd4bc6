import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from '../../db/columns';
import { orgNodes } from '../org/org.schema';

export const accounts = pgTable(
  'accounts',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(), // staff | resident
    username: text('username'),
    /** AES-GCM ciphertext of the normalised mobile number (core/pii). */
    mobileEnc: text('mobile_enc'),
    /** Keyed HMAC of the normalised mobile number: residents log in with it, nobody decrypts to search. */
    mobileIndex: text('mobile_index'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    passwordChangedAt: tz('password_changed_at'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: tz('locked_until'),
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Last accepted TOTP time step: a code is good once. */
    totpLastStep: integer('totp_last_step'),
    status: text('status').notNull().default('active'),
    /** Created by the demo-city loader: its shared demo password need not be changed in demo mode. */
    seeded: boolean('seeded').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_username_idx').on(t.username).where(sql`${t.username} IS NOT NULL`),
    uniqueIndex('accounts_mobile_idx').on(t.mobileIndex).where(sql`${t.mobileIndex} IS NOT NULL`),
  ],
);

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role').notNull(),
    orgNodeId: integer('org_node_id')
      .notNull()
      .references(() => orgNodes.id),
    createdAt: createdAt(),
    revokedAt: tz('revoked_at'),
  },
  (t) => [index('role_assignments_account_idx').on(t.accountId)],
);

export const rolePolicies = pgTable('role_policies', {
  role: text('role').primaryKey(),
  totpRequired: boolean('totp_required').notNull().default(false),
  updatedAt: updatedAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value; the cookie itself is never stored. */
    idHash: text('id_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    revokedAt: tz('revoked_at'),
    clientIp: text('client_ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    expiresAt: tz('expires_at').notNull(),
    lastUsedAt: tz('last_used_at'),
    revokedAt: tz('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash)],
);
