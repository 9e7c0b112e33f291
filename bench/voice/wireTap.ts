/**
 * A timing tap for the voice bench's trace mode (VOICE_BENCH_TRACE=1): a TCP
 * relay on 127.0.0.1 between the CTI server and one of its peers that stamps
 * what goes through it (wall clock, ms with µs resolution) without changing
 * it, so the setup path can be split without touching the server:
 *
 * - `evapi`: the server's connection to Kamailio's evapi. Each netstring is
 *   recorded with its direction, `event` or `cmd`, and `callId`.
 * - `pg`: the server's connections to PostgreSQL. Each round trip (from the
 *   first message of a request to the server's ReadyForQuery) is recorded
 *   with the command tags the server answered (BEGIN, INSERT 0 1, COMMIT...),
 *   and whether it was a write that committed on its own (no BEGIN).
 *
 * Runs as its own process (the bench's own event loop is busy with 20
 * softphones): `node --import tsx wireTap.ts <evapi|pg> <listenPort> <targetPort> <out.jsonl>`.
 * It writes JSON lines and exits on SIGTERM once they are flushed.
 */
import { createWriteStream } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { NetstringDecoder } from '../../apps/cti-server/src/adapters/kamailio/netstring.js';

export interface EvapiRecord {
  kind: 'evapi';
  at: number;
  /** `in`: Kamailio to the server; `out`: the server to Kamailio. */
  dir: 'in' | 'out';
  name: string;
  callId?: string;
}

export interface PgRecord {
  kind: 'pg';
  conn: number;
  start: number;
  end: number;
  tags: string[];
  /** A write outside a transaction block: it committed on its own (one WAL flush), though its tag may say SELECT. */
  autocommitWrite?: boolean;
}

/** A statement that writes: its text has a data-modifying keyword (our writes are plain SQL, so this is enough here). */
const WRITES = /\b(INSERT|UPDATE|DELETE)\b/i;

const wallNow = (): number => performance.timeOrigin + performance.now();

function evapiSide(dir: 'in' | 'out', write: (r: EvapiRecord) => void): (chunk: Buffer, at: number) => void {
  const decoder = new NetstringDecoder();
  return (chunk, at) => {
    for (const text of decoder.push(chunk)) {
      try {
        const m = JSON.parse(text) as { event?: unknown; cmd?: unknown; callId?: unknown };
        const name = typeof m.event === 'string' ? m.event : typeof m.cmd === 'string' ? m.cmd : '?';
        write({ kind: 'evapi', at, dir, name, ...(typeof m.callId === 'string' ? { callId: m.callId } : {}) });
      } catch {
        write({ kind: 'evapi', at, dir, name: '(not json)' });
      }
    }
  };
}

/**
 * PostgreSQL's wire protocol, just enough to see round trips: the client's
 * first message is untyped (startup, or an SSLRequest answered by one byte),
 * every other message is a type byte and a length.
 */
function pgSides(conn: number, write: (r: PgRecord) => void): { client: (chunk: Buffer, at: number) => void; server: (chunk: Buffer, at: number) => void } {
  let clientBuf = Buffer.alloc(0);
  let serverBuf = Buffer.alloc(0);
  let clientStarted = false;
  let sslAnswerPending = false;
  let pending: { start: number; tags: string[]; write: boolean } | undefined;
  /** The transaction status of the last ReadyForQuery: I idle, T in a transaction block, E failed one. */
  let status = 'I';
  const client = (chunk: Buffer, at: number): void => {
    clientBuf = Buffer.concat([clientBuf, chunk]);
    for (;;) {
      if (!clientStarted) {
        if (clientBuf.length < 8) return;
        const len = clientBuf.readUInt32BE(0);
        if (clientBuf.length < len) return;
        const code = clientBuf.readUInt32BE(4);
        if (code === 80877103) sslAnswerPending = true;
        else clientStarted = true;
        clientBuf = clientBuf.subarray(len);
        continue;
      }
      if (clientBuf.length < 5) return;
      const len = clientBuf.readUInt32BE(1);
      if (clientBuf.length < 1 + len) return;
      const type = String.fromCharCode(clientBuf[0] ?? 0);
      // A request starts with its first message after the previous ReadyForQuery (X is Terminate).
      if (!pending && type !== 'X') pending = { start: at, tags: [], write: false };
      // Parse (P: name, then the text) or a simple Query (Q: the text).
      if (pending && (type === 'P' || type === 'Q')) pending.write ||= WRITES.test(clientBuf.subarray(5, 1 + len).toString('utf8'));
      clientBuf = clientBuf.subarray(1 + len);
    }
  };
  const server = (chunk: Buffer, at: number): void => {
    serverBuf = Buffer.concat([serverBuf, chunk]);
    if (sslAnswerPending && serverBuf.length >= 1) {
      sslAnswerPending = false;
      serverBuf = serverBuf.subarray(1);
    }
    for (;;) {
      if (serverBuf.length < 5) return;
      const len = serverBuf.readUInt32BE(1);
      if (serverBuf.length < 1 + len) return;
      const type = String.fromCharCode(serverBuf[0] ?? 0);
      if (type === 'C' && pending) pending.tags.push(serverBuf.subarray(5, len).toString('utf8').replace(/\0$/, ''));
      if (type === 'E' && pending) pending.tags.push('ERROR');
      if (type === 'Z') {
        const after = String.fromCharCode(serverBuf[5] ?? 0x49);
        if (pending) write({ kind: 'pg', conn, start: pending.start, end: at, tags: pending.tags, ...(pending.write && status === 'I' && after === 'I' ? { autocommitWrite: true } : {}) });
        pending = undefined;
        status = after;
      }
      serverBuf = serverBuf.subarray(1 + len);
    }
  };
  return { client, server };
}

function main(): void {
  const [kind, listenPort, targetPort, outFile] = process.argv.slice(2);
  if ((kind !== 'evapi' && kind !== 'pg') || !listenPort || !targetPort || !outFile) throw new Error('usage: wireTap.ts <evapi|pg> <listenPort> <targetPort> <out.jsonl>');
  const out = createWriteStream(outFile);
  const write = (r: EvapiRecord | PgRecord): void => void out.write(`${JSON.stringify(r)}\n`);
  let conns = 0;
  const sockets = new Set<Socket>();
  const server = createServer({ noDelay: true }, (downstream) => {
    const conn = ++conns;
    const upstream = createConnection({ host: '127.0.0.1', port: Number(targetPort), noDelay: true });
    sockets.add(downstream).add(upstream);
    const sides =
      kind === 'evapi'
        ? { client: evapiSide('out', write), server: evapiSide('in', write) }
        : pgSides(conn, write);
    // Forward first, then look: the stamp is taken as the bytes arrive.
    downstream.on('data', (chunk: Buffer) => {
      const at = wallNow();
      upstream.write(chunk);
      sides.client(chunk, at);
    });
    upstream.on('data', (chunk: Buffer) => {
      const at = wallNow();
      downstream.write(chunk);
      sides.server(chunk, at);
    });
    const close = (): void => {
      downstream.destroy();
      upstream.destroy();
      sockets.delete(downstream);
      sockets.delete(upstream);
    };
    downstream.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  server.listen(Number(listenPort), '127.0.0.1', () => process.stdout.write('ready\n'));
  process.on('SIGTERM', () => {
    server.close();
    for (const s of sockets) s.destroy();
    out.end(() => process.exit(0));
  });
}

main();
