ALTER TABLE "interactions" ADD COLUMN "channel_ref" text;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_channel_ref_unique" UNIQUE("channel_ref");