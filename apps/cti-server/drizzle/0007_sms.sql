CREATE TABLE "sms_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interaction_id" uuid,
	"direction" text NOT NULL,
	"number" text NOT NULL,
	"service_number" text NOT NULL,
	"gateway" text NOT NULL,
	"text" text NOT NULL,
	"parts" smallint DEFAULT 1 NOT NULL,
	"missing_parts" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"gateway_message_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"gateway_message_id" text,
	"content_hash" text,
	"delivery_status" text,
	"delivery_status_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "sms_messages_gateway_id_key" UNIQUE("gateway","gateway_message_id"),
	CONSTRAINT "sms_messages_direction_check" CHECK ("sms_messages"."direction" IN ('in', 'out')),
	CONSTRAINT "sms_messages_parts_check" CHECK ("sms_messages"."parts" >= 1)
);
--> statement-breakpoint
CREATE TABLE "sms_opt_outs" (
	"number" text PRIMARY KEY NOT NULL,
	"word" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_messages_number_idx" ON "sms_messages" USING btree ("number","created_at");--> statement-breakpoint
CREATE INDEX "sms_messages_interaction_idx" ON "sms_messages" USING btree ("interaction_id");