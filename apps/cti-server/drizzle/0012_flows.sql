CREATE TABLE "flow_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"flow_key" text,
	"action" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp (3) with time zone NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "flow_bindings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"flow_key" text NOT NULL,
	"queue_id" text,
	"channel" text,
	"interaction_type" text,
	"priority" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "flow_bindings_criteria_key" UNIQUE NULLS NOT DISTINCT("queue_id","channel","interaction_type"),
	CONSTRAINT "flow_bindings_some_criterion_check" CHECK (num_nonnulls("flow_bindings"."queue_id", "flow_bindings"."channel", "flow_bindings"."interaction_type") >= 1),
	CONSTRAINT "flow_bindings_channel_check" CHECK ("flow_bindings"."channel" IN ('voice', 'email', 'chat', 'sms')),
	CONSTRAINT "flow_bindings_type_check" CHECK ("flow_bindings"."interaction_type" IN ('inbound', 'transferred')),
	CONSTRAINT "flow_bindings_priority_check" CHECK ("flow_bindings"."priority" BETWEEN -1000 AND 1000)
);
--> statement-breakpoint
CREATE TABLE "flow_run_steps" (
	"run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"node_id" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"input" jsonb,
	"port" text,
	CONSTRAINT "flow_run_steps_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "flow_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"interaction_id" uuid NOT NULL,
	"flow_key" text NOT NULL,
	"version" integer NOT NULL,
	"agent_id" uuid,
	"state" jsonb NOT NULL,
	"status" text NOT NULL,
	"waiting_kind" text,
	"deadline" timestamp (3) with time zone,
	"step_count" integer NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"disposition" text,
	"outcome" jsonb,
	CONSTRAINT "flow_runs_interaction_flow_key" UNIQUE("interaction_id","flow_key"),
	CONSTRAINT "flow_runs_status_check" CHECK ("flow_runs"."status" IN ('waiting', 'finished'))
);
--> statement-breakpoint
CREATE TABLE "flow_versions" (
	"flow_key" text NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"hash" text NOT NULL,
	"comment" text NOT NULL,
	"published_by" uuid,
	"published_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "flow_versions_flow_key_version_pk" PRIMARY KEY("flow_key","version"),
	CONSTRAINT "flow_versions_version_check" CHECK ("flow_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "flows" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"draft" jsonb NOT NULL,
	"draft_revision" integer DEFAULT 1 NOT NULL,
	"live_version" integer,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "flows_key_check" CHECK ("flows"."key" ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
	CONSTRAINT "flows_revision_check" CHECK ("flows"."draft_revision" >= 1)
);
--> statement-breakpoint
ALTER TABLE "flow_audit" ADD CONSTRAINT "flow_audit_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_bindings" ADD CONSTRAINT "flow_bindings_flow_key_flows_key_fk" FOREIGN KEY ("flow_key") REFERENCES "public"."flows"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_bindings" ADD CONSTRAINT "flow_bindings_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_bindings" ADD CONSTRAINT "flow_bindings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_run_steps" ADD CONSTRAINT "flow_run_steps_run_id_flow_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."flow_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_runs" ADD CONSTRAINT "flow_runs_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_runs" ADD CONSTRAINT "flow_runs_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_runs" ADD CONSTRAINT "flow_runs_version_fk" FOREIGN KEY ("flow_key","version") REFERENCES "public"."flow_versions"("flow_key","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_versions" ADD CONSTRAINT "flow_versions_flow_key_flows_key_fk" FOREIGN KEY ("flow_key") REFERENCES "public"."flows"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_versions" ADD CONSTRAINT "flow_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_live_version_fk" FOREIGN KEY ("key","live_version") REFERENCES "public"."flow_versions"("flow_key","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flow_audit_flow_idx" ON "flow_audit" USING btree ("flow_key","id");--> statement-breakpoint
CREATE INDEX "flow_bindings_flow_idx" ON "flow_bindings" USING btree ("flow_key");--> statement-breakpoint
CREATE INDEX "flow_run_steps_node_idx" ON "flow_run_steps" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "flow_runs_interaction_idx" ON "flow_runs" USING btree ("interaction_id","started_at");--> statement-breakpoint
CREATE INDEX "flow_runs_waiting_idx" ON "flow_runs" USING btree ("waiting_kind","deadline") WHERE "flow_runs"."status" = 'waiting';--> statement-breakpoint
-- Written by hand (drizzle-kit does not model triggers): a published version is immutable; a rollback moves flows.live_version instead.
CREATE FUNCTION "flow_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'flow_versions rows are immutable (% of flow %, version %)', TG_OP, OLD.flow_key, OLD.version USING ERRCODE = 'restrict_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER "flow_versions_immutable" BEFORE UPDATE OR DELETE ON "flow_versions" FOR EACH ROW EXECUTE FUNCTION "flow_versions_immutable"();
