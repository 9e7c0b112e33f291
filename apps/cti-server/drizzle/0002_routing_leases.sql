CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"node_id" text NOT NULL,
	"node_url" text NOT NULL,
	"token" bigint DEFAULT 0 NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"interaction_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"queue_id" text NOT NULL,
	"offered_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"end_reason" text,
	"explain" jsonb NOT NULL,
	CONSTRAINT "offers_end_reason_check" CHECK ("offers"."end_reason" IN ('accepted', 'rejected', 'timeout', 'withdrawn', 'abandoned', 'recovery'))
);
--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offers_interaction_idx" ON "offers" USING btree ("interaction_id");--> statement-breakpoint
CREATE INDEX "offers_open_agent_idx" ON "offers" USING btree ("agent_id") WHERE "offers"."ended_at" IS NULL;