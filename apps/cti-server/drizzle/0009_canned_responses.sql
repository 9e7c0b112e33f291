CREATE TABLE "canned_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"channels" text[] NOT NULL,
	"language" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "canned_responses_channels_check" CHECK (cardinality("canned_responses"."channels") > 0 AND "canned_responses"."channels" <@ ARRAY['email', 'sms', 'chat']::text[]),
	CONSTRAINT "canned_responses_language_check" CHECK ("canned_responses"."language" IN ('zh-CN', 'en')),
	CONSTRAINT "canned_responses_body_check" CHECK (char_length("canned_responses"."body") BETWEEN 1 AND 10000)
);
--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;