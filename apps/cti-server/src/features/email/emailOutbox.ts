import type { Logger } from 'pino';
import { iso, type Clock } from '../../clock.js';
import { appendToSent } from '../../adapters/imap/imapSent.js';
import type { ImapAccount } from '../../adapters/imap/imapInbox.js';
import { sendRaw, SmtpSendError, type SmtpAccount } from '../../adapters/smtp/smtpSender.js';
import type { SecretBox } from '../../secrets/secretBox.js';
import type { MailStore, OutboundJob } from '../../store/MailStore.js';
import { CoalescingRunner } from './coalescingRunner.js';
import { passwordContext } from './mailboxAdmin.js';

export interface EmailOutboxDeps {
  mail: MailStore;
  secrets: SecretBox;
  clock: Clock;
  log: Logger;
  /** First retry after this long, doubling each time (capped at 30 min). */
  retryBaseMs: number;
  /** Attempts before a mail is `failed` for good. */
  maxAttempts: number;
  send?: (account: SmtpAccount, envelope: OutboundJob['envelope'], raw: Buffer) => Promise<void>;
  appendSent?: (account: ImapAccount, raw: Buffer) => Promise<void>;
  /** Told after each attempt (sent, retrying or failed): the agent push hooks on here. */
  onAttempt?: (messageId: string) => Promise<void> | void;
}

/** How often due mail is looked for, besides the kick after each new one. */
const SCAN_MS = 1000;

/**
 * Sends what is stored `pending` (durable before acknowledged: the reply is
 * in the database before the agent's POST returns), one mail at a time,
 * retrying with backoff; a permanent SMTP refusal (5xx) or the last attempt
 * marks it `failed` with the reason, which the agent sees on the message.
 * Nothing is dropped silently. Runs on the routing owner with the readers;
 * after a crash, the next owner finds the pending mail and sends it (a mail
 * the SMTP server took just before the crash may go twice, with the same
 * Message-ID, which receiving clients fold into one).
 */
export class EmailOutbox {
  private timer: NodeJS.Timeout | undefined;
  private readonly passes = new CoalescingRunner(() => this.pass(), () => this.timer !== undefined);

  constructor(private readonly deps: EmailOutboxDeps) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.kick(), SCAN_MS);
    void this.kick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.passes.idle();
  }

  /** Sends what is due now (or once more after the pass under way); nothing on a node where the outbox is not started. */
  kick(): Promise<void> {
    // Only the routing owner sends: a reply stored on another node waits for the owner's next scan.
    if (!this.timer) return Promise.resolve();
    return this.passes.run();
  }

  private async pass(): Promise<void> {
    try {
      for (const job of await this.deps.mail.outbox.due(iso(this.deps.clock.now()), 20)) await this.attempt(job);
    } catch (err) {
      this.deps.log.warn({ err }, 'email: outbox pass failed');
    }
  }

  private async attempt(job: OutboundJob): Promise<void> {
    const { mail, secrets, log } = this.deps;
    try {
      const mailbox = await mail.mailboxes.get(job.mailboxId);
      if (!mailbox) throw new SmtpSendError('the mailbox was deleted', true);
      const smtp: SmtpAccount = { ...mailbox.smtp, password: secrets.open(mailbox.smtp.passwordSealed, passwordContext(mailbox.id, 'smtp')) };
      await (this.deps.send ?? sendRaw)(smtp, job.envelope, job.raw);
      await mail.outbox.markSent(job.id);
      // The copy in Sent is a courtesy to other mail clients: its failure does not undo the send.
      const imap: ImapAccount = { ...mailbox.imap, password: secrets.open(mailbox.imap.passwordSealed, passwordContext(mailbox.id, 'imap')) };
      await (this.deps.appendSent ?? appendToSent)(imap, job.raw).catch((err: unknown) => log.warn({ err, mailbox: mailbox.address }, 'email: sent, but the copy to Sent failed'));
    } catch (err) {
      const attempts = job.attempts + 1;
      const permanent = err instanceof SmtpSendError ? err.permanent : (err as { code?: string }).code === 'INTERNAL';
      const giveUp = permanent || attempts >= this.deps.maxAttempts;
      const delay = Math.min(this.deps.retryBaseMs * 2 ** (attempts - 1), 30 * 60_000);
      log.warn({ err, messageId: job.id, attempts, giveUp }, 'email: send failed');
      await mail.outbox.markAttemptFailed(job.id, (err as Error).message, giveUp ? null : iso(this.deps.clock.now() + delay));
    }
    await Promise.resolve(this.deps.onAttempt?.(job.id)).catch((err: unknown) => log.warn({ err }, 'email: push after a send failed'));
  }
}
