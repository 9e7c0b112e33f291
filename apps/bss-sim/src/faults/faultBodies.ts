import { Readable } from 'node:stream';

/** The bodies of injected faults: what real gateways and broken back ends send. */

/** The error page an nginx-style gateway in front of a billing system answers with. */
export function gatewayErrorPage(status: number): string {
  const title = status === 200 ? '系统维护中 System maintenance' : `${status} Bad Gateway`;
  return [
    '<!DOCTYPE html>',
    '<html>',
    `<head><meta charset="utf-8"><title>${title}</title></head>`,
    '<body>',
    `<center><h1>${title}</h1></center>`,
    '<center><p>计费系统暂时无法访问，请稍后再试。The billing system is temporarily unavailable.</p></center>',
    '<hr><center>nginx</center>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The first half of a JSON body: still announced as application/json, no longer parsable. */
export function truncateJson(payload: string): string {
  return payload.length < 4 ? '{"' : payload.slice(0, Math.ceil(payload.length / 2));
}

/**
 * A body that trickles: the first chunk at once (so the status and headers
 * leave immediately), then one chunk every intervalMs. The timer stops when
 * the stream ends or is destroyed (client gone, server closing).
 */
export function tricklingBody(payload: string | Buffer, chunkBytes: number, intervalMs: number): Readable {
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
  let offset = 0;
  let timer: NodeJS.Timeout | undefined;
  const stream = new Readable({
    read() {
      if (timer) return;
      const push = () => {
        timer = undefined;
        const chunk = bytes.subarray(offset, offset + chunkBytes);
        offset += chunk.length;
        if (chunk.length === 0 || !stream.push(chunk) || offset >= bytes.length) {
          if (offset >= bytes.length) stream.push(null);
          return;
        }
        timer = setTimeout(push, intervalMs);
      };
      if (offset === 0) push();
      else timer = setTimeout(push, intervalMs);
    },
    destroy(err, callback) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      callback(err);
    },
  });
  return stream;
}
