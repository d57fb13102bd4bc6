// Every module's tables, for Drizzle's typed queries and drizzle-kit's migration generator.
export * from '../modules/accounts/accounts.schema';
export * from '../modules/audit/audit.schema';
export * from '../modules/bills/bills.schema';
export * from '../modules/calendar/calendar.schema';
export * from '../modules/cases/cases.schema';
export * from '../modules/hotline/hotline.schema';
export * from '../modules/jobs/jobs.schema';
export * from '../modules/notices/notices.schema';
export * from '../modules/org/org.schema';
export * from '../modules/registry/import/import.schema';
export * from '../modules/registry/registry.schema';
export * from '../modules/services/services.schema';
