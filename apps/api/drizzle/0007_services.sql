CREATE TABLE "service_application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" integer,
	"actor_name" text,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "service_applications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"matter_id" integer NOT NULL,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"channel" text NOT NULL,
	"resident_id" integer NOT NULL,
	"applicant_account_id" integer,
	"applicant_name" text NOT NULL,
	"id_number_masked" text,
	"address" text,
	"window_node_id" integer NOT NULL,
	"department_node_id" integer,
	"recorded_by" integer,
	"form" jsonb NOT NULL,
	"materials" jsonb NOT NULL,
	"supplements" jsonb,
	"agent" jsonb,
	"handover" jsonb,
	"receipt_number" text,
	"due_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"paused_days" integer DEFAULT 0 NOT NULL,
	"suspended" boolean DEFAULT false NOT NULL,
	"reason" text,
	"result" text,
	"rating" text,
	"rating_comment" text,
	"follow_up_case_id" bigint,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_matters" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"legal_basis" text NOT NULL,
	"department_type" text NOT NULL,
	"levels" jsonb NOT NULL,
	"materials" jsonb NOT NULL,
	"mode" text NOT NULL,
	"limit_days" integer NOT NULL,
	"fee" numeric(10, 2) DEFAULT 0 NOT NULL,
	"online" boolean NOT NULL,
	"fields" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_application_events" ADD CONSTRAINT "service_application_events_application_id_service_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."service_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_application_events" ADD CONSTRAINT "service_application_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_matter_id_service_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."service_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_applicant_account_id_accounts_id_fk" FOREIGN KEY ("applicant_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_window_node_id_org_nodes_id_fk" FOREIGN KEY ("window_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_department_node_id_org_nodes_id_fk" FOREIGN KEY ("department_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_files" ADD CONSTRAINT "service_files_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_application_events_app_idx" ON "service_application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "service_applications_window_idx" ON "service_applications" USING btree ("window_node_id","state");--> statement-breakpoint
CREATE INDEX "service_applications_department_idx" ON "service_applications" USING btree ("department_node_id","state");--> statement-breakpoint
CREATE INDEX "service_applications_applicant_idx" ON "service_applications" USING btree ("applicant_account_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_applications_receipt_idx" ON "service_applications" USING btree ("receipt_number");--> statement-breakpoint
CREATE UNIQUE INDEX "service_matters_code_idx" ON "service_matters" USING btree ("code");