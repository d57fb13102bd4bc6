CREATE TABLE "bill_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"rows" integer NOT NULL,
	"valid" integer NOT NULL,
	"committed" boolean DEFAULT false NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bill_payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"bill_id" integer NOT NULL,
	"channel" text NOT NULL,
	"provider" text NOT NULL,
	"order_id" text NOT NULL,
	"provider_trade_no" text,
	"amount_cents" integer NOT NULL,
	"status" text NOT NULL,
	"duplicate" boolean DEFAULT false NOT NULL,
	"method" text,
	"reference" text,
	"recorded_by" integer,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bills" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"kind" text NOT NULL,
	"biller" text NOT NULL,
	"period" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"due_date" date NOT NULL,
	"external_ref" text NOT NULL,
	"status" text DEFAULT 'unpaid' NOT NULL,
	"paid_at" timestamp with time zone,
	"paid_channel" text,
	"paid_payment_id" integer,
	"receipt_number" text,
	"import_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bills_amount_positive" CHECK ("bills"."amount_cents" > 0),
	CONSTRAINT "bills_paid_consistent" CHECK (("bills"."status" = 'paid') = ("bills"."paid_payment_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "bill_imports" ADD CONSTRAINT "bill_imports_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD CONSTRAINT "bill_payments_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_payments" ADD CONSTRAINT "bill_payments_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_import_id_bill_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."bill_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bill_payments_order_idx" ON "bill_payments" USING btree ("provider","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bill_payments_trade_idx" ON "bill_payments" USING btree ("provider","provider_trade_no");--> statement-breakpoint
CREATE UNIQUE INDEX "bill_payments_one_settlement_idx" ON "bill_payments" USING btree ("bill_id") WHERE "bill_payments"."status" = 'succeeded' and not "bill_payments"."duplicate";--> statement-breakpoint
CREATE INDEX "bill_payments_bill_idx" ON "bill_payments" USING btree ("bill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bills_biller_ref_idx" ON "bills" USING btree ("biller","external_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "bills_receipt_idx" ON "bills" USING btree ("receipt_number");--> statement-breakpoint
CREATE INDEX "bills_household_idx" ON "bills" USING btree ("household_id","status");