ALTER TABLE "sms_messages" ADD COLUMN "part_states" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "concat_ref" smallint;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "attempts" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "next_attempt_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "client_message_id" text;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "author_id" uuid;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_messages_outbox_idx" ON "sms_messages" USING btree ("next_attempt_at") WHERE "sms_messages"."delivery_status" = 'pending';--> statement-breakpoint
CREATE INDEX "sms_messages_gateway_ids_idx" ON "sms_messages" USING gin ("gateway_message_ids") WITH (fastupdate=off);--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_client_id_key" UNIQUE("interaction_id","client_message_id");--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_delivery_check" CHECK ("delivery_status" IN ('pending', 'submitted', 'delivered', 'undelivered', 'failed'));