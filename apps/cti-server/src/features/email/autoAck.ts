import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import type { IngestOutcome, MailboxRecord, MailStore } from '../../store/MailStore.js';
import type { EmailOutbox } from './emailOutbox.js';
import { answerTo, composeMime } from './outboundMail.js';

/** At most one acknowledgement per sender and mailbox in this window (RFC 3834 §2: do not answer the same sender again soon). */
const ONE_ACK_PER_MS = 60 * 60_000;

const DEFAULT_TEMPLATE = 'We have received your message and will answer soon. Your reference: {{ticket}}\n\n我们已收到您的邮件，将尽快回复。您的受理编号：{{ticket}}';

/** The template with `{{ticket}}` and `{{subject}}` filled in. */
export function fillAckTemplate(template: string, values: { ticket: string; subject: string }): string {
  return (template.trim() || DEFAULT_TEMPLATE).replace(/\{\{\s*(ticket|subject)\s*\}\}/g, (_, key: 'ticket' | 'subject') => values[key]);
}

/**
 * The automatic acknowledgement with the ticket reference, when the mailbox
 * has it on. Only for a mail that opened a new interaction: never for
 * automatic mail (which opens none), never for a reply joining an open
 * conversation, and at most once an hour per sender, so two responders
 * cannot loop. Marked `Auto-Submitted: auto-replied`. Sent through the
 * outbox like a reply. Runs after the mail is committed: a crash in between
 * loses the acknowledgement, never the mail.
 */
export class AutoAck {
  constructor(private readonly deps: { mail: MailStore; outbox: EmailOutbox; clock: Clock; log: Logger }) {}

  async afterStored(mailbox: MailboxRecord, outcome: IngestOutcome): Promise<void> {
    if (outcome.kind !== 'created' || !mailbox.autoAck.enabled) return;
    const original = await this.deps.mail.outbox.get(outcome.messageId);
    const to = original?.from?.address.toLowerCase();
    if (!original || !to || original.automatic) return;
    const now = this.deps.clock.now();
    if ((await this.deps.mail.outbox.autoAcksSince(mailbox.id, to, new Date(now - ONE_ACK_PER_MS).toISOString())) > 0) return;
    const text = fillAckTemplate(mailbox.autoAck.template, { ticket: outcome.ticketRef, subject: original.subject });
    const draft = { ...answerTo(original, { name: mailbox.displayName, address: mailbox.address }, outcome.ticketRef, text), autoReplied: true };
    await this.deps.mail.outbox.add({
      mailboxId: mailbox.id,
      threadId: outcome.threadId,
      interactionId: outcome.interaction.id,
      ...draft,
      // To the sender themself, not a Reply-To list (RFC 3834 §4).
      to: [{ name: original.from?.name ?? '', address: to }],
      raw: await composeMime({ ...draft, to: [{ name: original.from?.name ?? '', address: to }] }, new Date(now)),
      automatic: 'autoAck',
      at: new Date(now).toISOString(),
    });
    void this.deps.outbox.kick();
  }
}
