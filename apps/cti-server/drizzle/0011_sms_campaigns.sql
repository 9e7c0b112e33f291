CREATE TABLE "sms_campaign_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"name" text,
	"variables" jsonb,
	"state" text NOT NULL,
	"reason" text,
	"gateway" text,
	"message_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"part_states" text[] DEFAULT '{}'::text[] NOT NULL,
	"parts" smallint,
	"last_error" text,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "sms_campaign_recipients_seq_key" UNIQUE("campaign_id","seq"),
	CONSTRAINT "sms_campaign_recipients_state_check" CHECK ("state" IN ('pending', 'sending', 'submitted', 'delivered', 'undelivered', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "sms_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"canned_response_id" text,
	"language" text NOT NULL,
	"rate_per_second" integer NOT NULL,
	"state" text NOT NULL,
	"segment" jsonb,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"total" integer NOT NULL,
	CONSTRAINT "sms_campaigns_state_check" CHECK ("state" IN ('draft', 'running', 'paused', 'done', 'cancelled')),
	CONSTRAINT "sms_campaigns_rate_check" CHECK ("sms_campaigns"."rate_per_second" BETWEEN 1 AND 10000)
);
--> statement-breakpoint
ALTER TABLE "sms_campaign_recipients" ADD CONSTRAINT "sms_campaign_recipients_campaign_id_sms_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."sms_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_campaigns" ADD CONSTRAINT "sms_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_campaign_recipients_state_idx" ON "sms_campaign_recipients" USING btree ("campaign_id","state","seq");--> statement-breakpoint
CREATE INDEX "sms_campaign_recipients_ids_idx" ON "sms_campaign_recipients" USING gin ("message_ids") WITH (fastupdate=off);--> statement-breakpoint
CREATE INDEX "sms_campaigns_running_idx" ON "sms_campaigns" USING btree ("created_at") WHERE "sms_campaigns"."state" = 'running';