CREATE TABLE "add_ins" (
	"id" text PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"manifest" jsonb NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"granted" text[] DEFAULT '{}'::text[] NOT NULL,
	"base_url" text,
	"secret_sealed" text,
	"installed_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "add_ins_id_check" CHECK ("add_ins"."id" ~ '^[a-z][a-z0-9-]{1,39}$')
);
--> statement-breakpoint
CREATE TABLE "add_in_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"add_in_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp (3) with time zone NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
ALTER TABLE "add_ins" ADD CONSTRAINT "add_ins_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "add_in_audit" ADD CONSTRAINT "add_in_audit_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "add_in_audit_add_in_idx" ON "add_in_audit" USING btree ("add_in_id","id");
