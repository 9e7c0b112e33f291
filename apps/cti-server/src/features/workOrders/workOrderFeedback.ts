import type pg from 'pg';
import { AppError, splitText } from '@omnicc/shared';
import { createDb, type Tx } from '../../adapters/db/db.js';
import { insertAutomatic } from '../../adapters/db/smsAutomaticRows.js';
import type { MailStore } from '../../store/MailStore.js';
import { answerTo, composeMime } from '../email/outboundMail.js';
import { isPhoneNumber, normalisePhoneNumber } from '../sms/phoneNumber.js';

/** What the feedback needs of the SMS channel (SmsChannel). */
export interface FeedbackSmsChannel {
  readonly enabled: boolean;
  readonly gatewayName: string;
  wake(): Promise<void>;
}

export interface WorkOrderFeedbackDeps {
  pool: pg.Pool;
  mail: MailStore;
  /** The email outbox's kick (EmailOutbox.kick): sends at once instead of at its next scan. */
  kickEmail: () => Promise<void>;
  sms: FeedbackSmsChannel;
  serviceNumber: string;
  maxParts: number;
}

/** What a feedback wrote: the channel's message id and where it went. */
export interface FeedbackSent {
  messageId: string;
  to: string;
}

/**
 * Sends a work order's feedback to its customer through the existing
 * outboxes (docs/work-orders.md, "Feedback"): an SMS as an automatic outbox
 * row (no conversation: it may be days after the contact) written in one
 * transaction with the history entry; an email as a reply on the thread of
 * the order's email interaction, so the customer gets it under their ticket.
 */
export class WorkOrderFeedback {
  constructor(private readonly deps: WorkOrderFeedbackDeps) {}

  /** Queues an SMS to `number` and, in the same transaction, runs `record` (the order's history and version). */
  async sms(number: string, text: string, at: Date, record: (tx: Tx, messageId: string) => Promise<void>): Promise<FeedbackSent> {
    const { sms } = this.deps;
    if (!sms.enabled) throw new AppError('UNAVAILABLE', 'SMS is not configured on this server');
    const to = normalisePhoneNumber(number);
    if (!isPhoneNumber(to)) throw new AppError('BAD_REQUEST', `not a phone number: ${number}`);
    const parts = splitText(text).parts.length;
    if (parts > this.deps.maxParts) throw new AppError('PAYLOAD_TOO_LARGE', `the feedback needs ${parts} SMS parts, more than ${this.deps.maxParts}`);
    const messageId = await createDb(this.deps.pool).transaction(async (tx) => {
      const id = await insertAutomatic(tx, { number: to, serviceNumber: this.deps.serviceNumber, gateway: sms.gatewayName }, 'workOrderFeedback', { text, parts }, at);
      await record(tx, id);
      return id;
    });
    // Stored already: a lost wake-up only delays it to the outbox's next scan.
    await sms.wake().catch(() => undefined);
    return { messageId, to };
  }

  /** Replies on the thread of `interactionId` (an email interaction) with `text`; `clientMessageId` makes a retry send nothing more. */
  async email(interactionId: string, text: string, clientMessageId: string, authorId: string, at: Date): Promise<FeedbackSent> {
    const { mail } = this.deps;
    const thread = await mail.messages.threadOfInteraction(interactionId);
    const mailbox = thread && (await mail.mailboxes.get(thread.mailboxId));
    if (!thread || !mailbox) throw new AppError('INVALID_STATE', 'the work order has no email conversation to answer on');
    const inbound = (await mail.messages.listByThread(thread.threadId)).filter((m) => m.direction === 'in' && m.from);
    const original = inbound.filter((m) => !m.automatic).at(-1) ?? inbound.at(-1);
    if (!original) throw new AppError('INVALID_STATE', 'the email conversation has no sender to answer');
    const draft = answerTo(original, { name: mailbox.displayName, address: mailbox.address }, thread.ticketRef, text);
    const to = draft.to[0]?.address;
    if (!to) throw new AppError('INVALID_STATE', 'the email conversation has no sender to answer');
    const { message, created } = await mail.outbox.add({
      mailboxId: mailbox.id,
      threadId: thread.threadId,
      interactionId,
      ...draft,
      raw: await composeMime(draft, at),
      clientMessageId,
      authorId,
      at: at.toISOString(),
    });
    if (created) void this.deps.kickEmail().catch(() => undefined);
    return { messageId: message.id, to };
  }
}
