/**
 * Netstrings (`<length>:<bytes>,`), the framing Kamailio's evapi module uses
 * on its TCP connections (modparam netstring_format=1). Lengths count bytes,
 * not characters: payloads are UTF-8 JSON.
 */

export class NetstringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetstringError';
  }
}

export function encodeNetstring(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body, Buffer.from(',', 'ascii')]);
}

/** Space, tab, CR, LF: evapi's own reader skips these between frames, and so does ours. */
const isBlank = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;

/**
 * Splits a byte stream into netstring payloads. Bytes may arrive in any
 * chunks; blanks between frames are skipped, as Kamailio's evapi does (the
 * CTI sends one as a bare TCP acknowledgement, see evapiClient.ts). A
 * malformed frame or one over `maxBytes` throws NetstringError: the stream
 * cannot be resynchronised after that, so the caller drops the connection
 * (and reconnects).
 */
export class NetstringDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxBytes = 1_048_576) {}

  push(chunk: Buffer): string[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: string[] = [];
    for (;;) {
      let start = 0;
      while (isBlank(this.buffer[start])) start++;
      if (start > 0) this.buffer = this.buffer.subarray(start);
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) {
        if (this.buffer.length > 10) throw new NetstringError('netstring length too long or missing ":"');
        return out;
      }
      const digits = this.buffer.subarray(0, colon).toString('ascii');
      if (!/^(0|[1-9][0-9]{0,9})$/.test(digits)) throw new NetstringError(`bad netstring length "${digits.slice(0, 12)}"`);
      const length = Number(digits);
      if (length > this.maxBytes) throw new NetstringError(`netstring of ${length} bytes is over the ${this.maxBytes} byte limit`);
      const end = colon + 1 + length;
      if (this.buffer.length < end + 1) return out;
      if (this.buffer[end] !== 0x2c) throw new NetstringError('netstring not terminated by ","');
      out.push(this.buffer.subarray(colon + 1, end).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 1);
    }
  }
}
