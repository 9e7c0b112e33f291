CREATE TABLE "agent_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"team_id" text,
	"capacity_voice" smallint DEFAULT 1 NOT NULL,
	"capacity_chat" smallint DEFAULT 3 NOT NULL,
	"capacity_email" smallint DEFAULT 5 NOT NULL,
	"capacity_sms" smallint DEFAULT 5 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_skills" (
	"user_id" uuid NOT NULL,
	"skill_code" text NOT NULL,
	"level" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "agent_skills_user_id_skill_code_pk" PRIMARY KEY("user_id","skill_code")
);
--> statement-breakpoint
CREATE TABLE "queue_skills" (
	"queue_id" text NOT NULL,
	"skill_code" text NOT NULL,
	"min_level" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "queue_skills_queue_id_skill_code_pk" PRIMARY KEY("queue_id","skill_code")
);
--> statement-breakpoint
CREATE TABLE "routing_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"settings" jsonb NOT NULL,
	CONSTRAINT "routing_settings_single_row_check" CHECK ("routing_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"code" text PRIMARY KEY NOT NULL,
	"label_en" text NOT NULL,
	"label_zh" text NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "skills_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1)
);
--> statement-breakpoint
CREATE TABLE "team_queues" (
	"team_id" text NOT NULL,
	"queue_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "team_queues_team_id_queue_id_pk" PRIMARY KEY("team_id","queue_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "priority" integer DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "service_level_percent" double precision DEFAULT 80 NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "service_level_seconds" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "offer_timeout_seconds" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "max_wait_seconds" integer DEFAULT 600 NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "overflow_queue_id" text;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "selection" text DEFAULT 'longestIdle' NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "sticky_seconds" integer DEFAULT 3600 NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "wrap_up_seconds" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_profiles" ADD CONSTRAINT "agent_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_profiles" ADD CONSTRAINT "agent_profiles_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_skills" ADD CONSTRAINT "agent_skills_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_skills" ADD CONSTRAINT "agent_skills_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_skills" ADD CONSTRAINT "queue_skills_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_skills" ADD CONSTRAINT "queue_skills_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_queues" ADD CONSTRAINT "team_queues_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_queues" ADD CONSTRAINT "team_queues_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_skills_skill_idx" ON "agent_skills" USING btree ("skill_code");--> statement-breakpoint
CREATE INDEX "queue_skills_skill_idx" ON "queue_skills" USING btree ("skill_code");--> statement-breakpoint
CREATE INDEX "team_queues_queue_idx" ON "team_queues" USING btree ("queue_id");--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_overflow_queue_id_queues_id_fk" FOREIGN KEY ("overflow_queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_selection_check" CHECK ("queues"."selection" IN ('longestIdle', 'leastOccupied'));--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_overflow_not_self_check" CHECK ("queues"."overflow_queue_id" <> "queues"."id");