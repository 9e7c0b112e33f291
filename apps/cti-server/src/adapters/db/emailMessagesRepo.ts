import { asc, eq, inArray, or } from 'drizzle-orm';
import type { EmailMessageRepository, StoredEmail } from '../../store/MailStore.js';
import { toIso, type Db } from './db.js';
import { ticketRefOf } from './emailIngestRepo.js';
import { emailAttachments, emailMessages, emailThreads } from './emailSchema.js';
import { isUuid } from './pgErrors.js';

type MessageRow = typeof emailMessages.$inferSelect;

/** Rows of email_messages with their attachments' metadata, as the port speaks them. */
export async function withAttachments(db: Db, rows: MessageRow[]): Promise<StoredEmail[]> {
    if (rows.length === 0) return [];
    // Metadata only: the bytes stay in the database until someone downloads them.
    const atts = await db
      .select({ id: emailAttachments.id, messageId: emailAttachments.messageId, filename: emailAttachments.filename, contentType: emailAttachments.contentType, size: emailAttachments.size, refused: emailAttachments.refused, })
      .from(emailAttachments)
      .where(
        inArray(
          emailAttachments.messageId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(emailAttachments.position));
    return rows.map((r) => ({
      id: r.id,
      threadId: r.threadId,
      ...(r.interactionId ? { interactionId: r.interactionId } : {}),
      direction: r.direction,
      ...(r.uidValidity !== null ? { uidValidity: r.uidValidity } : {}),
      ...(r.uid !== null ? { uid: r.uid } : {}),
      messageId: r.messageId,
      messageIdSynthetic: r.messageIdSynthetic,
      ...(r.inReplyTo !== null ? { inReplyTo: r.inReplyTo } : {}),
      references: r.references,
      subject: r.subject,
      ...(r.fromAddress ? { from: { name: r.fromName ?? '', address: r.fromAddress } } : {}),
      to: r.to,
      cc: r.cc,
      headers: r.headers,
      ...(r.text !== null ? { text: r.text } : {}),
      ...(r.html !== null ? { html: r.html } : {}),
      ...(r.automatic !== null ? { automatic: r.automatic } : {}),
      notes: r.notes,
      receivedAt: toIso(r.receivedAt),
      attachments: atts
        .filter((a) => a.messageId === r.id)
        .map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, ...(a.refused ? { refused: a.refused } : {}), stored: a.refused === null })),
      ...(r.delivery !== null ? { delivery: r.delivery } : {}),
      attempts: r.attempts,
      ...(r.lastError !== null ? { lastError: r.lastError } : {}),
      ...(r.clientMessageId !== null ? { clientMessageId: r.clientMessageId } : {}),
    }));
}

/** Reads of stored mail: the agent's conversation view, tests. */
export function createEmailMessagesRepo(db: Db): EmailMessageRepository {
  /** The mails whose `column` is `id`, oldest first, with their attachments; none for a malformed id. */
  const listWhere = async (column: typeof emailMessages.id | typeof emailMessages.mailboxId | typeof emailMessages.interactionId | typeof emailMessages.threadId, id: string) =>
    isUuid(id) ? withAttachments(db, await db.select().from(emailMessages).where(eq(column, id)).orderBy(asc(emailMessages.receivedAt), asc(emailMessages.uid))) : [];
  return {
    get: async (id) => (await listWhere(emailMessages.id, id))[0],
    listByMailbox: (mailboxId) => listWhere(emailMessages.mailboxId, mailboxId),
    listByInteraction: (interactionId) => listWhere(emailMessages.interactionId, interactionId),
    async threadOfInteraction(interactionId) {
      if (!isUuid(interactionId)) return undefined;
      // The thread's current interaction, or one the interaction's mail arrived in (a reopened thread points at the newest).
      const [row] = await db
        .selectDistinct({ id: emailThreads.id, mailboxId: emailThreads.mailboxId, ticketNo: emailThreads.ticketNo })
        .from(emailThreads)
        .leftJoin(emailMessages, eq(emailMessages.threadId, emailThreads.id))
        .where(or(eq(emailThreads.interactionId, interactionId), eq(emailMessages.interactionId, interactionId)))
        .limit(1);
      return row && { threadId: row.id, mailboxId: row.mailboxId, ticketRef: ticketRefOf(row.ticketNo) };
    },
    listByThread: (threadId) => listWhere(emailMessages.threadId, threadId),
    async attachment(id) {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select({ threadId: emailMessages.threadId, filename: emailAttachments.filename, contentType: emailAttachments.contentType, size: emailAttachments.size, content: emailAttachments.content, refused: emailAttachments.refused })
        .from(emailAttachments)
        .innerJoin(emailMessages, eq(emailMessages.id, emailAttachments.messageId))
        .where(eq(emailAttachments.id, id));
      return row && { threadId: row.threadId, filename: row.filename, contentType: row.contentType, size: row.size, ...(row.content ? { content: row.content } : {}), ...(row.refused ? { refused: row.refused } : {}) };
    },
    async thread(threadId) {
      if (!isUuid(threadId)) return undefined;
      const [row] = await db.select().from(emailThreads).where(eq(emailThreads.id, threadId));
      return row && { ticketRef: ticketRefOf(row.ticketNo), ...(row.interactionId ? { interactionId: row.interactionId } : {}) };
    },
  };
}
