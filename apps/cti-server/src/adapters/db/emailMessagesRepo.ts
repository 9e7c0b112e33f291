import { asc, eq, inArray } from 'drizzle-orm';
import type { EmailMessageRepository, StoredEmail } from '../../store/MailStore.js';
import { toIso, type Db } from './db.js';
import { ticketRefOf } from './emailIngestRepo.js';
import { emailAttachments, emailMessages, emailThreads } from './emailSchema.js';
import { isUuid } from './pgErrors.js';

type MessageRow = typeof emailMessages.$inferSelect;

/** Reads of stored mail (the agent view's source, later; tests now). */
export function createEmailMessagesRepo(db: Db): EmailMessageRepository {
  const withAttachments = async (rows: MessageRow[]): Promise<StoredEmail[]> => {
    if (rows.length === 0) return [];
    // Metadata only: the bytes stay in the database until someone downloads them.
    const atts = await db
      .select({ messageId: emailAttachments.messageId, filename: emailAttachments.filename, contentType: emailAttachments.contentType, size: emailAttachments.size, refused: emailAttachments.refused, })
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
      subject: r.subject,
      ...(r.fromAddress ? { from: { name: r.fromName ?? '', address: r.fromAddress } } : {}),
      ...(r.text !== null ? { text: r.text } : {}),
      ...(r.html !== null ? { html: r.html } : {}),
      ...(r.automatic !== null ? { automatic: r.automatic } : {}),
      notes: r.notes,
      receivedAt: toIso(r.receivedAt),
      attachments: atts
        .filter((a) => a.messageId === r.id)
        .map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, ...(a.refused ? { refused: a.refused } : {}), stored: a.refused === null })),
    }));
  };
  return {
    async listByMailbox(mailboxId) {
      if (!isUuid(mailboxId)) return [];
      return withAttachments(await db.select().from(emailMessages).where(eq(emailMessages.mailboxId, mailboxId)).orderBy(asc(emailMessages.receivedAt), asc(emailMessages.uid)));
    },
    async listByInteraction(interactionId) {
      if (!isUuid(interactionId)) return [];
      return withAttachments(await db.select().from(emailMessages).where(eq(emailMessages.interactionId, interactionId)).orderBy(asc(emailMessages.receivedAt), asc(emailMessages.uid)));
    },
    async thread(threadId) {
      if (!isUuid(threadId)) return undefined;
      const [row] = await db.select().from(emailThreads).where(eq(emailThreads.id, threadId));
      return row && { ticketRef: ticketRefOf(row.ticketNo), ...(row.interactionId ? { interactionId: row.interactionId } : {}) };
    },
  };
}
