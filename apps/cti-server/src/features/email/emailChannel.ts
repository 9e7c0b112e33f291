import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import { ImapInbox, type ImapAccount } from '../../adapters/imap/imapInbox.js';
import type { SecretBox } from '../../secrets/secretBox.js';
import type { IngestOutcome, MailboxRecord, MailStore } from '../../store/MailStore.js';
import type { Routing } from '../routing/routingCalls.js';
import type { EmailConfig } from './emailConfig.js';
import { AutoAck } from './autoAck.js';
import { EmailIngest } from './emailIngest.js';
import { EmailOutbox, type EmailOutboxDeps } from './emailOutbox.js';
import { passwordContext } from './mailboxAdmin.js';
import { MailboxReader, type ReaderStatus, type WatchedInbox } from './mailboxReader.js';

export interface EmailChannelDeps {
  config: EmailConfig;
  mail: MailStore;
  secrets: SecretBox;
  routing: Routing;
  clock: Clock;
  log: Logger;
  /** Opens an account's INBOX; default: imapflow (tests may wrap it). */
  connect?: (account: ImapAccount) => Promise<WatchedInbox>;
  /** Told after each send attempt (the agent push hooks on here). */
  onSendAttempt?: EmailOutboxDeps['onAttempt'];
  /** Told of each mail stored, after the acknowledgement step (the agent push). */
  onStored?: (outcome: IngestOutcome) => Promise<void>;
}

/** How often the set of readers is compared with the enabled mailboxes (a change on another node shows up within this). */
const RECONCILE_MS = 10_000;

/**
 * The email channel on the routing owner: one reader per enabled mailbox,
 * and the outbox that sends replies and acknowledgements.
 * It runs on one node only (started on takeover, stopped on give-up, like
 * voice); even two readers of one mailbox would store each mail once (the
 * ingest transaction locks the mailbox row and checks the cursor).
 */
export class EmailChannel {
  readonly ingest: EmailIngest;
  readonly outbox: EmailOutbox;
  private readonly readers = new Map<string, { version: number; reader: MailboxReader }>();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> = Promise.resolve();

  constructor(private readonly deps: EmailChannelDeps) {
    const { mail, clock, log, config } = deps;
    this.outbox = new EmailOutbox({ mail, secrets: deps.secrets, clock, log, retryBaseMs: config.retryBaseMs, maxAttempts: config.sendAttempts, ...(deps.onSendAttempt ? { onAttempt: deps.onSendAttempt } : {}) });
    const autoAck = new AutoAck({ mail, outbox: this.outbox, clock, log });
    this.ingest = new EmailIngest({ mail, routing: deps.routing, clock, log, maxAttachmentBytes: config.maxAttachmentBytes, onStored: async (mailbox, outcome) => {
        await autoAck.afterStored(mailbox, outcome);
        await deps.onStored?.(outcome);
      },
    });
  }

  start(): void {
    if (!this.deps.config.enabled || this.running) return;
    this.running = true;
    this.outbox.start();
    this.changed();
    this.timer = setInterval(() => this.changed(), RECONCILE_MS);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await this.reconciling;
    await this.outbox.stop();
    const readers = [...this.readers.values()];
    this.readers.clear();
    await Promise.all(readers.map((r) => r.reader.stop()));
  }

  /** Mailbox settings changed: readers follow (now on this node; other nodes within RECONCILE_MS). */
  changed(): void {
    if (!this.running) return;
    this.reconciling = this.reconciling.then(() => this.reconcile()).catch((err: unknown) => this.deps.log.warn({ err }, 'email: could not read the mailboxes'));
  }

  /** Each reader's state, by mailbox id. */
  status(): Map<string, ReaderStatus> {
    return new Map([...this.readers].map(([id, r]) => [id, r.reader.status]));
  }

  /** Resolves after the reconcile under way (tests: readers exist once it resolves). */
  settled(): Promise<void> {
    return this.reconciling;
  }

  private async reconcile(): Promise<void> {
    const wanted = new Map((await this.deps.mail.mailboxes.listEnabled()).map((m) => [m.id, m]));
    for (const [id, r] of this.readers) {
      if (wanted.get(id)?.version === r.version) continue;
      this.readers.delete(id);
      await r.reader.stop();
    }
    for (const mailbox of wanted.values()) {
      if (!this.running) return;
      if (this.readers.has(mailbox.id)) continue;
      const account = await this.account(mailbox);
      if (!account) continue;
      const reader = new MailboxReader({
        mailboxId: mailbox.id,
        address: mailbox.address,
        connect: () => (this.deps.connect ?? ((a: ImapAccount) => ImapInbox.open(a, { idleDelayMs: this.deps.config.idleDelayMs, maxMessageBytes: this.deps.config.maxMessageBytes, log: this.deps.log })))(account),
        ingest: this.ingest,
        pollMs: this.deps.config.pollMs,
        log: this.deps.log,
      });
      this.readers.set(mailbox.id, { version: mailbox.version, reader });
      reader.start();
    }
  }

  /** The IMAP account with its password opened; seals it again first if an older key sealed it (rotation). */
  private async account(m: MailboxRecord): Promise<ImapAccount | undefined> {
    const { secrets } = this.deps;
    try {
      const imapPassword = secrets.open(m.imap.passwordSealed, passwordContext(m.id, 'imap'));
      if (secrets.needsReseal(m.imap.passwordSealed) || secrets.needsReseal(m.smtp.passwordSealed)) {
        const smtpPassword = secrets.open(m.smtp.passwordSealed, passwordContext(m.id, 'smtp'));
        await this.deps.mail.mailboxes.reseal(m.id, secrets.seal(imapPassword, passwordContext(m.id, 'imap')), secrets.seal(smtpPassword, passwordContext(m.id, 'smtp')));
      }
      return { host: m.imap.host, port: m.imap.port, tls: m.imap.tls, user: m.imap.user, password: imapPassword };
    } catch (err) {
      this.deps.log.error({ err, mailbox: m.address }, 'email: the mailbox password cannot be read; enter it again');
      return undefined;
    }
  }
}
