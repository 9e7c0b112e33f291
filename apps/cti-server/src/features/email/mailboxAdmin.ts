import { randomUUID } from 'node:crypto';
import { AppError, type Mailbox, type MailboxCreate, type MailboxUpdate, type PageQuery } from '@omnicc/shared';
import type { SecretBox } from '../../secrets/secretBox.js';
import type { Store } from '../../store/Store.js';
import type { MailboxRecord, MailServerRecord, MailStore } from '../../store/MailStore.js';

/** The context a mailbox password is sealed under: a sealed value moved to another row or field does not open. */
export const passwordContext = (mailboxId: string, protocol: 'imap' | 'smtp'): string => `mailboxes/${mailboxId}/${protocol}`;

/** A mailbox as the API shows it: everything but the passwords. */
export function mailboxView(m: MailboxRecord): Mailbox {
  const server = (s: MailServerRecord) => ({ host: s.host, port: s.port, tls: s.tls, user: s.user, passwordSet: s.passwordSealed !== '' });
  return { id: m.id, address: m.address, displayName: m.displayName, queueId: m.queueId, imap: server(m.imap), smtp: server(m.smtp), autoAck: m.autoAck, enabled: m.enabled, sync: m.sync };
}

/**
 * Mailbox administration: checks what the schema cannot (the queue is an
 * email queue), seals passwords before they reach the store, and keeps a
 * stored password when an update leaves it out.
 */
export class MailboxAdmin {
  constructor(
    private readonly deps: { store: Store; mail: MailStore; secrets: SecretBox; onChanged?: () => void },
  ) {}

  async list(page: PageQuery): Promise<{ items: Mailbox[]; total: number }> {
    const { items, total } = await this.deps.mail.mailboxes.list(page);
    return { items: items.map(mailboxView), total };
  }

  async get(id: string): Promise<Mailbox> {
    return mailboxView(await this.mustGet(id));
  }

  async create(body: MailboxCreate): Promise<Mailbox> {
    await this.checkQueue(body.queueId);
    const id = randomUUID();
    const created = await this.deps.mail.mailboxes.create({
      id,
      ...this.settings(body),
      imap: this.server(id, 'imap', body.imap, body.imap.password),
      smtp: this.server(id, 'smtp', body.smtp, body.smtp.password),
    });
    this.deps.onChanged?.();
    return mailboxView(created);
  }

  async update(id: string, body: MailboxUpdate): Promise<Mailbox> {
    const current = await this.mustGet(id);
    await this.checkQueue(body.queueId);
    const updated = await this.deps.mail.mailboxes.update({
      id,
      ...this.settings(body),
      imap: this.server(id, 'imap', body.imap, body.imap.password, current.imap.passwordSealed),
      smtp: this.server(id, 'smtp', body.smtp, body.smtp.password, current.smtp.passwordSealed),
    });
    this.deps.onChanged?.();
    return mailboxView(updated);
  }

  async delete(id: string): Promise<void> {
    await this.deps.mail.mailboxes.delete(id);
    this.deps.onChanged?.();
  }

  private settings(body: MailboxCreate | MailboxUpdate) {
    return { address: body.address.toLowerCase(), displayName: body.displayName, queueId: body.queueId, autoAck: body.autoAck, enabled: body.enabled };
  }

  private server(id: string, protocol: 'imap' | 'smtp', s: { host: string; port: number; tls: boolean; user: string }, password: string | undefined, keep?: string): MailServerRecord {
    const sealed = password !== undefined ? this.deps.secrets.seal(password, passwordContext(id, protocol)) : keep;
    if (sealed === undefined) throw new AppError('BAD_REQUEST', `body: ${protocol}.password is required`);
    return { host: s.host, port: s.port, tls: s.tls, user: s.user, passwordSealed: sealed };
  }

  private async checkQueue(queueId: string): Promise<void> {
    const queue = await this.deps.store.queues.get(queueId);
    if (!queue) throw new AppError('NOT_FOUND', `queue ${queueId} not found`);
    if (queue.channel !== 'email') throw new AppError('BAD_REQUEST', `body: queueId ${queueId} is a ${queue.channel} queue, not an email queue`);
  }

  private async mustGet(id: string): Promise<MailboxRecord> {
    const m = await this.deps.mail.mailboxes.get(id);
    if (!m) throw new AppError('NOT_FOUND', `mailbox ${id} not found`);
    return m;
  }
}
