import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { bigint, bigserial, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid, unique } from 'drizzle-orm/pg-core';
import {
  AGENT_SELECTIONS,
  AGENT_STATUSES,
  CHANNELS,
  DELIVERY_STATES,
  INTERACTION_STATES,
  MESSAGE_SENDERS,
  ROLES,
  type AgentStatus,
  type Channel,
  type DeliveryState,
  type InteractionState,
  type MessageSender,
  type Role,
  type RoutingSettings,
} from '@omnicc/shared';
import type { OfferExplain } from '../../domain/acd/explain.js';
import type { StoredOfferEnd } from '../../store/Store.js';

/**
 * The PostgreSQL schema (source of the drizzle-kit migrations in ../../../drizzle).
 *
 * Closed sets (roles, states...) are `text` with a CHECK built from the shared
 * constants rather than PG enums: adding a value is then a plain migration
 * (drop and re-add the check) instead of `ALTER TYPE`, which cannot run in the
 * migration's transaction together with code that uses the new value.
 */

/** timestamptz with millisecond precision: the Store API speaks ms ISO strings. */
const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

/** `CHECK (col IN (...))` from a const list; literals come from our own constants only. */
const oneOf = (name: string, col: AnyPgColumn, values: readonly string[]) =>
  check(name, sql`${col} IN (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role').$type<Role>().notNull(),
    passwordHash: text('password_hash').notNull(),
  },
  (t) => [oneOf('users_role_check', t.role, ROLES)],
);

export const queues = pgTable(
  'queues',
  {
    id: text('id').primaryKey(),
    channel: text('channel').$type<Channel>().notNull(),
    nameEn: text('name_en').notNull(),
    nameZh: text('name_zh').notNull(),
    // Routing config (QueueConfig). Defaults equal the model's, so queues
    // written by the narrow QueueRecord upsert are complete configs too.
    priority: integer('priority').notNull().default(50),
    serviceLevelPercent: doublePrecision('service_level_percent').notNull().default(80),
    serviceLevelSeconds: integer('service_level_seconds').notNull().default(20),
    offerTimeoutSeconds: integer('offer_timeout_seconds').notNull().default(20),
    maxWaitSeconds: integer('max_wait_seconds').notNull().default(600),
    /** RESTRICT: a queue others overflow into cannot be deleted under them. */
    overflowQueueId: text('overflow_queue_id').references((): AnyPgColumn => queues.id),
    selection: text('selection').$type<(typeof AGENT_SELECTIONS)[number]>().notNull().default('longestIdle'),
    stickySeconds: integer('sticky_seconds').notNull().default(3600),
    wrapUpSeconds: integer('wrap_up_seconds').notNull().default(30),
  },
  (t) => [
    oneOf('queues_channel_check', t.channel, CHANNELS),
    oneOf('queues_selection_check', t.selection, AGENT_SELECTIONS),
    check('queues_overflow_not_self_check', sql`${t.overflowQueueId} <> ${t.id}`),
  ],
);

/** Columns shared by the two dictionaries; `seq` keeps the order entries were first added in. */
const dictionaryColumns = () => ({
  code: text('code').primaryKey(),
  labelEn: text('label_en').notNull(),
  labelZh: text('label_zh').notNull(),
  seq: integer('seq').generatedAlwaysAsIdentity().notNull(),
});

export const notReadyReasons = pgTable('not_ready_reasons', dictionaryColumns());
export const dispositions = pgTable('dispositions', dictionaryColumns());
/** Skills agents have and queues require; same shape as a dictionary (code, labels, order). */
export const skills = pgTable('skills', dictionaryColumns());

/** Skills a queue requires, each at a minimum level; `position` keeps the order given. */
export const queueSkills = pgTable(
  'queue_skills',
  {
    queueId: text('queue_id')
      .notNull()
      .references(() => queues.id, { onDelete: 'cascade' }),
    // RESTRICT (the default): a required skill cannot be deleted.
    skillCode: text('skill_code')
      .notNull()
      .references(() => skills.code),
    minLevel: integer('min_level').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.skillCode] }), index('queue_skills_skill_idx').on(t.skillCode)],
);

export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
});

/** Queues a team works; a queue in a team cannot be deleted. */
export const teamQueues = pgTable(
  'team_queues',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    queueId: text('queue_id')
      .notNull()
      .references(() => queues.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.queueId] }), index('team_queues_queue_idx').on(t.queueId)],
);

export const interactions = pgTable(
  'interactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').$type<Channel>().notNull(),
    state: text('state').$type<InteractionState>().notNull(),
    queueId: text('queue_id')
      .notNull()
      .references(() => queues.id),
    customerName: text('customer_name').notNull(),
    customerPhone: text('customer_phone'),
    customerEmail: text('customer_email'),
    /** NULL for channels without a customer token; UNIQUE still allows many NULLs. */
    customerTokenHash: text('customer_token_hash').unique(),
    /** The channel's own id of the conversation (a SIP Call-ID); NULL for chat. */
    channelRef: text('channel_ref').unique(),
    agentId: uuid('agent_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    assignedAt: ts('assigned_at'),
    endedAt: ts('ended_at'),
    /** No FK: a retired disposition code must not break history. */
    dispositionCode: text('disposition_code'),
    wrapUpNote: text('wrap_up_note'),
    /** The customer identity resolution found (features/customers); NULL while unknown. No FK: a merge moves it, history outlives a record. */
    customerId: uuid('customer_id'),
  },
  (t) => [
    oneOf('interactions_channel_check', t.channel, CHANNELS),
    oneOf('interactions_state_check', t.state, INTERACTION_STATES),
    // Recovery reads the open ones at every start; closed history grows without bound.
    index('interactions_open_idx')
      .on(t.createdAt)
      .where(sql`${t.state} NOT IN ('closed', 'abandoned')`),
    // What an agent holds, read at every login and desktop snapshot.
    index('interactions_held_idx')
      .on(t.agentId)
      .where(sql`${t.state} IN ('assigned', 'wrapUp')`),
    // The customer card's timeline: a customer's last interactions, newest first.
    index('interactions_customer_idx')
      .on(t.customerId, t.createdAt.desc())
      .where(sql`${t.customerId} IS NOT NULL`),
  ],
);

export const interactionEvents = pgTable(
  'interaction_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    interactionId: uuid('interaction_id')
      .notNull()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    at: ts('at').notNull(),
    actorId: text('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('interaction_events_interaction_idx').on(t.interactionId, t.at, t.id)],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: breaks ties between messages sent in the same millisecond. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    interactionId: uuid('interaction_id')
      .notNull()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    clientMessageId: text('client_message_id').notNull(),
    sender: text('sender').$type<MessageSender>().notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    sentAt: ts('sent_at').notNull(),
    delivery: text('delivery').$type<DeliveryState>().notNull().default('sent'),
  },
  (t) => [
    unique('messages_client_id_key').on(t.interactionId, t.sender, t.clientMessageId),
    index('messages_interaction_sent_idx').on(t.interactionId, t.sentAt, t.seq),
    oneOf('messages_sender_check', t.sender, MESSAGE_SENDERS),
    oneOf('messages_delivery_check', t.delivery, DELIVERY_STATES),
  ],
);

export const agentStatusLog = pgTable(
  'agent_status_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    status: text('status').$type<AgentStatus>().notNull(),
    reasonCode: text('reason_code'),
    at: ts('at').notNull(),
  },
  (t) => [
    oneOf('agent_status_log_status_check', t.status, AGENT_STATUSES),
    index('agent_status_log_agent_idx').on(t.agentId, t.at.desc(), t.id.desc()),
  ],
);

/**
 * Routing profile of an agent (AgentProfile). A user without a row has the
 * defaults: no team, no skills, default capacity.
 */
export const agentProfiles = pgTable('agent_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** RESTRICT: a team with members cannot be deleted. */
  teamId: text('team_id').references(() => teams.id),
  capacityVoice: smallint('capacity_voice').notNull().default(1),
  capacityChat: smallint('capacity_chat').notNull().default(3),
  capacityEmail: smallint('capacity_email').notNull().default(5),
  capacitySms: smallint('capacity_sms').notNull().default(5),
});

export const agentSkills = pgTable(
  'agent_skills',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skillCode: text('skill_code')
      .notNull()
      .references(() => skills.code),
    level: integer('level').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.skillCode] }), index('agent_skills_skill_idx').on(t.skillCode)],
);

/** The one row of global routing settings (a document: it is read and replaced whole). */
export const routingSettings = pgTable(
  'routing_settings',
  {
    id: smallint('id').primaryKey().default(1),
    settings: jsonb('settings').$type<RoutingSettings>().notNull(),
  },
  (t) => [check('routing_settings_single_row_check', sql`${t.id} = 1`)],
);

/**
 * Named leases (the routing owner's): one row per name, kept after expiry so
 * the fencing token keeps counting. Expiry is compared with the database's
 * clock (`now()`) only.
 */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  nodeId: text('node_id').notNull(),
  nodeUrl: text('node_url').notNull(),
  /** Fencing token: +1 each time the lease changes hands. */
  token: bigint('token', { mode: 'number' }).notNull().default(0),
  expiresAt: ts('expires_at').notNull(),
});

export const OFFER_END_REASONS = ['accepted', 'rejected', 'timeout', 'withdrawn', 'abandoned', 'recovery'] as const satisfies readonly StoredOfferEnd[];

/** Offers made to agents, open until ended; the explanation is kept as the router built it. */
export const offers = pgTable(
  'offers',
  {
    /** The offer id, given by the router. */
    id: uuid('id').primaryKey(),
    interactionId: uuid('interaction_id')
      .notNull()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    // RESTRICT: an agent with offers in history cannot be deleted.
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    /** No FK, as the interaction's history: the queue the offer was made from. */
    queueId: text('queue_id').notNull(),
    offeredAt: ts('offered_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    endedAt: ts('ended_at'),
    endReason: text('end_reason').$type<StoredOfferEnd>(),
    explain: jsonb('explain').$type<OfferExplain>().notNull(),
  },
  (t) => [
    oneOf('offers_end_reason_check', t.endReason, OFFER_END_REASONS),
    index('offers_interaction_idx').on(t.interactionId),
    index('offers_open_agent_idx')
      .on(t.agentId)
      .where(sql`${t.endedAt} IS NULL`),
  ],
);

/** Every table, for `drizzle(pool, { schema })`. */
export const schema = {
  users,
  queues,
  notReadyReasons,
  dispositions,
  interactions,
  interactionEvents,
  messages,
  agentStatusLog,
  skills,
  queueSkills,
  teams,
  teamQueues,
  agentProfiles,
  agentSkills,
  routingSettings,
  leases,
  offers,
};

