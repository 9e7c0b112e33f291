import type { Interaction, SmsMessageView } from '@omnicc/shared';

/**
 * Persistence port of the SMS channel (docs/sms.md), beside `Store` like
 * `MailStore`; `adapters/db/smsStore.ts` implements it on the server's
 * PostgreSQL pool. Every write is committed when its promise resolves.
 */
export interface SmsStore {
  ingest: SmsIngestRepository;
  optOuts: SmsOptOutRepository;
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
