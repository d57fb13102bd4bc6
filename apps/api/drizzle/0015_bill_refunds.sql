ALTER TABLE "bill_payments" ADD COLUMN "refunded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD COLUMN "refunded_by" integer;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD COLUMN "refund_reference" text;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD CONSTRAINT "bill_payments_refunded_by_accounts_id_fk" FOREIGN KEY ("refunded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD CONSTRAINT "bill_payments_refund_of_duplicate" CHECK ("bill_payments"."refunded_at" is null or ("bill_payments"."duplicate" and "bill_payments"."status" = 'succeeded' and "bill_payments"."refund_reference" is not null));