CREATE TABLE "service_providers" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"categories" text[] NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"address" text NOT NULL,
	"service_radius_m" integer DEFAULT 1200 NOT NULL,
	"hours" text NOT NULL,
	"prices" text DEFAULT '' NOT NULL,
	"phone_enc" text NOT NULL,
	"account_id" integer,
	"status" text DEFAULT 'applied' NOT NULL,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_providers" ADD CONSTRAINT "service_providers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_providers_approved_lat_idx" ON "service_providers" USING btree ("lat","lng") WHERE "service_providers"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "service_providers_account_idx" ON "service_providers" USING btree ("account_id");