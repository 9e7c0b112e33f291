import { AppError, type EmailConversation, type EmailMessageView, type EmailReplyRequest, type Interaction } from '@omnicc/shared';
import type { Clock } from '../../clock.js';
import type { MailStore, StoredEmail } from '../../store/MailStore.js';
import type { Store } from '../../store/Store.js';
import { ownedInteraction } from '../interactions/interactionLookup.js';
import type { EmailOutbox } from './emailOutbox.js';
import { sanitizeMailHtml } from './htmlSanitizer.js';
import { MAIL_BODY_TICKET_SECONDS, type MailBodyUrls } from './mailBodyRoutes.js';
import { answerTo, composeMime, forwardOf } from './outboundMail.js';

/** A stored mail as an agent may see it: HTML sanitized, nothing internal. */
export function messageView(m: StoredEmail): EmailMessageView {
  const html = m.html === undefined ? undefined : sanitizeMailHtml(m.html);
  return {
    id: m.id,
    direction: m.direction,
    ...(m.interactionId ? { interactionId: m.interactionId } : {}),
    subject: m.subject,
    ...(m.from ? { from: m.from } : {}),
    to: m.to,
    cc: m.cc,
    at: m.receivedAt,
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(html ? { html: html.html } : {}),
    remoteImages: html?.remoteImages ?? 0,
    quoted: html?.quoted ?? false,
    ...(m.automatic ? { automatic: m.automatic } : {}),
    notes: m.notes,
    attachments: m.attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, ...(a.refused ? { refused: a.refused } : {}) })),
    ...(m.delivery ? { delivery: m.delivery } : {}),
    ...(m.lastError ? { lastError: m.lastError } : {}),
  };
}

/**
 * An email interaction for the desktop: its whole thread to read, and the
 * agent's reply, stored `pending` and handed to the outbox (the POST returns
 * once the reply is stored, not once it is sent: its `delivery` shows the rest).
 */
export class EmailConversations {
  constructor(private readonly deps: { store: Store; mail: MailStore; clock: Clock; outbox: EmailOutbox; bodyUrls: MailBodyUrls }) {}

  /** The thread as `readerId` may see it, HTML bodies behind addresses signed for them. NOT_FOUND for an interaction that is not an email conversation. */
  async view(interaction: Interaction, readerId: string): Promise<EmailConversation> {
    const thread = await this.deps.mail.messages.threadOfInteraction(interaction.id);
    const mailbox = thread && (await this.deps.mail.mailboxes.get(thread.mailboxId));
    if (!thread || !mailbox) throw new AppError('NOT_FOUND', 'not an email interaction');
    const stored = await this.deps.mail.messages.listByThread(thread.threadId);
    let expiresAt = this.deps.clock.now() + MAIL_BODY_TICKET_SECONDS * 1000;
    const messages = await Promise.all(
      stored.map(async (m) => {
        if (m.html === undefined) return messageView(m);
        const body = await this.deps.bodyUrls(readerId, m.id);
        expiresAt = Math.min(expiresAt, body.expiresAt);
        return { ...messageView(m), bodyUrl: body.url };
      }),
    );
    return {
      interactionId: interaction.id,
      ticketRef: thread.ticketRef,
      mailbox: { id: mailbox.id, address: mailbox.address, displayName: mailbox.displayName },
      messages,
      bodyUrlsExpireAt: new Date(expiresAt).toISOString(),
    };
  }

  /**
   * An attachment of the interaction's thread, with its bytes: NOT_FOUND for
   * one of another thread (an id alone opens nothing), INVALID_STATE for one
   * whose bytes were refused (over the limit, truncated).
   */
  async attachment(interaction: Interaction, attachmentId: string): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const thread = await this.deps.mail.messages.threadOfInteraction(interaction.id);
    const found = thread && (await this.deps.mail.messages.attachment(attachmentId));
    if (!found || found.threadId !== thread?.threadId) throw new AppError('NOT_FOUND', 'attachment not found');
    if (!found.content) throw new AppError('INVALID_STATE', `attachment was not kept (${found.refused ?? 'refused'})`);
    return { filename: found.filename, contentType: found.contentType, content: found.content };
  }

  /**
   * The agent answers the customer's latest mail. Only the agent holding
   * the interaction, while it is assigned (NOT_OWNER, INVALID_STATE); a
   * repeated `clientMessageId` returns the stored reply and sends nothing more.
   */
  async reply(agentId: string, interactionId: string, body: EmailReplyRequest): Promise<EmailMessageView> {
    const interaction = await ownedInteraction(this.deps.store, agentId, interactionId);
    if (interaction.state !== 'assigned') throw new AppError('INVALID_STATE', 'the email is not assigned to you now');
    const thread = await this.deps.mail.messages.threadOfInteraction(interaction.id);
    const mailbox = thread && (await this.deps.mail.mailboxes.get(thread.mailboxId));
    if (!thread || !mailbox) throw new AppError('NOT_FOUND', 'not an email interaction');
    const inbound = (await this.deps.mail.messages.listByThread(thread.threadId)).filter((m) => m.direction === 'in' && m.from);
    // The customer's latest own mail; an out-of-office reply is not what the agent answers.
    const original = inbound.filter((m) => !m.automatic).at(-1) ?? inbound.at(-1);
    if (!original) throw new AppError('INVALID_STATE', 'the conversation has no sender to answer');
    const from = { name: mailbox.displayName, address: mailbox.address };
    const draft =
      body.mode === 'forward'
        ? forwardOf(original, from, thread.ticketRef, body.text, (body.to ?? []).map((address) => ({ name: '', address })), await this.keptAttachments(original))
        : answerTo(original, from, thread.ticketRef, body.text, { all: body.mode === 'replyAll' });
    if (draft.to.length === 0) throw new AppError('INVALID_STATE', 'the conversation has no sender to answer');
    const now = this.deps.clock.now();
    const { message, created } = await this.deps.mail.outbox.add({
      mailboxId: mailbox.id,
      threadId: thread.threadId,
      interactionId: interaction.id,
      ...draft,
      raw: await composeMime(draft, new Date(now)),
      clientMessageId: body.clientMessageId,
      authorId: agentId,
      at: new Date(now).toISOString(),
    });
    if (created) void this.deps.outbox.kick();
    return messageView(message);
  }

  private async keptAttachments(m: StoredEmail): Promise<{ filename: string; contentType: string; content: Buffer }[]> {
    const files = await Promise.all(m.attachments.filter((a) => a.stored).map((a) => this.deps.mail.messages.attachment(a.id)));
    return files.flatMap((f) => (f?.content ? [{ filename: f.filename, contentType: f.contentType, content: f.content }] : []));
  }
}
