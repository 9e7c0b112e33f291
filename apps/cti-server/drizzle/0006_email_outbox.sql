ALTER TABLE "email_messages" ADD COLUMN "delivery" text;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "attempts" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "next_attempt_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "raw" "bytea";--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "client_message_id" text;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "author_id" uuid;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_messages_outbox_idx" ON "email_messages" USING btree ("next_attempt_at") WHERE "email_messages"."delivery" = 'pending';--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_client_id_key" UNIQUE("interaction_id","client_message_id");--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_delivery_check" CHECK ("email_messages"."delivery" IN ('pending', 'sent', 'failed'));