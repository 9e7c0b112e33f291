import type { Interaction, SmsAutomatic, SmsMessageView, SmsStatusEvent } from '@omnicc/shared';
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
  surveys: SmsSurveyRepository;
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
  /** The re-subscribe word (订阅, START) the whole text is; it lifts an opt-out, else the message is ordinary. */
  optInWord?: string;
  /** The score (1–5) the text is as a survey answer; absent when it is none. */
  surveyScore?: number;
  at: string;
}

/** A text the server sends by itself, with its parts counted. */
export interface AutomaticSmsText {
  text: string;
  parts: number;
}

/** How inbound messages are threaded and de-duplicated, and what is answered automatically (from SmsConfig). */
export interface SmsIngestRules {
  queueId: string;
  threadWindowMs: number;
  duplicateWindowMs: number;
  /** Confirmations queued with the opt-out or re-subscribe, in its transaction; absent: none sent. */
  confirmations: { optOut?: AutomaticSmsText; optIn?: AutomaticSmsText };
  /** A repeated opt-out word is confirmed again only this long after the last confirmation. */
  reconfirmAfterMs: number;
  /** The one answer to a survey reply that is not a score. */
  surveyClarification: AutomaticSmsText;
}

/** A stored SMS is already what the desktop shows: one shape from the row to the push. */
export type StoredSms = SmsMessageView;

/** What happened to the number's open survey because of a message (docs/sms.md, "Satisfaction survey"). */
export interface SurveyStep {
  surveyId: string;
  /** The interaction surveyed. */
  interactionId: string;
  event: 'answered' | 'clarified' | 'declined' | 'cancelled';
  score?: number;
}

/** What a stored message did besides being stored: the opt-out recorded or lifted, automatic answers queued, the survey moved on. */
export interface SmsIngestEffects {
  optOutWord?: string;
  optInWord?: string;
  /** Automatic messages written to the outbox in the message's transaction (the outbox is to be woken). */
  queued: SmsAutomatic[];
  survey?: SurveyStep;
}

/**
 * created: it opened a conversation (to be enqueued); joined: it went into the
 * number's open one; stored: kept without a conversation (an opt-out or
 * re-subscribe word outside one); survey: taken as the answer to the
 * number's survey (a score, or the one clarification), kept without a
 * conversation; duplicate: a redelivery, nothing written.
 */
export type SmsIngestOutcome =
  | ({ kind: 'created' | 'joined'; interaction: Interaction; message: StoredSms } & SmsIngestEffects)
  | ({ kind: 'stored' | 'survey'; message: StoredSms } & SmsIngestEffects)
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
  /** Messages waiting to be sent or retried (for /metrics). */
  pendingCount(): Promise<number>;
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

/** A survey to write for a closed interaction (the number normalised, the question's parts counted). */
export interface NewSmsSurvey {
  interactionId: string;
  number: string;
  serviceNumber: string;
  gateway: string;
  question: AutomaticSmsText;
  at: string;
  /** Answers count until at + windowMs. */
  windowMs: number;
  /** No survey when the number had one within this long. */
  everyMs: number;
}

/** Why a survey was not written: rules the store checks under the number's lock. */
export type SmsSurveySkip = 'exists' | 'optedOut' | 'recent' | 'openConversation';

export type SmsSurveyStart = { kind: 'sent'; surveyId: string; messageId: string } | { kind: 'skipped'; reason: SmsSurveySkip };

/** Satisfaction surveys by SMS (docs/sms.md); answers are taken by SmsIngestRepository in the message's transaction. */
export interface SmsSurveyRepository {
  /**
   * Writes the survey, its question (an automatic outbound message,
   * pending for the outbox) and the interaction's `surveySent` event in one
   * transaction, unless the interaction has one, the number opted out, had
   * a survey within `everyMs`, or has an open SMS conversation.
   */
  start(survey: NewSmsSurvey): Promise<SmsSurveyStart>;
  /** Open surveys whose window ended by `at` become `expired`; how many. */
  expire(at: string): Promise<number>;
}
