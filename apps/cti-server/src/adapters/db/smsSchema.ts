import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { SMS_DELIVERY_STATES, type SmsDelivery } from '@omnicc/shared';
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
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    unique('sms_messages_gateway_id_key').on(t.gateway, t.gatewayMessageId),
    index('sms_messages_number_idx').on(t.number, t.createdAt),
    index('sms_messages_interaction_idx').on(t.interactionId),
    check('sms_messages_direction_check', sql`${t.direction} IN ('in', 'out')`),
    check('sms_messages_parts_check', sql`${t.parts} >= 1`),
    check('sms_messages_delivery_check', sql.raw(`"delivery_status" IN (${SMS_DELIVERY_STATES.map((s) => `'${s}'`).join(', ')})`)),
    unique('sms_messages_client_id_key').on(t.interactionId, t.clientMessageId),
    // The outbox scan: only pending rows, by when they are due.
    index('sms_messages_outbox_idx').on(t.nextAttemptAt).where(sql`${t.deliveryStatus} = 'pending'`),
    // Receipts name a part's id: `gateway_message_ids @> ARRAY[id]`. Without fastupdate: a receipt comes
    // seconds after its row was written, and GIN's pending list (scanned on every lookup until a vacuum
    // merges it) made each lookup cost milliseconds under a steady stream of sends.
    index('sms_messages_gateway_ids_idx').using('gin', t.gatewayMessageIds).with({ fastupdate: 'off' }),
  ],
);

/** Numbers that asked for no more marketing (退订, STOP…): the word they sent and when. Group send leaves them out. */
export const smsOptOuts = pgTable('sms_opt_outs', {
  number: text('number').primaryKey(),
  word: text('word').notNull(),
  at: ts('at').notNull(),
});

export const smsTables = { smsMessages, smsOptOuts };
