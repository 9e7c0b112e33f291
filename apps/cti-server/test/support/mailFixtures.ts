import { randomBytes } from 'node:crypto';

export const SUPPORT_ADDRESS = 'support@omnicc.test';

export interface MailSpec {
  from?: string;
  to?: string;
  subject?: string;
  /** `null`: no Message-ID header at all. Default: a fresh random one. */
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  /** Extra header lines, e.g. `Auto-Submitted: auto-replied`. */
  headers?: string[];
  text?: string;
  /** Attachments as (name, bytes); the mail becomes multipart/mixed. */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
  date?: string;
}

/** A fresh Message-ID, as a mail client would make one. */
export const newMessageId = (): string => `<${randomBytes(8).toString('hex')}@customer.example>`;

/** An RFC 5322 mail as a string (CRLF lines), plain text or multipart with base64 attachments. */
export function mail(spec: MailSpec = {}): string {
  const messageId = spec.messageId === undefined ? newMessageId() : spec.messageId;
  const head = [
    `From: ${spec.from ?? 'Zhang San <zhang.san@customer.example>'}`,
    `To: ${spec.to ?? SUPPORT_ADDRESS}`,
    `Subject: ${spec.subject ?? 'My bill'}`,
    `Date: ${spec.date ?? 'Tue, 24 Nov 2026 10:00:00 +0800'}`,
    ...(messageId ? [`Message-ID: ${messageId}`] : []),
    ...(spec.inReplyTo ? [`In-Reply-To: ${spec.inReplyTo}`] : []),
    ...(spec.references?.length ? [`References: ${spec.references.join(' ')}`] : []),
    'MIME-Version: 1.0',
    ...(spec.headers ?? []),
  ];
  const text = spec.text ?? 'Hello, my bill is wrong.';
  if (!spec.attachments?.length) return [...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text, ''].join('\r\n');
  const boundary = `b-${randomBytes(6).toString('hex')}`;
  const parts = [
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    ...spec.attachments.flatMap((a) => [
      `--${boundary}`,
      `Content-Type: ${a.contentType}; name="${a.filename}"`,
      `Content-Disposition: attachment; filename="${a.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      (a.content.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n'),
    ]),
    `--${boundary}--`,
    '',
  ];
  return [...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts].join('\r\n');
}

/** Polls `check` until it is truthy (every 50 ms, `timeoutMs` at most); resolves with its value. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
