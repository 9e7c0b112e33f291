import { randomUUID } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailAddressRecord, NewOutbound, StoredEmail } from '../../store/MailStore.js';
import { headerValues } from './automaticMail.js';
import { ticketRefIn, ticketToken } from './messageIds.js';

/** What an answer to a received mail carries, before it is composed. */
export type OutboundDraft = Pick<NewOutbound, 'messageId' | 'inReplyTo' | 'references' | 'subject' | 'from' | 'to' | 'cc' | 'text'> & {
  /** RFC 3834 `Auto-Submitted: auto-replied` (our acknowledgements), so compliant responders stay quiet. */
  autoReplied?: boolean;
  /** Files sent along (a forward carries the original's kept attachments). */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
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
export function answerTo(original: StoredEmail, mailbox: EmailAddressRecord, ticketRef: string, text: string, options: { all?: boolean } = {}): OutboundDraft {
  const replyTo = addressesIn(headerValues(original.headers, 'reply-to')[0]);
  const to = replyTo.length > 0 ? replyTo : original.from ? [original.from] : [];
  // Reply-all: everyone else the original went to, but never our own mailbox nor someone already in To.
  const skip = new Set([mailbox.address, ...to.map((a) => a.address)].map((a) => a.toLowerCase()));
  const cc = options.all ? uniqueAddresses([...original.to, ...original.cc]).filter((a) => !skip.has(a.address.toLowerCase())) : [];
  const references = [...original.references.filter((r) => r !== original.messageId).reverse(), original.messageId].slice(-20);
  return { messageId: newMessageIdFor(mailbox.address), inReplyTo: original.messageId, references, subject: withPrefix('Re', /^\s*(re|回复|答复)\s*[:：]/i, original.subject, ticketRef), from: mailbox, to, cc, text };
}

/**
 * A forward of `original` to `to` (e.g. a back office): the agent's text,
 * then the original's headers and text; its kept attachments go along.
 * References keep the thread, so an answer from the back office comes back
 * into the conversation.
 */
export function forwardOf(original: StoredEmail, mailbox: EmailAddressRecord, ticketRef: string, text: string, to: EmailAddressRecord[], attachments: OutboundDraft['attachments'] = []): OutboundDraft {
  const quoted = [
    '---------- Forwarded message ----------',
    `From: ${original.from ? formatAddress(original.from) : ''}`,
    `Date: ${original.receivedAt}`,
    `Subject: ${original.subject}`,
    `To: ${original.to.map(formatAddress).join(', ')}`,
    '',
    original.text ?? '',
  ].join('\n');
  const references = [...original.references.filter((r) => r !== original.messageId).reverse(), original.messageId].slice(-20);
  return { messageId: newMessageIdFor(mailbox.address), references, subject: withPrefix('Fwd', /^\s*(fwd?|转发)\s*[:：]/i, original.subject, ticketRef), from: mailbox, to, cc: [], text: `${text}\n\n${quoted}`, attachments };
}

/** `Re: subject [#T-n]`: the prefix once, the thread's token once. */
function withPrefix(prefix: string, already: RegExp, subject: string, ticketRef: string): string {
  const base = already.test(subject) ? subject.trim() : `${prefix}: ${subject.trim()}`;
  return ticketRefIn(base) === ticketRef ? base : `${base} ${ticketToken(ticketRef)}`;
}

const formatAddress = (a: EmailAddressRecord): string => (a.name ? `${a.name} <${a.address}>` : a.address);

function uniqueAddresses(list: EmailAddressRecord[]): EmailAddressRecord[] {
  const seen = new Set<string>();
  return list.filter((a) => !seen.has(a.address.toLowerCase()) && seen.add(a.address.toLowerCase()));
}

/** The MIME bytes of a draft (UTF-8 text, quoted-printable or base64 as nodemailer picks). */
export async function composeMime(draft: OutboundDraft, at: Date): Promise<Buffer> {
  const composer = new MailComposer({
    from: { name: draft.from.name, address: draft.from.address },
    to: draft.to.map((a) => ({ name: a.name, address: a.address })),
    ...(draft.cc.length ? { cc: draft.cc.map((a) => ({ name: a.name, address: a.address })) } : {}),
    subject: draft.subject,
    ...(draft.attachments?.length ? { attachments: draft.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) } : {}),
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
