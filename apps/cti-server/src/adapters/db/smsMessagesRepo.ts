import { and, desc, eq } from 'drizzle-orm';
import type { SmsMessagesRepository } from '../../store/SmsStore.js';
import type { Db } from './db.js';
import { isUuid } from './pgErrors.js';
import { toStoredSms } from './smsRows.js';
import { smsMessages } from './smsSchema.js';

/** Reading SMS conversations (docs/sms.md). */
export function createSmsMessagesRepo(db: Db): SmsMessagesRepository {
  return {
    async addressOf(interactionId) {
      if (!isUuid(interactionId)) return undefined;
      const latest = (direction: 'in' | 'out') =>
        db
          .select({ number: smsMessages.number, serviceNumber: smsMessages.serviceNumber })
          .from(smsMessages)
          .where(and(eq(smsMessages.interactionId, interactionId), eq(smsMessages.direction, direction)))
          .orderBy(desc(smsMessages.createdAt))
          .limit(1);
      // The number the customer last wrote to is the one to answer from.
      const [inbound] = await latest('in');
      return inbound ?? (await latest('out'))[0];
    },

    async listByNumber(number, limit) {
      const rows = await db.select().from(smsMessages).where(eq(smsMessages.number, number)).orderBy(desc(smsMessages.createdAt), desc(smsMessages.id)).limit(limit);
      return rows.reverse().map(toStoredSms);
    },
  };
}
