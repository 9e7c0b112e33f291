CREATE TABLE "agent_status_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agent_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason_code" text,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "agent_status_log_status_check" CHECK ("agent_status_log"."status" IN ('offline', 'ready', 'notReady', 'busy', 'wrapUp'))
);
--> statement-breakpoint
CREATE TABLE "dispositions" (
	"code" text PRIMARY KEY NOT NULL,
	"label_en" text NOT NULL,
	"label_zh" text NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "dispositions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1)
);
--> statement-breakpoint
CREATE TABLE "interaction_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"interaction_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"state" text NOT NULL,
	"queue_id" text NOT NULL,
	"customer_name" text NOT NULL,
	"customer_phone" text,
	"customer_email" text,
	"customer_token_hash" text,
	"agent_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"assigned_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"disposition_code" text,
	"wrap_up_note" text,
	CONSTRAINT "interactions_customer_token_hash_unique" UNIQUE("customer_token_hash"),
	CONSTRAINT "interactions_channel_check" CHECK ("interactions"."channel" IN ('voice', 'email', 'chat', 'sms')),
	CONSTRAINT "interactions_state_check" CHECK ("interactions"."state" IN ('queued', 'offered', 'assigned', 'wrapUp', 'closed', 'abandoned'))
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "messages_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"interaction_id" uuid NOT NULL,
	"client_message_id" text NOT NULL,
	"sender" text NOT NULL,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"sent_at" timestamp (3) with time zone NOT NULL,
	"delivery" text DEFAULT 'sent' NOT NULL,
	CONSTRAINT "messages_client_id_key" UNIQUE("interaction_id","sender","client_message_id"),
	CONSTRAINT "messages_sender_check" CHECK ("messages"."sender" IN ('customer', 'agent', 'system')),
	CONSTRAINT "messages_delivery_check" CHECK ("messages"."delivery" IN ('sent', 'delivered', 'read'))
);
--> statement-breakpoint
CREATE TABLE "not_ready_reasons" (
	"code" text PRIMARY KEY NOT NULL,
	"label_en" text NOT NULL,
	"label_zh" text NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "not_ready_reasons_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1)
);
--> statement-breakpoint
CREATE TABLE "queues" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	CONSTRAINT "queues_channel_check" CHECK ("queues"."channel" IN ('voice', 'email', 'chat', 'sms'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" IN ('agent', 'teamLead', 'supervisor', 'admin'))
);
--> statement-breakpoint
ALTER TABLE "agent_status_log" ADD CONSTRAINT "agent_status_log_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_events" ADD CONSTRAINT "interaction_events_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_status_log_agent_idx" ON "agent_status_log" USING btree ("agent_id","at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "interaction_events_interaction_idx" ON "interaction_events" USING btree ("interaction_id","at","id");--> statement-breakpoint
CREATE INDEX "interactions_open_idx" ON "interactions" USING btree ("created_at") WHERE "interactions"."state" NOT IN ('closed', 'abandoned');--> statement-breakpoint
CREATE INDEX "messages_interaction_sent_idx" ON "messages" USING btree ("interaction_id","sent_at","seq");