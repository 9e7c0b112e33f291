CREATE TABLE "work_order_counters" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"work_order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"from_state" text,
	"to_state" text,
	"note" text,
	"data" jsonb,
	CONSTRAINT "work_order_history_kind_check" CHECK ("work_order_history"."kind" IN ('created', 'transition', 'assigned', 'note', 'linked', 'feedback', 'warning', 'escalated'))
);
--> statement-breakpoint
CREATE TABLE "work_order_interactions" (
	"work_order_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"linked_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "work_order_interactions_work_order_id_interaction_id_pk" PRIMARY KEY("work_order_id","interaction_id")
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"state" text NOT NULL,
	"priority" text NOT NULL,
	"fields" jsonb NOT NULL,
	"customer_id" uuid,
	"group_id" text,
	"assignee_id" uuid,
	"accept_due_at" timestamp (3) with time zone NOT NULL,
	"resolve_due_at" timestamp (3) with time zone NOT NULL,
	"warned_at" timestamp (3) with time zone,
	"escalated_at" timestamp (3) with time zone,
	"created_by" uuid,
	"origin_kind" text NOT NULL,
	"origin_run_id" text,
	"origin_node_id" text,
	"idempotency_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "work_orders_number_unique" UNIQUE("number"),
	CONSTRAINT "work_orders_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "work_orders_type_check" CHECK ("work_orders"."type" IN ('newInstall', 'productChange', 'scheduledCancel', 'cancel', 'terminalRepair', 'faultReport', 'complaint')),
	CONSTRAINT "work_orders_state_check" CHECK ("work_orders"."state" IN ('requested', 'accepted', 'processing', 'feedback', 'closed', 'rejected', 'cancelled')),
	CONSTRAINT "work_orders_priority_check" CHECK ("work_orders"."priority" IN ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "work_orders_origin_check" CHECK (("work_orders"."origin_kind" = 'manual' AND "work_orders"."origin_run_id" IS NULL) OR ("work_orders"."origin_kind" = 'flow' AND "work_orders"."origin_run_id" IS NOT NULL AND "work_orders"."origin_node_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "sms_messages" DROP CONSTRAINT "sms_messages_automatic_check";--> statement-breakpoint
ALTER TABLE "work_order_history" ADD CONSTRAINT "work_order_history_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_history" ADD CONSTRAINT "work_order_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_interactions" ADD CONSTRAINT "work_order_interactions_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_interactions" ADD CONSTRAINT "work_order_interactions_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_group_id_teams_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_order_history_order_idx" ON "work_order_history" USING btree ("work_order_id","id");--> statement-breakpoint
CREATE INDEX "work_order_interactions_interaction_idx" ON "work_order_interactions" USING btree ("interaction_id");--> statement-breakpoint
CREATE INDEX "work_orders_state_due_idx" ON "work_orders" USING btree ("state","resolve_due_at");--> statement-breakpoint
CREATE INDEX "work_orders_group_idx" ON "work_orders" USING btree ("group_id","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_assignee_idx" ON "work_orders" USING btree ("assignee_id","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_customer_idx" ON "work_orders" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_created_idx" ON "work_orders" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_automatic_check" CHECK ("automatic" IN ('survey', 'surveyClarification', 'optOutConfirmation', 'optInConfirmation', 'workOrderFeedback'));