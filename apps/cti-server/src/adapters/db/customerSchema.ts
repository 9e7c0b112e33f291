import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { CONTACT_POINT_TYPES, CUSTOMER_KINDS, SUBSCRIPTION_STATUSES, TIERS, type ContactPointType, type CustomerKind, type PromotionRules, type SubscriptionStatus, type Tier } from '@omnicc/shared';
import { users } from './schema.js';

/**
 * The customer model (客户, docs/customers.md): customers, their contact
 * points (what identity resolution looks up), subscriptions as the BSS knows
 * them, enterprise contracts, RFM scores, promotions, settings and the audit
 * of merges. Kept apart from schema.ts like the channels' tables;
 * drizzle.config.ts reads this file too. `interactions.customer_id` is in
 * schema.ts (no foreign key: history survives a customer's removal, and a
 * merge moves it in the same transaction).
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const oneOf = (name: string, col: AnyPgColumn, values: readonly string[]) => check(name, sql`${col} IN (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`);

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').$type<CustomerKind>().notNull().default('individual'),
    /** A region id as the BSS names it (guangzhou, shenzhen...). */
    region: text('region'),
    tier: text('tier').$type<Tier>().notNull().default('ordinary'),
    /** The VIP manager (客户经理): a user of ours, or a name and phone the BSS gives. */
    vipManagerUserId: uuid('vip_manager_user_id').references(() => users.id, { onDelete: 'set null' }),
    vipManagerName: text('vip_manager_name'),
    vipManagerPhone: text('vip_manager_phone'),
    /** The BSS's churn hint (离网预警), copied at seed or sync time: 0-100 and its level. */
    churnScore: smallint('churn_score'),
    churnLevel: text('churn_level'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    /** Set when this record was merged into another: reads follow it to the survivor. */
    mergedInto: uuid('merged_into').references((): AnyPgColumn => customers.id),
  },
  (t) => [
    oneOf('customers_kind_check', t.kind, CUSTOMER_KINDS),
    oneOf('customers_tier_check', t.tier, TIERS),
    check('customers_churn_level_check', sql`${t.churnLevel} IS NULL OR ${t.churnLevel} IN ('low', 'medium', 'high')`),
    check('customers_not_merged_into_self', sql`${t.mergedInto} IS NULL OR ${t.mergedInto} <> ${t.id}`),
    // The link picker searches by the start of a name (lower-cased, any locale).
    index('customers_name_idx').using('btree', sql`lower(${t.name}) text_pattern_ops`),
  ],
);

/** Phones (E.164), emails (lower case) and chat logins: unique per type, so one contact resolves to one customer. */
export const customerContactPoints = pgTable(
  'customer_contact_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    type: text('type').$type<ContactPointType>().notNull(),
    /** The normalized value (features/customers/identity.ts). */
    value: text('value').notNull(),
    verified: boolean('verified').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    oneOf('customer_contact_points_type_check', t.type, CONTACT_POINT_TYPES),
    unique('customer_contact_points_value_unique').on(t.type, t.value),
    index('customer_contact_points_customer_idx').on(t.customerId),
  ],
);

/** Accounts and their lines as the BSS has them (one line per account there). */
export const customerSubscriptions = pgTable(
  'customer_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    /** E.164. */
    msisdn: text('msisdn').notNull().unique(),
    planCode: text('plan_code').notNull(),
    planNameZh: text('plan_name_zh').notNull(),
    planNameEn: text('plan_name_en').notNull(),
    monthlyFeeFen: integer('monthly_fee_fen'),
    status: text('status').$type<SubscriptionStatus>().notNull(),
    contractEnd: date('contract_end', { mode: 'string' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [oneOf('customer_subscriptions_status_check', t.status, SUBSCRIPTION_STATUSES), index('customer_subscriptions_customer_idx').on(t.customerId), index('customer_subscriptions_account_idx').on(t.accountId)],
);

/** Enterprise contracts (政企合同): a term, the services, and how early the expiry warning starts. */
export const customerContracts = pgTable(
  'customer_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    contractNo: text('contract_no').notNull().unique(),
    title: text('title').notNull(),
    services: jsonb('services').$type<string[]>().notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }).notNull(),
    warningDays: integer('warning_days').notNull().default(30),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    check('customer_contracts_term_check', sql`${t.endOn} >= ${t.startOn}`),
    check('customer_contracts_warning_check', sql`${t.warningDays} BETWEEN 0 AND 365`),
    index('customer_contracts_customer_idx').on(t.customerId),
    // The expiry warning list reads contracts by their end.
    index('customer_contracts_end_idx').on(t.endOn),
  ],
);

/** The RFM job's latest scores per customer (overwritten by each run). */
export const customerRfm = pgTable(
  'customer_rfm',
  {
    customerId: uuid('customer_id')
      .primaryKey()
      .references(() => customers.id, { onDelete: 'cascade' }),
    recencyDays: integer('recency_days').notNull(),
    frequency: integer('frequency').notNull(),
    monetaryFen: bigint('monetary_fen', { mode: 'number' }).notNull(),
    rScore: smallint('r_score').notNull(),
    fScore: smallint('f_score').notNull(),
    mScore: smallint('m_score').notNull(),
    segment: text('segment').notNull(),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [check('customer_rfm_scores_check', sql`${t.rScore} BETWEEN 1 AND 5 AND ${t.fScore} BETWEEN 1 AND 5 AND ${t.mScore} BETWEEN 1 AND 5`)],
);

/** Settings of the customer features (RFM thresholds, warning rules), one JSON value per key. */
export const customerSettings = pgTable('customer_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

/** Promotions (营销活动): rules on tier, plan, contract and RFM segment; the highest priority eligible one is offered. */
export const promotions = pgTable(
  'promotions',
  {
    code: text('code').primaryKey(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh').notNull(),
    descriptionEn: text('description_en').notNull(),
    priority: integer('priority').notNull().default(0),
    rules: jsonb('rules').$type<PromotionRules>().notNull(),
    validFrom: ts('valid_from').notNull(),
    validTo: ts('valid_to').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [check('promotions_validity_check', sql`${t.validTo} > ${t.validFrom}`)],
);

/** Who did what to customer records (merges, links), for the audit trail. */
export const customerAudit = pgTable(
  'customer_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: uuid('customer_id').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: ts('at').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('customer_audit_customer_idx').on(t.customerId, t.at)],
);

/** Every table here, for the migration test. */
export const customerTables = { customers, customerContactPoints, customerSubscriptions, customerContracts, customerRfm, customerSettings, promotions, customerAudit };
