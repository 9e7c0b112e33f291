CREATE TABLE "customer_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp (3) with time zone NOT NULL,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "customer_contact_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "customer_contact_points_value_unique" UNIQUE("type","value"),
	CONSTRAINT "customer_contact_points_type_check" CHECK ("customer_contact_points"."type" IN ('phone', 'email', 'chatLogin'))
);
--> statement-breakpoint
CREATE TABLE "customer_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"contract_no" text NOT NULL,
	"title" text NOT NULL,
	"services" jsonb NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"warning_days" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "customer_contracts_contract_no_unique" UNIQUE("contract_no"),
	CONSTRAINT "customer_contracts_term_check" CHECK ("customer_contracts"."end_on" >= "customer_contracts"."start_on"),
	CONSTRAINT "customer_contracts_warning_check" CHECK ("customer_contracts"."warning_days" BETWEEN 0 AND 365)
);
--> statement-breakpoint
CREATE TABLE "customer_rfm" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"recency_days" integer NOT NULL,
	"frequency" integer NOT NULL,
	"monetary_fen" bigint NOT NULL,
	"r_score" smallint NOT NULL,
	"f_score" smallint NOT NULL,
	"m_score" smallint NOT NULL,
	"segment" text NOT NULL,
	"computed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "customer_rfm_scores_check" CHECK ("customer_rfm"."r_score" BETWEEN 1 AND 5 AND "customer_rfm"."f_score" BETWEEN 1 AND 5 AND "customer_rfm"."m_score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "customer_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "customer_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"account_id" text NOT NULL,
	"msisdn" text NOT NULL,
	"plan_code" text NOT NULL,
	"plan_name_zh" text NOT NULL,
	"plan_name_en" text NOT NULL,
	"monthly_fee_fen" integer,
	"status" text NOT NULL,
	"contract_end" date,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "customer_subscriptions_msisdn_unique" UNIQUE("msisdn"),
	CONSTRAINT "customer_subscriptions_status_check" CHECK ("customer_subscriptions"."status" IN ('active', 'suspended', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'individual' NOT NULL,
	"region" text,
	"tier" text DEFAULT 'ordinary' NOT NULL,
	"vip_manager_user_id" uuid,
	"vip_manager_name" text,
	"vip_manager_phone" text,
	"churn_score" smallint,
	"churn_level" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"merged_into" uuid,
	CONSTRAINT "customers_kind_check" CHECK ("customers"."kind" IN ('individual', 'enterprise')),
	CONSTRAINT "customers_tier_check" CHECK ("customers"."tier" IN ('vipPlatinum', 'vipGold', 'vipSilver', 'loyal', 'potential', 'ordinary')),
	CONSTRAINT "customers_churn_level_check" CHECK ("customers"."churn_level" IS NULL OR "customers"."churn_level" IN ('low', 'medium', 'high')),
	CONSTRAINT "customers_not_merged_into_self" CHECK ("customers"."merged_into" IS NULL OR "customers"."merged_into" <> "customers"."id")
);
--> statement-breakpoint
CREATE TABLE "promotions" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text NOT NULL,
	"description_en" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"rules" jsonb NOT NULL,
	"valid_from" timestamp (3) with time zone NOT NULL,
	"valid_to" timestamp (3) with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "promotions_validity_check" CHECK ("promotions"."valid_to" > "promotions"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
ALTER TABLE "customer_audit" ADD CONSTRAINT "customer_audit_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_contact_points" ADD CONSTRAINT "customer_contact_points_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_contracts" ADD CONSTRAINT "customer_contracts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_rfm" ADD CONSTRAINT "customer_rfm_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_settings" ADD CONSTRAINT "customer_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_subscriptions" ADD CONSTRAINT "customer_subscriptions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_vip_manager_user_id_users_id_fk" FOREIGN KEY ("vip_manager_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_merged_into_customers_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_audit_customer_idx" ON "customer_audit" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "customer_contact_points_customer_idx" ON "customer_contact_points" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_contracts_customer_idx" ON "customer_contracts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_contracts_end_idx" ON "customer_contracts" USING btree ("end_on");--> statement-breakpoint
CREATE INDEX "customer_subscriptions_customer_idx" ON "customer_subscriptions" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_subscriptions_account_idx" ON "customer_subscriptions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "interactions_customer_idx" ON "interactions" USING btree ("customer_id","created_at" DESC NULLS LAST) WHERE "interactions"."customer_id" IS NOT NULL;