import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '@omnicc/shared';
import type { MailboxRecord, MailboxRepository, MailboxSettings } from '../../store/MailStore.js';
import type { Db } from './db.js';
import { mailboxes } from './emailSchema.js';
import { isUuid, PG, translating } from './pgErrors.js';

type MailboxRow = typeof mailboxes.$inferSelect;

export function toMailbox(r: MailboxRow): MailboxRecord {
  return {
    id: r.id,
    address: r.address,
    displayName: r.displayName,
    queueId: r.queueId,
    imap: { host: r.imapHost, port: r.imapPort, tls: r.imapTls, user: r.imapUser, passwordSealed: r.imapPasswordSealed },
    smtp: { host: r.smtpHost, port: r.smtpPort, tls: r.smtpTls, user: r.smtpUser, passwordSealed: r.smtpPasswordSealed },
    autoAck: { enabled: r.autoAckEnabled, template: r.autoAckTemplate },
    enabled: r.enabled,
    sync: { uidValidity: r.uidValidity, lastUid: r.lastUid },
    version: r.version,
  };
}

/** Settings -> columns (the sync state and version are never set from settings). */
function settingsColumns(m: MailboxSettings) {
  return {
    address: m.address,
    displayName: m.displayName,
    queueId: m.queueId,
    imapHost: m.imap.host,
    imapPort: m.imap.port,
    imapTls: m.imap.tls,
    imapUser: m.imap.user,
    imapPasswordSealed: m.imap.passwordSealed,
    smtpHost: m.smtp.host,
    smtpPort: m.smtp.port,
    smtpTls: m.smtp.tls,
    smtpUser: m.smtp.user,
    smtpPasswordSealed: m.smtp.passwordSealed,
    autoAckEnabled: m.autoAck.enabled,
    autoAckTemplate: m.autoAck.template,
    enabled: m.enabled,
  };
}

const writeErrors = (m: MailboxSettings) => ({
  [PG.foreignKeyViolation]: ['NOT_FOUND', `unknown queue ${m.queueId}`] as ['NOT_FOUND', string],
  [PG.uniqueViolation]: ['CONFLICT', `mailbox ${m.address} already exists`] as ['CONFLICT', string],
});

export function createMailboxesRepo(db: Db): MailboxRepository {
  const notFound = (id: string) => new AppError('NOT_FOUND', `mailbox ${id} not found`);
  return {
    async list(page) {
      const rows = await db.select().from(mailboxes).orderBy(asc(mailboxes.address)).limit(page.limit).offset(page.offset);
      const [total] = await db.select({ n: count() }).from(mailboxes);
      return { items: rows.map(toMailbox), total: total?.n ?? 0 };
    },

    async listEnabled() {
      return (await db.select().from(mailboxes).where(eq(mailboxes.enabled, true)).orderBy(asc(mailboxes.address))).map(toMailbox);
    },

    async get(id) {
      if (!isUuid(id)) return undefined;
      const [row] = await db.select().from(mailboxes).where(eq(mailboxes.id, id));
      return row && toMailbox(row);
    },

    create: (m) =>
      translating(async () => {
        const [row] = await db
          .insert(mailboxes)
          .values({ id: m.id, ...settingsColumns(m) })
          .returning();
        if (!row) throw new Error('insert returned no row');
        return toMailbox(row);
      }, writeErrors(m)),

    update: (m) =>
      translating(async () => {
        if (!isUuid(m.id)) throw notFound(m.id);
        const [row] = await db
          .update(mailboxes)
          .set({ ...settingsColumns(m), version: sql`${mailboxes.version} + 1` })
          .where(eq(mailboxes.id, m.id))
          .returning();
        if (!row) throw notFound(m.id);
        return toMailbox(row);
      }, writeErrors(m)),

    delete: (id) =>
      translating(
        async () => {
          if (!isUuid(id)) throw notFound(id);
          const gone = await db.delete(mailboxes).where(eq(mailboxes.id, id)).returning({ id: mailboxes.id });
          if (gone.length === 0) throw notFound(id);
        },
        { [PG.foreignKeyViolation]: ['CONFLICT', `mailbox ${id} has stored mail: disable it instead`] },
      ),

    async resetSync(id, expected, uidValidity) {
      const matches = expected === null ? isNull(mailboxes.uidValidity) : eq(mailboxes.uidValidity, expected);
      const done = await db
        .update(mailboxes)
        .set({ uidValidity, lastUid: 0 })
        .where(and(eq(mailboxes.id, id), matches))
        .returning({ id: mailboxes.id });
      if (done.length === 0) throw new AppError('CONFLICT', `mailbox ${id}: sync state changed meanwhile`);
    },

    async reseal(id, imapSealed, smtpSealed) {
      await db.update(mailboxes).set({ imapPasswordSealed: imapSealed, smtpPasswordSealed: smtpSealed }).where(eq(mailboxes.id, id));
    },
  };
}
