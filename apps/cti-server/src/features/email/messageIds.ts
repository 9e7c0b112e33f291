/**
 * Message-ID handling for threading (RFC 5322 §3.6.4): ids are compared as
 * `<left@right>` strings, exactly (the left part is case-sensitive).
 */

const ID_RE = /<([^<>\s@]+@[^<>\s]+)>/g;

/** Every `<id@host>` in a header value, in order, without repeats. */
export function messageIdsIn(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set([...value.matchAll(ID_RE)].map((m) => `<${m[1] ?? ''}>`))];
}

/** The first well-formed id of a Message-ID header, or undefined when it has none. */
export function firstMessageId(value: string | undefined): string | undefined {
  return messageIdsIn(value)[0];
}

/**
 * A stable id for a mail that has no Message-ID: derived from its content
 * hash, so fetching the same bytes again (a restart, a UIDVALIDITY re-scan)
 * gives the same id and the mail is stored once.
 */
export function syntheticMessageId(contentHash: string): string {
  return `<${contentHash.slice(0, 40)}@synthetic.omnicc.invalid>`;
}

/**
 * What a reply refers to, most specific first: In-Reply-To, then References
 * from the newest (last) to the oldest.
 */
export function referencedIds(inReplyTo: string | undefined, references: string | undefined): string[] {
  return [...new Set([...messageIdsIn(inReplyTo), ...messageIdsIn(references).reverse()])].slice(0, 100);
}

const TICKET_RE = /\[#(T-\d{1,15})\]/;

/** The ticket reference of a subject's `[#T-12345]` token, if any. */
export function ticketRefIn(subject: string): string | undefined {
  return TICKET_RE.exec(subject)?.[1];
}

/** The token our outgoing mail carries in its subject, so a reply that lost its headers still finds its thread. */
export const ticketToken = (ticketRef: string): string => `[#${ticketRef}]`;
