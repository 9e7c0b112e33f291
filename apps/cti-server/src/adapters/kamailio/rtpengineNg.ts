import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

/**
 * A minimal client of rtpengine's control protocol ("ng": bencoded
 * dictionaries over UDP, each prefixed by a cookie). Used for readiness
 * (ping), statistics (list, query), silent monitor (subscribe) and the queue
 * tone (offer, answer, play media); Kamailio's rtpengine module does the
 * offer/answer/delete of calls to agents itself.
 */

/** Buffers travel as byte strings (a media file in `play media`). */
export type Bencodable = string | number | Buffer | Bencodable[] | { [key: string]: Bencodable };

export function bencode(value: Bencodable): Buffer {
  if (typeof value === 'number') return Buffer.from(`i${Math.trunc(value)}e`);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([Buffer.from(`${value.length}:`), value]);
  if (Array.isArray(value)) return Buffer.concat([Buffer.from('l'), ...value.map(bencode), Buffer.from('e')]);
  const keys = Object.keys(value).sort();
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((k) => [bencode(k), bencode(value[k] as Bencodable)]), Buffer.from('e')]);
}

/** Decodes one bencoded value (strings come back as UTF-8 text). Throws on malformed input. */
export function bdecode(buf: Buffer): unknown {
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`bad bencode at ${pos}: ${why}`);
  };
  const value = (): unknown => {
    const c = buf[pos];
    if (c === undefined) return fail('truncated');
    if (c === 0x69) {
      const end = buf.indexOf(0x65, pos);
      if (end < 0) return fail('unterminated integer');
      const n = Number(buf.subarray(pos + 1, end).toString('ascii'));
      pos = end + 1;
      return n;
    }
    if (c === 0x6c || c === 0x64) {
      pos++;
      const items: unknown[] = [];
      while (buf[pos] !== 0x65) {
        if (pos >= buf.length) return fail('unterminated list');
        items.push(value());
      }
      pos++;
      if (c === 0x6c) return items;
      const dict: Record<string, unknown> = {};
      for (let i = 0; i + 1 < items.length; i += 2) dict[String(items[i])] = items[i + 1];
      return dict;
    }
    const colon = buf.indexOf(0x3a, pos);
    if (colon < 0) return fail('string without length');
    const length = Number(buf.subarray(pos, colon).toString('ascii'));
    if (!Number.isInteger(length) || length < 0 || colon + 1 + length > buf.length) return fail('bad string length');
    pos = colon + 1 + length;
    return buf.subarray(colon + 1, pos).toString('utf8');
  };
  return value();
}

/** Sends one ng command and resolves with the reply dictionary (rejects after `timeoutMs`). */
export function ngCommand(host: string, port: number, command: { command: string } & Record<string, Bencodable>, timeoutMs = 1000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const cookie = randomBytes(8).toString('hex');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`rtpengine at ${host}:${port} did not answer "${command.command}" within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('message', (msg) => {
      const text = msg.toString('latin1');
      if (!text.startsWith(`${cookie} `)) return;
      clearTimeout(timer);
      socket.close();
      try {
        resolve(bdecode(msg.subarray(cookie.length + 1)) as Record<string, unknown>);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
    socket.send(Buffer.concat([Buffer.from(`${cookie} `), bencode(command)]), port, host);
  });
}
