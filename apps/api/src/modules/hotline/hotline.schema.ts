import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../db/columns';
import { accounts } from '../accounts/accounts.schema';

/**
 * Service providers of the hotline: community agencies, social enterprises and merchants, vetted by
 * the operators. Matching is by straight-line distance without PostGIS: the partial btree on (lat, lng)
 * of approved providers narrows a search to a bounding box, the exact haversine does the rest.
 */
export const serviceProviders = pgTable(
  'service_providers',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    /** Service category codes (SERVICE_CATEGORIES), one or more. */
    categories: text('categories').array().notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    address: text('address').notNull(),
    serviceRadiusM: integer('service_radius_m').notNull().default(1200),
    hours: text('hours').notNull(),
    prices: text('prices').notNull().default(''),
    /** Contact phone, encrypted at rest (ctx.pii); views show it masked. */
    phoneEnc: text('phone_enc').notNull(),
    accountId: integer('account_id').references(() => accounts.id),
    status: text('status').notNull().default('applied'),
    statusReason: text('status_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('service_providers_approved_lat_idx').on(t.lat, t.lng).where(sql`${t.status} = 'approved'`),
    index('service_providers_account_idx').on(t.accountId),
  ],
);
