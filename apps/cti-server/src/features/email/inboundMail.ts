import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { EmailAddressRecord, InboundEmail, NewAttachment } from '../../store/MailStore.js';
import { automaticReason, headerValues } from './automaticMail.js';
import { firstMessageId, referencedIds, syntheticMessageId, ticketRefIn } from './messageIds.js';
import { rawEightBitSubject } from './rawSubject.js';

export interface InboundLimits {
  /** Attachment bytes kept per mail; later attachments are refused (metadata kept, note added). */
  maxAttachmentBytes: number;
  /** The address of the mailbox the mail came to (loop detection). */
  mailboxAddress: string;
}

/** Header lines kept per mail; a hostile mail with megabytes of headers keeps only the first. */
const MAX_HEADER_CHARS = 64 * 1024;

/**
 * Turns a fetched raw mail into what the store keeps. Never throws for bad
 * input: broken MIME is read as far as mailparser can, and a mail it cannot
 * parse at all is kept as text with a note, so one bad mail can neither be
 * lost nor block the mailbox behind it. `truncated`: the source was cut at
 * the fetch limit (its attachments are refused).
 */
export async function readInboundMail(raw: Buffer, options: { truncated: boolean; rawSize: number }, limits: InboundLimits): Promise<InboundEmail> {
  const contentHash = createHash('sha256').update(raw).digest('hex');
  const notes: string[] = options.truncated ? [`truncated: the mail is ${options.rawSize} bytes, only the first ${raw.length} were read`] : [];
  let parsed: ParsedMail | undefined;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, maxHtmlLengthToParse: 4 * 1024 * 1024 });
  } catch (err) {
    notes.push(`unparseable: ${(err as Error).message}`);
  }
  if (!parsed) return clean(unparsedMail(raw, contentHash, options.rawSize, notes, limits));

  const headers = headerPairs(parsed, notes);
  const from = firstAddress(parsed.from);
  const rawMessageId = firstMessageId(headerValues(headers, 'message-id')[0]);
  const subject = rawEightBitSubject(raw) ?? parsed.subject ?? '';
  const inReplyTo = firstMessageId(headerValues(headers, 'in-reply-to')[0]);
  const automatic = automaticReason(headers, from?.address, limits.mailboxAddress);
  const ticketRef = ticketRefIn(subject);
  const text = parsed.text;
  const html = typeof parsed.html === 'string' ? parsed.html : undefined;
  return clean({
    messageId: rawMessageId ?? syntheticMessageId(contentHash),
    messageIdSynthetic: rawMessageId === undefined,
    ...(inReplyTo ? { inReplyTo } : {}),
    references: referencedIds(headerValues(headers, 'in-reply-to')[0], headerValues(headers, 'references').join(' ')),
    ...(ticketRef ? { ticketRef } : {}),
    subject,
    ...(from ? { from } : {}),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    ...(parsed.date && !Number.isNaN(parsed.date.getTime()) ? { sentAt: parsed.date.toISOString() } : {}),
    headers,
    ...(text !== undefined ? { text } : {}),
    ...(html !== undefined ? { html } : {}),
    contentHash,
    rawSize: options.rawSize,
    ...(automatic ? { automatic } : {}),
    notes,
    attachments: keptAttachments(parsed, options.truncated, limits.maxAttachmentBytes, notes),
  });
}

function headerPairs(parsed: ParsedMail, notes: string[]): [string, string][] {
  const out: [string, string][] = [];
  let chars = 0;
  for (const { key, line } of parsed.headerLines) {
    chars += line.length;
    if (chars > MAX_HEADER_CHARS) {
      notes.push(`headers over ${MAX_HEADER_CHARS} characters: the rest were dropped`);
      break;
    }
    out.push([key, line]);
  }
  return out;
}

/** Attachments in order while their total fits the limit; past it, metadata only and a note. */
function keptAttachments(parsed: ParsedMail, truncated: boolean, maxBytes: number, notes: string[]): NewAttachment[] {
  let kept = 0;
  return parsed.attachments.map((a) => {
    const base = { filename: a.filename ?? 'attachment', contentType: a.contentType || 'application/octet-stream', size: a.size };
    if (truncated) return { ...base, refused: 'truncated' as const };
    if (kept + a.size > maxBytes) {
      notes.push(`attachment "${base.filename}" (${a.size} bytes) refused: over the ${maxBytes}-byte limit per mail`);
      return { ...base, refused: 'overLimit' as const };
    }
    kept += a.size;
    return { ...base, content: a.content, sha256: createHash('sha256').update(a.content).digest('hex') };
  });
}

function firstAddress(value: AddressObject | undefined): EmailAddressRecord | undefined {
  const first = value?.value.find((v) => v.address);
  return first?.address ? { name: first.name, address: first.address } : undefined;
}

function addresses(value: AddressObject | AddressObject[] | undefined): EmailAddressRecord[] {
  const all = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return all.flatMap((o) => o.value.flatMap((v) => [v, ...(v.group ?? [])])).flatMap((v) => (v.address ? [{ name: v.name, address: v.address }] : []));
}

/** What is kept of a mail mailparser could not read: its bytes as text, so nothing is lost. */
function unparsedMail(raw: Buffer, contentHash: string, rawSize: number, notes: string[], limits: InboundLimits): InboundEmail {
  const text = raw.toString('utf8');
  const headLines = text.split(/\r?\n\r?\n/)[0]?.split(/\r?\n/) ?? [];
  const headers: [string, string][] = headLines.filter((l) => /^[!-9;-~]+:/.test(l)).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l]);
  const messageId = firstMessageId(headerValues(headers, 'message-id')[0]);
  const automatic = automaticReason(headers, undefined, limits.mailboxAddress);
  return {
    messageId: messageId ?? syntheticMessageId(contentHash),
    messageIdSynthetic: messageId === undefined,
    references: referencedIds(headerValues(headers, 'in-reply-to')[0], headerValues(headers, 'references').join(' ')),
    subject: headerValues(headers, 'subject')[0] ?? '',
    to: [],
    cc: [],
    headers: headers.slice(0, 200),
    text,
    contentHash,
    rawSize,
    ...(automatic ? { automatic } : {}),
    notes,
    attachments: [],
  };
}

/** PostgreSQL text and jsonb refuse NUL characters: a mail with one must still be stored. */
function clean(mail: InboundEmail): InboundEmail {
  const strip = <T>(v: T): T => {
    if (typeof v === 'string') return v.replace(/\0/g, '') as T;
    if (Array.isArray(v)) return v.map(strip) as T;
    if (v && typeof v === 'object' && !Buffer.isBuffer(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)])) as T;
    return v;
  };
  return strip(mail);
}
