import type { Interaction, PageQuery } from '@omnicc/shared';

/**
 * Persistence port of the email channel (docs/email.md). A port of its own
 * beside `Store`, so the channel's tables and their transactions stay in one
 * place; `adapters/db/mailStore.ts` implements it on the same PostgreSQL pool.
 * As with `Store`, every write is committed when its promise resolves.
 */
export interface MailStore {
  mailboxes: MailboxRepository;
  ingest: EmailIngestRepository;
  messages: EmailMessageRepository;
  outbox: EmailOutboxRepository;
}

/** One protocol's account as stored: the password sealed (secrets/secretBox.ts). */
export interface MailServerRecord {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  passwordSealed: string;
}

export interface MailboxSettings {
  id: string;
  address: string;
  displayName: string;
  queueId: string;
  imap: MailServerRecord;
  smtp: MailServerRecord;
  autoAck: { enabled: boolean; template: string };
  enabled: boolean;
}

export interface MailboxRecord extends MailboxSettings {
  /** Where reading INBOX stands: everything up to lastUid under uidValidity is stored. */
  sync: { uidValidity: number | null; lastUid: number };
  /** Bumped by every settings change (a reader compares it to reconnect). */
  version: number;
}

export interface MailboxRepository {
  list(page: PageQuery): Promise<{ items: MailboxRecord[]; total: number }>;
  listEnabled(): Promise<MailboxRecord[]>;
  get(id: string): Promise<MailboxRecord | undefined>;
  /** CONFLICT for an address already used, NOT_FOUND for an unknown queue. */
  create(mailbox: MailboxSettings): Promise<MailboxRecord>;
  /** Replaces the settings (the sync state stays); NOT_FOUND, CONFLICT as create. */
  update(mailbox: MailboxSettings): Promise<MailboxRecord>;
  /** NOT_FOUND; CONFLICT when mail of it is stored (disable it instead). */
  delete(id: string): Promise<void>;
  /**
   * The INBOX has a new UIDVALIDITY: the cursor starts again from UID 0 under
   * it. Only when the stored one is still `expected` (two readers racing), else CONFLICT.
   */
  resetSync(id: string, expected: number | null, uidValidity: number): Promise<void>;
  /** Stores passwords sealed again under the current key (rotation); version unchanged. */
  reseal(id: string, imapSealed: string, smtpSealed: string): Promise<void>;
}

export interface EmailAddressRecord {
  name: string;
  address: string;
}

export interface NewAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256?: string;
  /** Absent when refused. */
  content?: Buffer;
  refused?: 'overLimit' | 'truncated';
}

/** An inbound mail ready to store: parsed, normalized, checked (features/email/inboundMail.ts). */
export interface InboundEmail {
  messageId: string;
  messageIdSynthetic: boolean;
  inReplyTo?: string;
  /** Every Message-ID it refers to (In-Reply-To first, then References, newest first). */
  references: string[];
  /** `T-<n>` found in the subject, the fallback for threading. */
  ticketRef?: string;
  subject: string;
  from?: EmailAddressRecord;
  to: EmailAddressRecord[];
  cc: EmailAddressRecord[];
  sentAt?: string;
  headers: [string, string][];
  text?: string;
  html?: string;
  contentHash: string;
  rawSize: number;
  /** Why the mail is automatic; absent for a person's mail. */
  automatic?: string;
  notes: string[];
  attachments: NewAttachment[];
}

export interface IngestInput {
  mailboxId: string;
  uidValidity: number;
  uid: number;
  mail: InboundEmail;
  receivedAt: string;
}

/**
 * What storing one mail did:
 * - `created`: a new interaction (a new thread, or a reply to a thread whose interaction is over); enqueue it;
 * - `joined`: added to the thread's open interaction (queued, offered or assigned);
 * - `parked`: an automatic mail with no open interaction: stored in its thread, not routed;
 * - `duplicate`: that UID or Message-ID was stored before: only the cursor moved.
 */
export type IngestOutcome =
  | { kind: 'created' | 'joined'; interaction: Interaction; messageId: string; threadId: string; ticketRef: string }
  | { kind: 'parked'; messageId: string; threadId: string; ticketRef: string }
  | { kind: 'duplicate' };

export interface EmailIngestRepository {
  /**
   * Stores the mail, its thread, attachments and (when it opens one) its
   * interaction, and moves the mailbox's cursor past `uid`, in ONE
   * transaction: a crash leaves either all of it or none, so the mail is
   * fetched again and stored once. CONFLICT when the mailbox's stored
   * UIDVALIDITY is not `uidValidity` (a re-scan started meanwhile);
   * NOT_FOUND for an unknown mailbox.
   */
  ingest(input: IngestInput): Promise<IngestOutcome>;
  /** Several mails of one mailbox, in order, in ONE transaction (all or none); outcomes in the same order. */
  ingestMany(inputs: IngestInput[]): Promise<IngestOutcome[]>;
}

export interface StoredEmail {
  id: string;
  threadId: string;
  interactionId?: string;
  direction: 'in' | 'out';
  uidValidity?: number;
  uid?: number;
  messageId: string;
  messageIdSynthetic: boolean;
  inReplyTo?: string;
  references: string[];
  subject: string;
  from?: EmailAddressRecord;
  to: EmailAddressRecord[];
  cc: EmailAddressRecord[];
  /** Header lines as received (inbound), e.g. to find a Reply-To. */
  headers: [string, string][];
  text?: string;
  html?: string;
  automatic?: string;
  notes: string[];
  receivedAt: string;
  attachments: { id: string; filename: string; contentType: string; size: number; refused?: string; stored: boolean }[];
  /** Outbound only. */
  delivery?: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError?: string;
  clientMessageId?: string;
}

export interface EmailMessageRepository {
  /** One mail with its attachments' metadata; undefined for an unknown or malformed id. */
  get(id: string): Promise<StoredEmail | undefined>;
  /** Every mail of a mailbox, oldest first (tests and tools; the agent view reads by interaction). */
  listByMailbox(mailboxId: string): Promise<StoredEmail[]>;
  listByInteraction(interactionId: string): Promise<StoredEmail[]>;
  /** The thread's ticket reference (`T-<n>`) and current interaction. */
  thread(threadId: string): Promise<{ ticketRef: string; interactionId?: string } | undefined>;
  /** The thread an interaction belongs to (any interaction it ever had), or undefined for a non-email one. */
  threadOfInteraction(interactionId: string): Promise<{ threadId: string; mailboxId: string; ticketRef: string } | undefined>;
  /** Every mail of a thread, oldest first, both directions. */
  listByThread(threadId: string): Promise<StoredEmail[]>;
  /** An attachment with its bytes (absent when refused) and the thread of its mail. */
  attachment(id: string): Promise<{ threadId: string; filename: string; contentType: string; size: number; content?: Buffer; refused?: string } | undefined>;
}

/** A mail to send: stored `pending` first (durable before acknowledged), sent by the outbox. */
export interface NewOutbound {
  mailboxId: string;
  threadId: string;
  interactionId?: string;
  messageId: string;
  inReplyTo?: string;
  references: string[];
  subject: string;
  from: EmailAddressRecord;
  to: EmailAddressRecord[];
  cc: EmailAddressRecord[];
  text: string;
  /** The composed MIME message: what is sent, and re-sent on retry. */
  raw: Buffer;
  clientMessageId?: string;
  authorId?: string;
  /** `autoAck` for the server's acknowledgements (RFC 3834 auto-replied). */
  automatic?: string;
  at: string;
}

/** One pending mail the outbox should try now. */
export interface OutboundJob {
  id: string;
  mailboxId: string;
  raw: Buffer;
  envelope: { from: string; to: string[] };
  attempts: number;
}

export interface EmailOutboxRepository {
  /** Stores it `pending`, due now. Idempotent on (interaction, clientMessageId): a retry returns the stored one with `created: false`. */
  add(mail: NewOutbound): Promise<{ message: StoredEmail; created: boolean }>;
  /** Pending mail due at `at`, oldest first. */
  due(at: string, limit: number): Promise<OutboundJob[]>;
  markSent(id: string): Promise<void>;
  /** Records a failed attempt: retried at `nextAttemptAt`, or `failed` for good when it is null. */
  markAttemptFailed(id: string, error: string, nextAttemptAt: string | null): Promise<void>;
  /** How many acknowledgements went to `address` from this mailbox since `since` (loop and flood guard). */
  autoAcksSince(mailboxId: string, address: string, since: string): Promise<number>;
  get(id: string): Promise<StoredEmail | undefined>;
  /** Outbound mail waiting to go and mail that failed for good (for monitoring). */
  counts(): Promise<{ pending: number; failed: number }>;
}
