import type { Logger } from 'pino';
import { CoalescingRunner } from './coalescingRunner.js';
import type { EmailIngest, RemoteInbox, SyncReport } from './emailIngest.js';

/** A connected INBOX the reader can watch: the sync port plus change notices and the connection's end. */
export interface WatchedInbox extends RemoteInbox {
  readonly closed: Promise<void>;
  onChange(listener: () => void): void;
  close(): Promise<void>;
}

export interface MailboxReaderDeps {
  mailboxId: string;
  /** For logs only. */
  address: string;
  connect(): Promise<WatchedInbox>;
  ingest: EmailIngest;
  /** Poll period beside IDLE: a missed notice or a server without IDLE still gets read. */
  pollMs: number;
  log: Logger;
  /** Reconnect delays grow from min to max while connecting fails. */
  backoffMs?: { min: number; max: number };
}

/** What a reader last saw, for health and tests. */
export interface ReaderStatus {
  connected: boolean;
  syncs: number;
  lastError?: string;
  lastReport?: SyncReport;
}

/**
 * Keeps one mailbox read: connects, syncs at once, then again on every IDLE
 * notice and every poll tick, one sync at a time (a notice during a sync
 * runs one more after it). A dropped connection or failed login is retried
 * with backoff until `stop`.
 */
export class MailboxReader {
  readonly status: ReaderStatus = { connected: false, syncs: 0 };
  private stopped = false;
  private wake: (() => void) | undefined;
  private syncs: CoalescingRunner | undefined;
  private inbox: WatchedInbox | undefined;
  private loopDone: Promise<void> = Promise.resolve();

  constructor(private readonly deps: MailboxReaderDeps) {}

  start(): void {
    this.loopDone = this.loop();
  }

  /** Stops reading; resolves once the connection is closed and no sync is running. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.inbox?.close().catch(() => undefined);
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    const { min, max } = this.deps.backoffMs ?? { min: 1000, max: 60_000 };
    let backoff = min;
    while (!this.stopped) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const inbox = await this.deps.connect();
        this.inbox = inbox;
        if (this.stopped) break;
        this.status.connected = true;
        backoff = min;
        const syncs = (this.syncs = new CoalescingRunner(() => this.sync(inbox), () => !this.stopped));
        inbox.onChange(() => void syncs.run());
        timer = setInterval(() => void syncs.run(), this.deps.pollMs);
        await syncs.run();
        await Promise.race([inbox.closed, new Promise<void>((resolve) => (this.wake = resolve))]);
      } catch (err) {
        this.status.lastError = (err as Error).message;
        this.deps.log.warn({ err, mailbox: this.deps.address }, 'email: mailbox connection failed');
      } finally {
        clearInterval(timer);
        this.status.connected = false;
        await this.syncs?.idle();
        await this.inbox?.close().catch(() => undefined);
        this.inbox = undefined;
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, backoff);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      backoff = Math.min(backoff * 2, max);
    }
  }

  /** One sync; its failure is noted and waits for the next notice or tick. */
  private async sync(inbox: WatchedInbox): Promise<void> {
    try {
      this.status.lastReport = await this.deps.ingest.sync(this.deps.mailboxId, inbox);
      this.status.syncs++;
      delete this.status.lastError;
    } catch (err) {
      // The connection's own failures end the session through `closed`; others (database down) wait for the next tick.
      this.status.lastError = (err as Error).message;
      this.deps.log.warn({ err, mailbox: this.deps.address }, 'email: sync failed');
    }
  }
}
