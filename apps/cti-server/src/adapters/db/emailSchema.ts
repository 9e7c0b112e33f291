import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { customType } from 'drizzle-orm/pg-core';
import { interactions, queues, users } from './schema.js';

/**
 * Tables of the email channel (docs/email.md). Kept apart from schema.ts,
 * which is already long; drizzle.config.ts reads both files.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** One mailbox the contact center answers: its IMAP and SMTP accounts, its queue, and where reading stands. */
export const mailboxes = pgTable(
  'mailboxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    address: text('address').notNull().unique(),
    displayName: text('display_name').notNull(),
    // RESTRICT: a queue that mailboxes feed cannot be deleted under them.
    queueId: text('queue_id')
      .notNull()
      .references(() => queues.id),
    imapHost: text('imap_host').notNull(),
    imapPort: integer('imap_port').notNull(),
    imapTls: boolean('imap_tls').notNull(),
    imapUser: text('imap_user').notNull(),
    /** AES-256-GCM sealed (features/email/secretBox.ts): `v1.<keyId>.<iv>.<tag>.<ciphertext>`. */
    imapPasswordSealed: text('imap_password_sealed').notNull(),
    smtpHost: text('smtp_host').notNull(),
    smtpPort: integer('smtp_port').notNull(),
    smtpTls: boolean('smtp_tls').notNull(),
    smtpUser: text('smtp_user').notNull(),
    smtpPasswordSealed: text('smtp_password_sealed').notNull(),
    autoAckEnabled: boolean('auto_ack_enabled').notNull().default(false),
    autoAckTemplate: text('auto_ack_template').notNull().default(''),
    enabled: boolean('enabled').notNull().default(true),
    /** INBOX UIDVALIDITY the cursor belongs to; NULL before the first sync. */
    uidValidity: bigint('uid_validity', { mode: 'number' }),
    /** Every message of INBOX up to this UID (under uid_validity) is stored. */
    lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
    /** Bumped by every settings change, so a running reader sees it must reconnect. */
    version: integer('version').notNull().default(1),
  },
  (t) => [check('mailboxes_ports_check', sql`${t.imapPort} BETWEEN 1 AND 65535 AND ${t.smtpPort} BETWEEN 1 AND 65535`)],
);

/**
 * A conversation by email: the messages that reference each other, and the
 * interaction currently working it (a reply after it closed opens a new one here).
 */
export const emailThreads = pgTable(
  'email_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // RESTRICT: a mailbox with stored mail is disabled, not deleted (its history would go with it).
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => mailboxes.id),
    /** Shown as `[#T-<n>]` in subjects: the fallback when a client drops the threading headers. */
    ticketNo: bigint('ticket_no', { mode: 'number' }).generatedAlwaysAsIdentity({ startWith: 10001 }).notNull().unique(),
    subject: text('subject').notNull(),
    customerAddress: text('customer_address'),
    interactionId: uuid('interaction_id').references(() => interactions.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('email_threads_mailbox_idx').on(t.mailboxId)],
);

export const EMAIL_DIRECTIONS = ['in', 'out'] as const;
export const OUTBOUND_DELIVERIES = ['pending', 'sent', 'failed'] as const;

/** One email as received (or, later, sent); the body is stored as it came, sanitized only when shown. */
export const emailMessages = pgTable(
  'email_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // RESTRICT: a mailbox with stored mail is disabled, not deleted (its history would go with it).
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => mailboxes.id),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => emailThreads.id, { onDelete: 'cascade' }),
    /** NULL for a flagged automatic mail that joined no open interaction (stored, not routed). */
    interactionId: uuid('interaction_id').references(() => interactions.id, { onDelete: 'set null' }),
    direction: text('direction').$type<(typeof EMAIL_DIRECTIONS)[number]>().notNull(),
    /** Where it was read from (inbound only): INBOX UIDVALIDITY and UID. */
    uidValidity: bigint('uid_validity', { mode: 'number' }),
    uid: bigint('uid', { mode: 'number' }),
    /** `<id@host>`, the sender's or a synthetic one derived from the content (see messageSynthetic). */
    messageId: text('message_id').notNull(),
    messageIdSynthetic: boolean('message_id_synthetic').notNull().default(false),
    inReplyTo: text('in_reply_to'),
    references: jsonb('references').$type<string[]>().notNull().default([]),
    subject: text('subject').notNull(),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    to: jsonb('to').$type<{ name: string; address: string }[]>().notNull().default([]),
    cc: jsonb('cc').$type<{ name: string; address: string }[]>().notNull().default([]),
    sentAt: ts('sent_at'),
    receivedAt: ts('received_at').notNull(),
    /** Header lines as received, `[name, line]`, capped. */
    headers: jsonb('headers').$type<[string, string][]>().notNull(),
    text: text('text'),
    /** As received: unsafe to render without sanitizing. */
    html: text('html'),
    /** sha-256 hex of the raw message as fetched. */
    contentHash: text('content_hash').notNull(),
    rawSize: integer('raw_size').notNull(),
    /** Why the mail is automatic (auto-reply, bulk, bounce, loop...), NULL for a person's mail. */
    automatic: text('automatic'),
    /** Problems met while reading it (broken MIME, truncated), for the agent and the logs. */
    notes: jsonb('notes').$type<string[]>().notNull().default([]),
    // --- Outbound only (replies, acknowledgements): the outbox. ---
    /** `pending` until the SMTP server took it, then `sent`; `failed` after the last retry or a permanent refusal. */
    delivery: text('delivery').$type<(typeof OUTBOUND_DELIVERIES)[number]>(),
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    lastError: text('last_error'),
    /** The MIME message exactly as sent (and re-sent on retry: same Message-ID). */
    raw: bytea('raw'),
    /** The desktop's id of the reply: a repeated POST returns the stored one. */
    clientMessageId: text('client_message_id'),
    /** The agent who wrote it; NULL for the server's own (acknowledgements). */
    authorId: uuid('author_id').references(() => users.id),
  },
  (t) => [
    // Restart and re-scan safety: a UID is stored once, a Message-ID once per mailbox.
    unique('email_messages_uid_key').on(t.mailboxId, t.uidValidity, t.uid),
    unique('email_messages_message_id_key').on(t.mailboxId, t.messageId),
    index('email_messages_thread_idx').on(t.threadId, t.receivedAt),
    index('email_messages_interaction_idx').on(t.interactionId),
    check('email_messages_direction_check', sql`${t.direction} IN ('in', 'out')`),
    check('email_messages_delivery_check', sql`${t.delivery} IN ('pending', 'sent', 'failed')`),
    unique('email_messages_client_id_key').on(t.interactionId, t.clientMessageId),
    // The outbox scan: pending mail by when it is due.
    index('email_messages_outbox_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.delivery} = 'pending'`),
  ],
);

/** An attachment's metadata, and its bytes unless it was refused (over the size limit, truncated). */
export const emailAttachments = pgTable(
  'email_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => emailMessages.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256'),
    /** NULL when refused. */
    content: bytea('content'),
    /** Why the content was not kept (`overLimit`, `truncated`), NULL when kept. */
    refused: text('refused'),
  },
  (t) => [unique('email_attachments_position_key').on(t.messageId, t.position)],
);

/** Every email table (schema.ts's `schema` lists the others). */
export const emailTables = { mailboxes, emailThreads, emailMessages, emailAttachments };
