import { describe, expect, it } from 'vitest';
import { automaticReason } from './automaticMail.js';
import { readInboundMail } from './inboundMail.js';
import { referencedIds, syntheticMessageId, ticketRefIn } from './messageIds.js';

const limits = { maxAttachmentBytes: 100, mailboxAddress: 'support@omnicc.test' };
const read = (raw: string, truncated = false) => readInboundMail(Buffer.from(raw), { truncated, rawSize: raw.length + (truncated ? 1000 : 0) }, limits);

describe('message ids and tickets', () => {
  it('orders what a reply refers to: In-Reply-To, then References newest first, without repeats', () => {
    expect(referencedIds('<c@x>', '<a@x> <b@x>\r\n <c@x>')).toEqual(['<c@x>', '<b@x>', '<a@x>']);
    expect(referencedIds(undefined, 'garbage <no-at> <ok@x>')).toEqual(['<ok@x>']);
  });

  it('finds the ticket token of a subject', () => {
    expect(ticketRefIn('Re: Broadband [#T-10042] still down')).toBe('T-10042');
    expect(ticketRefIn('T-10042 without brackets')).toBeUndefined();
  });

  it('derives a synthetic id from the content hash', () => {
    expect(syntheticMessageId('ab'.repeat(32))).toBe(`<${'ab'.repeat(20)}@synthetic.omnicc.invalid>`);
  });
});

describe('automatic mail', () => {
  const h = (...lines: string[]): [string, string][] => lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l]);
  it('reads folded headers and ignores Auto-Submitted: no', () => {
    expect(automaticReason(h('Auto-Submitted:\r\n auto-replied; owner-email="x@y"'), 'a@b', 'support@omnicc.test')).toBe('autoSubmitted');
    expect(automaticReason(h('Auto-Submitted: No'), 'a@b', 'support@omnicc.test')).toBeUndefined();
    expect(automaticReason(h('Precedence: first-class'), 'a@b', 'support@omnicc.test')).toBeUndefined();
    expect(automaticReason(h('X-Loop: SUPPORT@omnicc.test'), 'a@b', 'support@omnicc.test')).toBe('loop');
  });
});

describe('readInboundMail', () => {
  it('strips NUL characters PostgreSQL would refuse, everywhere', async () => {
    const m = await read('From: a\u0000b <ab@x.example>\r\nSubject: s\u0000t\r\nMessage-ID: <n@x>\r\n\r\nbody\u0000text\r\n');
    expect(JSON.stringify(m)).not.toContain('\\u0000');
    expect(m.subject).toBe('st');
  });

  it('refuses every attachment of a truncated mail and says why', async () => {
    const m = await read(['Subject: big', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'see attached', '--b', 'Content-Type: application/pdf; name="x.pdf"', 'Content-Disposition: attachment; filename="x.pdf"', 'Content-Transfer-Encoding: base64', '', 'QUJD'].join('\r\n'), true);
    expect(m.attachments).toEqual([{ filename: 'x.pdf', contentType: 'application/pdf', size: 3, refused: 'truncated' }]);
    expect(m.notes[0]).toMatch(/^truncated/);
  });
});
