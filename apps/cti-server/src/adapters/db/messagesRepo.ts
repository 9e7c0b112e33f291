import { and, asc, eq, inArray, lt, lte, or } from 'drizzle-orm';
import { AppError, type ChatMessage, type DeliveryState } from '@omnicc/shared';
import type { MessageRepository } from '../../store/Store.js';
import { fromIso, toIso, type Db } from './db.js';
import { isUuid, PG, translating } from './pgErrors.js';
import { messages } from './schema.js';

const toMessage = (r: typeof messages.$inferSelect): ChatMessage => ({
  id: r.id,
  interactionId: r.interactionId,
  clientMessageId: r.clientMessageId,
  sender: r.sender,
  authorName: r.authorName,
  text: r.text,
  sentAt: toIso(r.sentAt),
  delivery: r.delivery,
});

/** States a message may be raised from, per target: delivery only ever goes up. */
const RAISABLE: Record<Exclude<DeliveryState, 'sent'>, DeliveryState[]> = {
  delivered: ['sent'],
  read: ['sent', 'delivered'],
};

/** Chat messages; sends are idempotent on the client's message id. */
export function createMessagesRepo(db: Db): MessageRepository {
  return {
    async append(m) {
      if (!isUuid(m.interactionId)) throw new AppError('NOT_FOUND', `unknown interaction ${m.interactionId}`);
      const key = and(
        eq(messages.interactionId, m.interactionId),
        eq(messages.sender, m.sender),
        eq(messages.clientMessageId, m.clientMessageId),
      );
      // DO NOTHING waits for a concurrent insert of the same key to commit, so a
      // retry racing the original still ends up reading the one stored row.
      const [inserted] = await translating(
        () =>
          db
            .insert(messages)
            .values({
              interactionId: m.interactionId,
              clientMessageId: m.clientMessageId,
              sender: m.sender,
              authorName: m.authorName,
              text: m.text,
              sentAt: fromIso(m.sentAt),
            })
            .onConflictDoNothing({ target: [messages.interactionId, messages.sender, messages.clientMessageId] })
            .returning(),
        { [PG.foreignKeyViolation]: ['NOT_FOUND', `unknown interaction ${m.interactionId}`] },
      );
      if (inserted) return { message: toMessage(inserted), created: true };
      const [stored] = await db.select().from(messages).where(key);
      if (!stored) throw new Error(`message ${m.clientMessageId} conflicted but cannot be read back`);
      return { message: toMessage(stored), created: false };
    },

    async list(interactionId) {
      if (!isUuid(interactionId)) return [];
      const rows = await db
        .select()
        .from(messages)
        .where(eq(messages.interactionId, interactionId))
        .orderBy(asc(messages.sentAt), asc(messages.seq));
      return rows.map(toMessage);
    },

    async markDelivery(interactionId, sender, delivery, upToMessageId) {
      if (!isUuid(interactionId)) return [];
      const conditions = [
        eq(messages.interactionId, interactionId),
        eq(messages.sender, sender),
        // Re-checked under the row lock, so a concurrent `read` is never lowered to `delivered`.
        inArray(messages.delivery, RAISABLE[delivery]),
      ];
      if (upToMessageId !== undefined) {
        // An id that is not a message of this interaction marks nothing (a stale
        // or forged receipt must not raise everything).
        if (!isUuid(upToMessageId)) return [];
        const [cut] = await db
          .select({ sentAt: messages.sentAt, seq: messages.seq })
          .from(messages)
          .where(and(eq(messages.id, upToMessageId), eq(messages.interactionId, interactionId)));
        if (!cut) return [];
        const upToCut = or(lt(messages.sentAt, cut.sentAt), and(eq(messages.sentAt, cut.sentAt), lte(messages.seq, cut.seq)));
        if (upToCut) conditions.push(upToCut);
      }
      const changed = await db
        .update(messages)
        .set({ delivery })
        .where(and(...conditions))
        .returning({ id: messages.id, sentAt: messages.sentAt, seq: messages.seq });
      // RETURNING has no order; callers get the ids in conversation order.
      changed.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime() || a.seq - b.seq);
      return changed.map((c) => c.id);
    },
  };
}
