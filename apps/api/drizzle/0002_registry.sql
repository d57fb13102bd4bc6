CREATE TABLE "buildings" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_node_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"floors" integer,
	"units" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"requested_by" integer NOT NULL,
	"field" text NOT NULL,
	"proposed_enc" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "floating_registrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"org_node_id" integer NOT NULL,
	"arrived_on" date NOT NULL,
	"origin" text NOT NULL,
	"reason" text NOT NULL,
	"expected_until" date,
	"departed_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_node_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"household_no" text,
	"type" text NOT NULL,
	"house_id" integer,
	"address" text,
	"head_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "houses" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"org_node_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"unit_no" text,
	"floor" integer,
	"room_no" text NOT NULL,
	"address" text NOT NULL,
	"area" integer,
	"use" text NOT NULL,
	"tenure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" integer,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_tags" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_id" integer NOT NULL,
	"category" text NOT NULL,
	"tag_enc" text NOT NULL,
	"tag_index" text NOT NULL,
	"detail_enc" text,
	"source" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"set_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "resident_units" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_node_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"kind" text NOT NULL,
	"contact_name" text,
	"contact_phone_enc" text,
	"contact_phone_masked" text,
	"staff_count" integer,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_node_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"household_id" integer,
	"relation" text,
	"house_id" integer,
	"name" text NOT NULL,
	"former_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_terms" "tsvector" NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_doc_type" text DEFAULT 'resident_id' NOT NULL,
	"id_number_enc" text,
	"id_number_index" text,
	"id_number_masked" text,
	"phone_enc" text,
	"phone_index" text,
	"phone_masked" text,
	"ethnicity" text,
	"education" text,
	"political_status" text,
	"marital_status" text,
	"employment_status" text,
	"hukou_address" text,
	"actual_address" text,
	"moved_in_on" date,
	"residence_type" text DEFAULT 'registered' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_on" date,
	"account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_org_node_id_org_nodes_id_fk" FOREIGN KEY ("org_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_corrections" ADD CONSTRAINT "registry_corrections_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_corrections" ADD CONSTRAINT "registry_corrections_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "floating_registrations" ADD CONSTRAINT "floating_registrations_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "floating_registrations" ADD CONSTRAINT "floating_registrations_org_node_id_org_nodes_id_fk" FOREIGN KEY ("org_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_org_node_id_org_nodes_id_fk" FOREIGN KEY ("org_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_house_id_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "houses" ADD CONSTRAINT "houses_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "houses" ADD CONSTRAINT "houses_org_node_id_org_nodes_id_fk" FOREIGN KEY ("org_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_events" ADD CONSTRAINT "resident_events_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_tags" ADD CONSTRAINT "resident_tags_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_units" ADD CONSTRAINT "resident_units_org_node_id_org_nodes_id_fk" FOREIGN KEY ("org_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_org_node_id_org_nodes_id_fk" FOREIGN KEY ("org_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_house_id_houses_id_fk" FOREIGN KEY ("house_id") REFERENCES "public"."houses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "buildings_node_idx" ON "buildings" USING btree ("org_node_id");--> statement-breakpoint
CREATE INDEX "registry_corrections_resident_idx" ON "registry_corrections" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "floating_node_idx" ON "floating_registrations" USING btree ("org_node_id","expected_until");--> statement-breakpoint
CREATE INDEX "households_node_idx" ON "households" USING btree ("org_node_id");--> statement-breakpoint
CREATE INDEX "houses_building_idx" ON "houses" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "houses_node_idx" ON "houses" USING btree ("org_node_id");--> statement-breakpoint
CREATE INDEX "resident_events_resident_idx" ON "resident_events" USING btree ("resident_id","at");--> statement-breakpoint
CREATE INDEX "resident_tags_resident_idx" ON "resident_tags" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "resident_tags_index_idx" ON "resident_tags" USING btree ("tag_index");--> statement-breakpoint
CREATE INDEX "resident_units_node_idx" ON "resident_units" USING btree ("org_node_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_units_credit_idx" ON "resident_units" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "residents_node_idx" ON "residents" USING btree ("org_node_id","status");--> statement-breakpoint
CREATE INDEX "residents_household_idx" ON "residents" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "residents_house_idx" ON "residents" USING btree ("house_id");--> statement-breakpoint
CREATE INDEX "residents_birth_idx" ON "residents" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "residents_name_idx" ON "residents" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_search_idx" ON "residents" USING gin ("search_terms");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_id_number_idx" ON "residents" USING btree ("id_number_index");--> statement-breakpoint
CREATE INDEX "residents_phone_idx" ON "residents" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "residents_account_idx" ON "residents" USING btree ("account_id");