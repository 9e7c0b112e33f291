CREATE TABLE "sms_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interaction_id" uuid NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"score" smallint,
	"question_id" uuid,
	"clarification_id" uuid,
	"answer_id" uuid,
	"sent_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"clarified_at" timestamp (3) with time zone,
	"answered_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	CONSTRAINT "sms_surveys_interaction_id_unique" UNIQUE("interaction_id"),
	CONSTRAINT "sms_surveys_status_check" CHECK ("status" IN ('sent', 'clarified', 'answered', 'declined', 'expired', 'cancelled')),
	CONSTRAINT "sms_surveys_score_check" CHECK (("sms_surveys"."score" IS NULL) = ("sms_surveys"."status" <> 'answered') AND ("sms_surveys"."score" IS NULL OR "sms_surveys"."score" BETWEEN 1 AND 5))
);
--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "automatic" text;--> statement-breakpoint
ALTER TABLE "sms_opt_outs" ADD COLUMN "confirmed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sms_surveys" ADD CONSTRAINT "sms_surveys_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_surveys" ADD CONSTRAINT "sms_surveys_question_id_sms_messages_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."sms_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_surveys" ADD CONSTRAINT "sms_surveys_clarification_id_sms_messages_id_fk" FOREIGN KEY ("clarification_id") REFERENCES "public"."sms_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_surveys" ADD CONSTRAINT "sms_surveys_answer_id_sms_messages_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."sms_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_surveys_number_idx" ON "sms_surveys" USING btree ("number","sent_at");--> statement-breakpoint
CREATE INDEX "sms_surveys_open_idx" ON "sms_surveys" USING btree ("expires_at") WHERE "sms_surveys"."status" IN ('sent', 'clarified');--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_automatic_check" CHECK ("automatic" IN ('survey', 'surveyClarification', 'optOutConfirmation', 'optInConfirmation'));