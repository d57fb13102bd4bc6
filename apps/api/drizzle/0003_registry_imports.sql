CREATE TABLE "registry_import_issues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"column_name" text,
	"field" text,
	"code" text NOT NULL,
	"value" text,
	"params" jsonb
);
--> statement-breakpoint
CREATE TABLE "registry_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_node_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"token_scopes" text[],
	"file_name" text NOT NULL,
	"path" text NOT NULL,
	"file_key_enc" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text,
	"size_bytes" bigint NOT NULL,
	"status" text NOT NULL,
	"headers" jsonb NOT NULL,
	"header_row" integer DEFAULT 1 NOT NULL,
	"mapping" jsonb NOT NULL,
	"preview_enc" text,
	"row_estimate" integer,
	"processed" integer DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error_summary" jsonb,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry_import_issues" ADD CONSTRAINT "registry_import_issues_import_id_registry_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."registry_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_imports" ADD CONSTRAINT "registry_imports_org_node_id_org_nodes_id_fk" FOREIGN KEY ("org_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_imports" ADD CONSTRAINT "registry_imports_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_import_issues_import_idx" ON "registry_import_issues" USING btree ("import_id","row_no");--> statement-breakpoint
CREATE INDEX "registry_imports_account_idx" ON "registry_imports" USING btree ("account_id","created_at");