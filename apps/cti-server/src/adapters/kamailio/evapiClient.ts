import { createConnection, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { encodeNetstring, NetstringDecoder } from './netstring.js';

export interface EvapiClientOptions {
  host: string;
  port: number;
  log: Logger;
  /** One decoded JSON message from Kamailio (already parsed; the caller validates its shape). */
  onMessage: (message: unknown) => void;
  /** The connection is up (first time or again): the place to re-sync. */
  onConnected?: () => void;
  onDisconnected?: () => void;
  /** Reconnect delays grow from this to `maxRetryMs`. */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** Largest frame accepted; a bigger one drops the connection. */
  maxFrameBytes?: number;
}

/**
 * One blank, written back for every chunk read, so that its TCP ACK leaves at
 * once. Kamailio's evapi does not set TCP_NODELAY on its connections, so
 * Nagle's algorithm holds each event it sends while an earlier one is
 * unacknowledged; and our kernel, seeing an interactive connection, delays
 * its ACK by up to 40 ms unless data of ours carries it. A second event
 * within 40 ms of the first (a call's `call.queued` soon after another
 * call's `call.ringing`) then reached us that much later (the voice bench
 * with a fake Kamailio: queued-to-ring p50 36 ms against 14 ms without
 * Nagle). evapi skips blanks between frames, like our decoder.
 */
const ACK = Buffer.from(' ');

/**
 * The CTI server's end of Kamailio's evapi: a TCP client with netstring
 * framing and JSON payloads, which reconnects on its own (with backoff)
 * until closed. A frame that is not JSON is logged and skipped; a framing
 * error drops the connection, since the stream cannot be resynchronised.
 */
export class EvapiClient {
  private socket: Socket | undefined;
  private retryMs: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private up = false;

  constructor(private readonly options: EvapiClientOptions) {
    this.retryMs = options.minRetryMs ?? 100;
  }

  get connected(): boolean {
    return this.up;
  }

  start(): void {
    this.closed = false;
    this.connect();
  }

  /** Sends one JSON message; false when not connected (the caller decides whether to retry after a re-sync). */
  send(message: object): boolean {
    if (!this.up || !this.socket) return false;
    this.socket.write(encodeNetstring(JSON.stringify(message)));
    return true;
  }

  close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }

  private connect(): void {
    const { host, port, log } = this.options;
    const decoder = new NetstringDecoder(this.options.maxFrameBytes);
    const socket = createConnection({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.up = true;
      this.retryMs = this.options.minRetryMs ?? 100;
      log.info({ host, port }, 'evapi connected to Kamailio');
      this.options.onConnected?.();
    });
    socket.on('data', (chunk: Buffer) => {
      // The kernel's ACK leaves with these bytes now, not up to 40 ms later: see ACK.
      socket.write(ACK);
      let frames: string[];
      try {
        frames = decoder.push(chunk);
      } catch (err) {
        log.error({ err }, 'evapi framing error: dropping the connection');
        socket.destroy();
        return;
      }
      for (const frame of frames) this.deliver(frame);
    });
    socket.on('error', (err) => log.debug({ err }, 'evapi socket error'));
    socket.on('close', () => {
      const wasUp = this.up;
      this.up = false;
      if (wasUp) {
        log.warn({ host, port }, 'evapi connection to Kamailio lost');
        this.options.onDisconnected?.();
      }
      if (this.closed) return;
      this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
      this.retryTimer.unref();
      this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 2000);
    });
  }

  private deliver(frame: string): void {
    let message: unknown;
    try {
      message = JSON.parse(frame);
    } catch {
      this.options.log.warn({ frame: frame.slice(0, 200) }, 'evapi frame is not JSON: skipped');
      return;
    }
    try {
      this.options.onMessage(message);
    } catch (err) {
      this.options.log.error({ err }, 'evapi message handler failed');
    }
  }
}
