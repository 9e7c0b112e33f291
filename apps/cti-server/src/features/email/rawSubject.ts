import iconv from 'iconv-lite';

/**
 * The subject of a mail whose Subject header carries raw 8-bit bytes in a
 * legacy charset (RFC 2047 says to encode them; many Chinese mailers send
 * GBK/GB2312 bytes as they are). mailparser reads such bytes as UTF-8 and
 * gives mojibake; here, when the raw header is not valid UTF-8, it is decoded
 * with the message's own charset (top-level Content-Type), else GB18030 (a
 * superset of GB2312 and GBK, the usual case for our users).
 *
 * Returns undefined when the header is plain ASCII or valid UTF-8: then
 * mailparser's own decoding (which handles `=?GB2312?B?...?=` words through
 * iconv-lite) stands.
 */
export function rawEightBitSubject(raw: Buffer): string | undefined {
  const head = headerBlock(raw);
  const subject = rawHeader(head, 'subject');
  if (!subject || isAsciiOrUtf8(subject)) return undefined;
  const contentType = rawHeader(head, 'content-type')?.toString('latin1') ?? '';
  const declared = /charset\s*=\s*"?([A-Za-z0-9_.:-]+)"?/i.exec(contentType)?.[1];
  const charset = declared && iconv.encodingExists(declared) && !/^(utf-?8|us-ascii)$/i.test(declared) ? declared : 'gb18030';
  return iconv.decode(subject, charset).replace(/\s+/g, ' ').trim();
}

/** Bytes of the header section (up to the first empty line). */
function headerBlock(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const end = [crlf, lf].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  return end === undefined ? raw.subarray(0, Math.min(raw.length, 256 * 1024)) : raw.subarray(0, end);
}

/** The raw bytes of the first header `name` (folded lines joined), without the name. */
function rawHeader(head: Buffer, name: string): Buffer | undefined {
  const lines = head.toString('latin1').split(/\r?\n/);
  const start = lines.findIndex((l) => l.toLowerCase().startsWith(`${name}:`));
  if (start < 0) return undefined;
  let value = (lines[start] ?? '').slice(name.length + 1);
  for (let i = start + 1; i < lines.length && /^[ \t]/.test(lines[i] ?? ''); i++) value += lines[i] ?? '';
  // latin1 round-trips every byte, so this is the header's original bytes.
  return Buffer.from(value.trim(), 'latin1');
}

function isAsciiOrUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
