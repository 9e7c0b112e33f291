import type { Interaction, SmsMessageView, SmsStatusEvent } from '@omnicc/shared';
import type { DeliveryReceipt, SmsSendProgress } from '../features/sms/smsGateway.js';

/**
 * Persistence port of the SMS channel (docs/sms.md), beside `Store` like
 * `MailStore`; `adapters/db/smsStore.ts` implements it on the server's
 * PostgreSQL pool. Every write is committed when its promise resolves.
 */
export interface SmsStore {
  ingest: SmsIngestRepository;
  optOuts: SmsOptOutRepository;
  messages: SmsMessagesRepository;
  outbox: SmsOutboxRepository;
}

/** An inbound SMS ready to store: the number normalised, the opt-out word (if the whole text is one) found. */
export interface InboundSmsInput {
  number: string;
  serviceNumber: string;
  gateway: string;
  text: string;
  parts: number;
  missingParts: number[];
  gatewayMessageId?: string;
  /** Identity of the message when the gateway gives no id (see smsContentHash). */
  contentHash: string;
  optOutWord?: string;
  at: string;
}

/** How inbound messages are threaded and de-duplicated (from SmsConfig). */
export interface SmsIngestRules {
  queueId: string;
  threadWindowMs: number;
  duplicateWindowMs: number;
}

/** A stored SMS is already what the desktop shows: one shape from the row to the push. */
export type StoredSms = SmsMessageView;

/**
 * created: it opened a conversation (to be enqueued); joined: it went into the
 * number's open one; stored: kept without a conversation (an opt-out word
 * outside one); duplicate: a redelivery, nothing written.
 */
export type SmsIngestOutcome =
  | { kind: 'created' | 'joined'; interaction: Interaction; message: StoredSms; optOutWord?: string }
  | { kind: 'stored'; message: StoredSms; optOutWord?: string }
  | { kind: 'duplicate' };

export interface SmsIngestRepository {
  /** The message, its conversation and the opt-out, in one transaction. */
  ingest(input: InboundSmsInput, rules: SmsIngestRules): Promise<SmsIngestOutcome>;
}

export interface SmsOptOutRepository {
  /** The number's opt-out (number normalised), if it sent one. */
  get(number: string): Promise<{ number: string; word: string; at: string } | undefined>;
}

export interface SmsMessagesRepository {
  /** Whom the interaction's SMS conversation is with: the number and the service number it last wrote to; undefined when it has no SMS. */
  addressOf(interactionId: string): Promise<{ number: string; serviceNumber: string } | undefined>;
  /** The number's latest `limit` messages, oldest first, every conversation of it. */
  listByNumber(number: string, limit: number): Promise<StoredSms[]>;
}

/** An agent's reply to store `pending` (the number normalised, the text already split to count its parts). */
export interface OutboundSmsInput {
  interactionId: string;
  number: string;
  serviceNumber: string;
  gateway: string;
  text: string;
  parts: number;
  clientMessageId: string;
  authorId: string;
  at: string;
}

/** A pending message the outbox is to submit. */
export interface SmsOutboxJob {
  id: string;
  number: string;
  serviceNumber: string;
  text: string;
  attempts: number;
  /** Parts accepted by an earlier attempt that failed part-way. */
  sent?: SmsSendProgress;
}

/** An outbound message's delivery changed: the push, and the agent holding its interaction (if any). */
export interface SmsStatusChange {
  event: SmsStatusEvent;
  agentId?: string;
}

/** What a receipt did: no row has its id (yet), a redelivery or stale news, or a change (`change` absent while the row is still pending). */
export type SmsReceiptOutcome = { kind: 'unmatched' } | { kind: 'unchanged' } | { kind: 'applied'; change?: SmsStatusChange };

/**
 * Outbound SMS: each row is its own outbox entry (docs/sms.md, "Replies").
 * Writes that change what the agent sees return the change for the push.
 */
export interface SmsOutboxRepository {
  /**
   * Stores a reply `pending`, due now. The same clientMessageId on the
   * interaction again returns the stored one (created false); with another
   * text it is CONFLICT.
   */
  add(input: OutboundSmsInput): Promise<{ message: StoredSms; created: boolean }>;
  /** A reply already stored under this clientMessageId. */
  byClientId(interactionId: string, clientMessageId: string): Promise<StoredSms | undefined>;
  get(id: string): Promise<StoredSms | undefined>;
  /** Tells the node running the outbox that something is due (PostgreSQL NOTIFY), when it is another node. */
  notify(): Promise<void>;
  /** Pending messages due at `at`, oldest due first. */
  due(at: string, limit: number): Promise<SmsOutboxJob[]>;
  /** Every part accepted: `submitted`, or further already if early receipts were applied to its parts. */
  markSubmitted(id: string, gateway: string, sent: SmsSendProgress, at: string): Promise<SmsStatusChange | undefined>;
  /**
   * An attempt failed: pending again, due at `nextAttemptAt`, or `failed` for
   * good when it is null; `sent` keeps the parts accepted before the failure.
   */
  markAttemptFailed(id: string, failure: { error: string; nextAttemptAt: string | null; gateway: string; sent?: SmsSendProgress }, at: string): Promise<SmsStatusChange | undefined>;
  /** A delivery receipt for one part, by the gateway and the part's message id; de-duplicated. */
  applyReceipt(gateway: string, receipt: DeliveryReceipt): Promise<SmsReceiptOutcome>;
}
