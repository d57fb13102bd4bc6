ALTER TABLE "bills" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bills" ADD COLUMN "cancelled_by" integer;--> statement-breakpoint
ALTER TABLE "bills" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_cancelled_by_accounts_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_cancelled_consistent" CHECK (("bills"."status" = 'cancelled') = ("bills"."cancelled_at" is not null and "bills"."cancel_reason" is not null));