import { randomUUID } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailAddressRecord, NewOutbound, StoredEmail } from '../../store/MailStore.js';
import { headerValues } from './automaticMail.js';
import { ticketRefIn, ticketToken } from './messageIds.js';

/** What an answer to a received mail carries, before it is composed. */
export type OutboundDraft = Pick<NewOutbound, 'messageId' | 'inReplyTo' | 'references' | 'subject' | 'from' | 'to' | 'text'> & {
  /** RFC 3834 `Auto-Submitted: auto-replied` (our acknowledgements), so compliant responders stay quiet. */
  autoReplied?: boolean;
};

/** A fresh Message-ID in the mailbox's own domain. */
export function newMessageIdFor(mailboxAddress: string): string {
  return `<${randomUUID()}@${mailboxAddress.split('@')[1] ?? 'omnicc.invalid'}>`;
}

/**
 * The headers of an answer to `original` (RFC 5322 §3.6.4): to its Reply-To,
 * else its sender; In-Reply-To its Message-ID; References its References
 * plus its Message-ID (the newest last, at most 20 kept); the subject with
 * one `Re:` and the thread's `[#T-n]` token, so a reply that loses the
 * headers still finds the thread.
 */
export function answerTo(original: StoredEmail, mailbox: EmailAddressRecord, ticketRef: string, text: string): OutboundDraft {
  const replyTo = addressesIn(headerValues(original.headers, 'reply-to')[0]);
  const to = replyTo.length > 0 ? replyTo : original.from ? [original.from] : [];
  const base = /^\s*(re|回复|答复)\s*[:：]/i.test(original.subject) ? original.subject.trim() : `Re: ${original.subject.trim()}`;
  const subject = ticketRefIn(base) === ticketRef ? base : `${base} ${ticketToken(ticketRef)}`;
  const references = [...original.references.filter((r) => r !== original.messageId).reverse(), original.messageId].slice(-20);
  return { messageId: newMessageIdFor(mailbox.address), inReplyTo: original.messageId, references, subject, from: mailbox, to, text };
}

/** The MIME bytes of a draft (UTF-8 text, quoted-printable or base64 as nodemailer picks). */
export async function composeMime(draft: OutboundDraft, at: Date): Promise<Buffer> {
  const composer = new MailComposer({
    from: { name: draft.from.name, address: draft.from.address },
    to: draft.to.map((a) => ({ name: a.name, address: a.address })),
    subject: draft.subject,
    text: draft.text,
    messageId: draft.messageId,
    date: at,
    ...(draft.inReplyTo ? { inReplyTo: draft.inReplyTo } : {}),
    ...(draft.references.length ? { references: draft.references } : {}),
    headers: draft.autoReplied ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'auto_reply' } : {},
  });
  return composer.compile().build();
}

function addressesIn(value: string | undefined): EmailAddressRecord[] {
  if (!value) return [];
  return addressparser(value, { flatten: true }).flatMap((a) => (a.address ? [{ name: a.name, address: a.address }] : []));
}
