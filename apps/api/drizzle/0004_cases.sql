CREATE TABLE "case_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"parent_id" integer,
	"type" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"default_handler_node_id" integer,
	"handler_department_type" text,
	"default_level" text DEFAULT 'community' NOT NULL,
	"routing" text NOT NULL,
	"limits_normal" jsonb NOT NULL,
	"limits_urgent" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" integer,
	"actor_role" text,
	"actor_name" text,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"public" boolean DEFAULT false NOT NULL,
	"on_time" boolean,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "case_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" bigint,
	"event_id" bigint,
	"phase" text NOT NULL,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_stat_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_node_id" integer NOT NULL,
	"dimension" text NOT NULL,
	"day" date NOT NULL,
	"counter" text NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_stats" (
	"org_node_id" integer NOT NULL,
	"dimension" text NOT NULL,
	"day" date NOT NULL,
	"counters" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"category_id" integer,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"channel" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"org_node_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"outside_grids" boolean DEFAULT false NOT NULL,
	"handling_level" text DEFAULT 'community' NOT NULL,
	"assignee_node_id" integer,
	"lat" double precision,
	"lng" double precision,
	"address" text,
	"reporter_account_id" integer,
	"reporter_name" text,
	"parent_id" bigint,
	"external_system" text,
	"external_id" text,
	"reason_code" text,
	"involved" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"details" jsonb,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"wrong_dispatch_count" integer DEFAULT 0 NOT NULL,
	"postpone_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"on_hold" boolean DEFAULT false NOT NULL,
	"pending_request" text,
	"pending_due_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"stage_due_at" timestamp with time zone,
	"stage_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"warned_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"filed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_on_time" boolean,
	"due_counted" boolean DEFAULT false NOT NULL,
	"rating" integer,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_categories" ADD CONSTRAINT "case_categories_default_handler_node_id_org_nodes_id_fk" FOREIGN KEY ("default_handler_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_photos" ADD CONSTRAINT "case_photos_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_photos" ADD CONSTRAINT "case_photos_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_id_case_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."case_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_org_node_id_org_nodes_id_fk" FOREIGN KEY ("org_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_node_id_org_nodes_id_fk" FOREIGN KEY ("assignee_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_reporter_account_id_accounts_id_fk" FOREIGN KEY ("reporter_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_categories_code_idx" ON "case_categories" USING btree ("code");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_events_actor_idx" ON "case_events" USING btree ("actor_account_id","at");--> statement-breakpoint
CREATE INDEX "case_photos_case_idx" ON "case_photos" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_stats_key_idx" ON "case_stats" USING btree ("org_node_id","dimension","day");--> statement-breakpoint
CREATE INDEX "cases_node_state_idx" ON "cases" USING btree ("org_node_id","state");--> statement-breakpoint
CREATE INDEX "cases_assignee_state_idx" ON "cases" USING btree ("assignee_node_id","state");--> statement-breakpoint
CREATE INDEX "cases_reporter_idx" ON "cases" USING btree ("reporter_account_id","reported_at");--> statement-breakpoint
CREATE INDEX "cases_stage_due_idx" ON "cases" USING btree ("stage_due_at") WHERE "cases"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "cases_reported_at_idx" ON "cases" USING btree ("reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_idempotency_idx" ON "cases" USING btree ("reporter_account_id","idempotency_key");