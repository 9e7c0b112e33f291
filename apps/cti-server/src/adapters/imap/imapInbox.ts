import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { FetchedMail, RemoteInbox } from '../../features/email/emailIngest.js';

/** An IMAP account to read (the password already opened from its sealed form). */
export interface ImapAccount {
  host: string;
  port: number;
  /** TLS from the first byte (993); false: plain, upgraded by STARTTLS when the server offers it. */
  tls: boolean;
  user: string;
  password: string;
}

export interface ImapInboxOptions {
  /** Inactivity after which imapflow enters IDLE (new mail is then pushed as `exists`). */
  idleDelayMs: number;
  /** Bytes fetched per mail at most; the rest of a larger mail is not downloaded. */
  maxMessageBytes: number;
  log: Logger;
}

/**
 * The INBOX of one account over a live imapflow connection, selected and
 * ready. imapflow keeps IDLE running between our commands (auto-IDLE) and
 * breaks it for each command; `onChange` fires when the server reports new
 * mail during IDLE. Servers without IDLE get imapflow's own NOOP polling,
 * and the reader's poll timer covers any missed notification.
 */
export class ImapInbox implements RemoteInbox {
  /** Settles when the connection closes, for whatever reason. */
  readonly closed: Promise<void>;

  private constructor(
    private readonly client: ImapFlow,
    private readonly maxMessageBytes: number,
  ) {
    this.closed = new Promise((resolve) => client.once('close', () => resolve()));
  }

  static async open(account: ImapAccount, options: ImapInboxOptions): Promise<ImapInbox> {
    const client = new ImapFlow({
      host: account.host,
      port: account.port,
      secure: account.tls,
      auth: { user: account.user, pass: account.password },
      logger: false,
      autoIdleDelay: options.idleDelayMs,
      // Re-issue IDLE now and then: some servers and NAT boxes drop an IDLE that runs for long.
      maxIdleTime: 5 * 60_000,
      connectionTimeout: 15_000,
      greetingTimeout: 10_000,
      socketTimeout: 10 * 60_000,
    });
    // Emitted at most once per connection, which then closes: the reader reconnects. Without a listener it would crash the process.
    client.on('error', (err: Error) => options.log.warn({ err, host: account.host, user: account.user }, 'imap: connection error'));
    await client.connect();
    try {
      await client.mailboxOpen('INBOX');
    } catch (err) {
      client.close();
      throw err;
    }
    return new ImapInbox(client, options.maxMessageBytes);
  }

  /** Calls `listener` when the server reports a new message count (new mail). */
  onChange(listener: () => void): void {
    this.client.on('exists', listener);
  }

  uidValidity(): number {
    const mailbox = this.client.mailbox;
    if (!mailbox) throw new Error('imap: INBOX is not selected');
    return Number(mailbox.uidValidity);
  }

  async uidsAfter(uid: number): Promise<number[]> {
    // `n:*` always matches the highest UID, even below n (RFC 3501 §6.4.8): filter it out.
    const found = await this.client.search({ uid: `${uid + 1}:*` }, { uid: true });
    return (found || []).filter((u) => u > uid).sort((a, b) => a - b);
  }

  async fetch(uids: number[]): Promise<FetchedMail[]> {
    if (uids.length === 0) return [];
    const messages = await this.client.fetchAll(uids.join(','), { uid: true, size: true, source: { maxLength: this.maxMessageBytes } }, { uid: true });
    return messages.flatMap((m) => (m.source ? [{ uid: m.uid, source: m.source, size: m.size ?? m.source.length }] : []));
  }

  async close(): Promise<void> {
    if (!this.client.usable) {
      this.client.close();
      return;
    }
    await this.client.logout().catch(() => this.client.close());
  }
}
