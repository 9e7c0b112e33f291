import type { Logger } from 'pino';
import { AppError } from '@omnicc/shared';
import { iso, type Clock } from '../../clock.js';
import { pgErrorCode } from '../../adapters/db/pgErrors.js';
import type { InboundEmail, IngestInput, IngestOutcome, MailboxRecord, MailStore } from '../../store/MailStore.js';
import type { Routing } from '../routing/routingCalls.js';
import { readInboundMail } from './inboundMail.js';

/** One fetched mail: its UID, its (possibly truncated) source and its full size on the server. */
export interface FetchedMail {
  uid: number;
  source: Buffer;
  size: number;
}

/** The INBOX of one mailbox as the sync needs it (adapters/imap/imapInbox.ts on a real server). */
export interface RemoteInbox {
  /** The UIDVALIDITY of the INBOX as selected now. */
  uidValidity(): number;
  /** UIDs above `uid`, ascending. */
  uidsAfter(uid: number): Promise<number[]>;
  fetch(uids: number[]): Promise<FetchedMail[]>;
}

export interface SyncReport {
  created: number;
  joined: number;
  parked: number;
  duplicates: number;
  /** The INBOX had another UIDVALIDITY than the one stored: everything was read again (and deduplicated). */
  rescanned: boolean;
}

export interface EmailIngestDeps {
  mail: MailStore;
  routing: Routing;
  clock: Clock;
  log: Logger;
  maxAttachmentBytes: number;
  /** Told of every mail stored, after its commit (the auto-acknowledgement; the agent push later). Its failure is logged, never undoes the mail. */
  onStored?: (mailbox: MailboxRecord, outcome: IngestOutcome) => Promise<void> | void;
}

/** Mails fetched per round trip: bounded memory (each may be megabytes), few round trips. */
const FETCH_BATCH = 20;

/**
 * Reads new mail of a mailbox into the store, in UID order, and routes what
 * opened an interaction, as chat does: the interaction is committed first
 * (with the mail and the moved cursor, in one transaction), then enqueued.
 * If enqueueing fails, the interaction is stored `queued` and the routing
 * watchdog (or a restart's recovery) routes it.
 */
export class EmailIngest {
  constructor(private readonly deps: EmailIngestDeps) {}

  async sync(mailboxId: string, inbox: RemoteInbox): Promise<SyncReport> {
    const report: SyncReport = { created: 0, joined: 0, parked: 0, duplicates: 0, rescanned: false };
    const mailbox = await this.deps.mail.mailboxes.get(mailboxId);
    if (!mailbox) throw new AppError('NOT_FOUND', `mailbox ${mailboxId} not found`);
    const uidValidity = inbox.uidValidity();
    let lastUid = mailbox.sync.lastUid;
    if (mailbox.sync.uidValidity !== uidValidity) {
      // Every UID we knew is void: read the whole INBOX again; what was stored before is recognised by Message-ID (docs/email.md).
      if (mailbox.sync.uidValidity !== null) this.deps.log.warn({ mailbox: mailbox.address, was: mailbox.sync.uidValidity, now: uidValidity }, 'email: UIDVALIDITY changed, re-scanning INBOX');
      await this.deps.mail.mailboxes.resetSync(mailbox.id, mailbox.sync.uidValidity, uidValidity);
      report.rescanned = mailbox.sync.uidValidity !== null;
      lastUid = 0;
    }
    const uids = await inbox.uidsAfter(lastUid);
    for (let i = 0; i < uids.length; i += FETCH_BATCH) {
      const fetched = (await inbox.fetch(uids.slice(i, i + FETCH_BATCH))).sort((a, b) => a.uid - b.uid);
      const inputs: IngestInput[] = [];
      for (const f of fetched) {
        const mail = await readInboundMail(f.source, { truncated: f.source.length < f.size, rawSize: f.size }, { maxAttachmentBytes: this.deps.maxAttachmentBytes, mailboxAddress: mailbox.address });
        inputs.push({ mailboxId: mailbox.id, uidValidity, uid: f.uid, receivedAt: iso(this.deps.clock.now()), mail });
      }
      for (const outcome of await this.store(mailbox, inputs)) {
        await this.afterStored(mailbox, outcome);
        if (outcome.kind === 'duplicate') report.duplicates++;
        else report[outcome.kind]++;
      }
    }
    return report;
  }

  /**
   * The batch in one transaction (one WAL flush for up to FETCH_BATCH mails;
   * the cursor still moves only with the mails it passes). If the batch
   * fails, each mail is stored alone, so one bad mail costs only itself.
   */
  private async store(mailbox: MailboxRecord, inputs: IngestInput[]): Promise<IngestOutcome[]> {
    if (inputs.length === 0) return [];
    try {
      return await this.deps.mail.ingest.ingestMany(inputs);
    } catch (err) {
      // A re-scan or a deleted mailbox is not the mails' fault: stop here.
      if (err instanceof AppError) throw err;
      const outcomes: IngestOutcome[] = [];
      for (const input of inputs) outcomes.push(await this.storeOne(mailbox, input));
      return outcomes;
    }
  }

  private async storeOne(mailbox: MailboxRecord, input: IngestInput): Promise<IngestOutcome> {
    try {
      return await this.deps.mail.ingest.ingest(input);
    } catch (err) {
      // A value PostgreSQL refuses (an encoding it rejects, a field too large) would block every later mail: store what it takes.
      if (!isDataError(err)) throw err;
      this.deps.log.warn({ err, mailbox: mailbox.address, uid: input.uid }, 'email: mail refused by the store, keeping a reduced copy');
      return this.deps.mail.ingest.ingest({ ...input, mail: reduced(input.mail, pgErrorCode(err) ?? 'unknown') });
    }
  }

  /** Routing and the after-store hook, once the mail is committed. */
  private async afterStored(mailbox: MailboxRecord, outcome: IngestOutcome): Promise<void> {
    if (outcome.kind === 'created') {
      await this.deps.routing.call('enqueue', { interactionId: outcome.interaction.id }).catch((err: unknown) => {
        this.deps.log.warn({ err, interactionId: outcome.kind === 'created' ? outcome.interaction.id : undefined }, 'email: enqueue failed; the routing watchdog will route it');
      });
    }
    try {
      await this.deps.onStored?.(mailbox, outcome);
    } catch (err) {
      this.deps.log.warn({ err, mailbox: mailbox.address }, 'email: after-store step failed');
    }
  }
}

/** SQLSTATE class 22 (data exception) or 54 (program limit exceeded): the mail's content, not the database, is the problem. */
function isDataError(err: unknown): boolean {
  const code = pgErrorCode(err);
  return code !== undefined && (code.startsWith('22') || code.startsWith('54'));
}

/** The mail without what a store can choke on: its headers, HTML, attachments' bytes; text capped. */
function reduced(mail: InboundEmail, code: string): InboundEmail {
  const copy: InboundEmail = { ...mail };
  delete copy.html;
  return {
    ...copy,
    headers: [],
    text: (mail.text ?? '').slice(0, 1_000_000),
    references: mail.references.slice(0, 20),
    notes: [...mail.notes, `stored reduced: the database refused the full mail (${code})`],
    attachments: mail.attachments.map(({ filename, contentType, size }) => ({ filename: filename.slice(0, 255), contentType: contentType.slice(0, 255), size, refused: 'overLimit' as const })),
  };
}
