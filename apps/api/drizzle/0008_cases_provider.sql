ALTER TABLE "cases" ADD COLUMN "provider_account_id" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_provider_account_id_accounts_id_fk" FOREIGN KEY ("provider_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_provider_state_idx" ON "cases" USING btree ("provider_account_id","state");