CREATE TABLE "audit_chain_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
-- The head starts at the last entry already written (or the genesis hash of an empty log), so the chain
-- runs on unbroken from where the advisory-lock appends left it. One row only.
ALTER TABLE "audit_chain_head" ADD CONSTRAINT "audit_chain_head_one_row" CHECK ("id" = 1);
--> statement-breakpoint
INSERT INTO "audit_chain_head" ("id", "prev_hash", "hash")
SELECT 1,
  coalesce((SELECT "prev_hash" FROM "audit_log" ORDER BY "id" DESC LIMIT 1), repeat('0', 64)),
  coalesce((SELECT "hash" FROM "audit_log" ORDER BY "id" DESC LIMIT 1), repeat('0', 64));
