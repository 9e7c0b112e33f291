import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { SMS_AUTOMATIC_KINDS, SMS_DELIVERY_STATES, type SmsAutomatic, type SmsDelivery } from '@omnicc/shared';
import { interactions, users } from './schema.js';

/**
 * Tables of the SMS channel (docs/sms.md). Kept apart from schema.ts like
 * emailSchema.ts; drizzle.config.ts reads this file too.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

export const SMS_DIRECTIONS = ['in', 'out'] as const;

/**
 * One SMS as received (joined from its parts) or sent. `number` is the
 * customer's, normalised (+86…), so threading and opt-outs find it whatever
 * form the gateway gave. An outbound row is also its own outbox entry:
 * stored `pending`, submitted by the routing owner, then moved on by the
 * receipts (docs/sms.md, "Replies").
 */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // SET NULL: an opt-out outside a conversation is stored without one; history outlives a deleted interaction.
    interactionId: uuid('interaction_id').references(() => interactions.id, { onDelete: 'set null' }),
    direction: text('direction', { enum: SMS_DIRECTIONS }).notNull(),
    number: text('number').notNull(),
    serviceNumber: text('service_number').notNull(),
    /** The gateway's name (`smpp:host:port`): gateway message ids are only unique within one. */
    gateway: text('gateway').notNull(),
    text: text('text').notNull(),
    parts: smallint('parts').notNull().default(1),
    /** Inbound parts that never came before the join timeout (their text is missing). */
    missingParts: smallint('missing_parts').array().notNull().default(sql`'{}'::smallint[]`),
    /** Outbound: one id per part, as the gateway accepted them (receipts name these); filled part by part when a send resumes. */
    gatewayMessageIds: text('gateway_message_ids').array().notNull().default(sql`'{}'::text[]`),
    /** Outbound: the latest receipt's DeliveryStatus of each part, in part order ('' while none came). */
    partStates: text('part_states').array().notNull().default(sql`'{}'::text[]`),
    /** Outbound: the concatenation reference of a long message, kept so a resumed send's later parts join its earlier ones. */
    concatRef: smallint('concat_ref'),
    /**
     * Inbound: the gateway's own id of the message when it gives one (HTTP
     * providers do, SMPP does not). Unique per gateway: a redelivery is a no-op.
     */
    gatewayMessageId: text('gateway_message_id'),
    /** Inbound: sha-256 of service number, parts and text, for redeliveries without a gateway id (docs/sms.md). */
    contentHash: text('content_hash'),
    /** Outbound: where sending stands (SmsDelivery: pending, submitted, delivered, undelivered, failed), and since when. */
    deliveryStatus: text('delivery_status').$type<SmsDelivery>(),
    deliveryStatusAt: ts('delivery_status_at'),
    /** Outbound: submits tried, when the next is due (while pending), and the last failure. */
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    lastError: text('last_error'),
    /** Outbound replies: the desktop's id of the POST (a retry returns this row) and the agent who wrote it. */
    clientMessageId: text('client_message_id'),
    authorId: uuid('author_id').references(() => users.id),
    /** Outbound: written by the server (a survey, a confirmation), not an agent; such rows have no interaction (docs/sms.md). */
    automatic: text('automatic').$type<SmsAutomatic>(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    unique('sms_messages_gateway_id_key').on(t.gateway, t.gatewayMessageId),
    index('sms_messages_number_idx').on(t.number, t.createdAt),
    index('sms_messages_interaction_idx').on(t.interactionId),
    check('sms_messages_direction_check', sql`${t.direction} IN ('in', 'out')`),
    check('sms_messages_parts_check', sql`${t.parts} >= 1`),
    check('sms_messages_delivery_check', sql.raw(`"delivery_status" IN (${quoted(SMS_DELIVERY_STATES)})`)),
    check('sms_messages_automatic_check', sql.raw(`"automatic" IN (${quoted(SMS_AUTOMATIC_KINDS)})`)),
    unique('sms_messages_client_id_key').on(t.interactionId, t.clientMessageId),
    // The outbox scan: only pending rows, by when they are due.
    index('sms_messages_outbox_idx').on(t.nextAttemptAt).where(sql`${t.deliveryStatus} = 'pending'`),
    // Receipts name a part's id: `gateway_message_ids @> ARRAY[id]`. Without fastupdate: a receipt comes
    // seconds after its row was written, and GIN's pending list (scanned on every lookup until a vacuum
    // merges it) made each lookup cost milliseconds under a steady stream of sends.
    index('sms_messages_gateway_ids_idx').using('gin', t.gatewayMessageIds).with({ fastupdate: 'off' }),
  ],
);

/**
 * Numbers that asked for no more marketing (退订, STOP…): the word they sent
 * and when. Group send and surveys leave them out. A re-subscribe word
 * (订阅, START) deletes the row. `confirmed_at`: when the confirmation was
 * last queued, so a repeated 退订 is not answered again within a day.
 */
export const smsOptOuts = pgTable('sms_opt_outs', {
  number: text('number').primaryKey(),
  word: text('word').notNull(),
  at: ts('at').notNull(),
  confirmedAt: ts('confirmed_at'),
});

/**
 * Where a satisfaction survey stands: `sent` (the question is written to the
 * outbox), `clarified` (one answer was not a score; the clarification went
 * out), `answered` (score 1–5), `declined` (a second answer that was not a
 * score, or an opt-out), `expired` (no score within the window),
 * `cancelled` (the customer wrote before the question left, and a
 * conversation opened instead). The first two are open.
 */
export const SMS_SURVEY_STATES = ['sent', 'clarified', 'answered', 'declined', 'expired', 'cancelled'] as const;
export type SmsSurveyState = (typeof SMS_SURVEY_STATES)[number];

/**
 * One SMS satisfaction survey per interaction (docs/sms.md, "Satisfaction
 * survey"), for the reports' satisfaction per agent and queue (joined
 * through the interaction). Its messages are rows of sms_messages without
 * an interaction; these columns point at them.
 */
export const smsSurveys = pgTable(
  'sms_surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    interactionId: uuid('interaction_id')
      .notNull()
      .unique()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    /** The customer's number, normalised (+86…): answers are matched by it. */
    number: text('number').notNull(),
    status: text('status').$type<SmsSurveyState>().notNull(),
    score: smallint('score'),
    questionId: uuid('question_id').references((): AnyPgColumn => smsMessages.id, { onDelete: 'set null' }),
    clarificationId: uuid('clarification_id').references((): AnyPgColumn => smsMessages.id, { onDelete: 'set null' }),
    answerId: uuid('answer_id').references((): AnyPgColumn => smsMessages.id, { onDelete: 'set null' }),
    sentAt: ts('sent_at').notNull(),
    /** Answers after this are ordinary messages; the sweep marks the survey `expired`. */
    expiresAt: ts('expires_at').notNull(),
    clarifiedAt: ts('clarified_at'),
    answeredAt: ts('answered_at'),
    /** When it left the open states (answered, declined, expired, cancelled). */
    endedAt: ts('ended_at'),
  },
  (t) => [
    check('sms_surveys_status_check', sql.raw(`"status" IN (${quoted(SMS_SURVEY_STATES)})`)),
    check('sms_surveys_score_check', sql`(${t.score} IS NULL) = (${t.status} <> 'answered') AND (${t.score} IS NULL OR ${t.score} BETWEEN 1 AND 5)`),
    // One survey per number per OMNICC_SMS_SURVEY_EVERY_HOURS, and the number's latest for an answer.
    index('sms_surveys_number_idx').on(t.number, t.sentAt),
    // The expiry sweep: open surveys by when they lapse.
    index('sms_surveys_open_idx').on(t.expiresAt).where(sql`${t.status} IN ('sent', 'clarified')`),
  ],
);

function quoted(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}

export const smsTables = { smsMessages, smsOptOuts, smsSurveys };
