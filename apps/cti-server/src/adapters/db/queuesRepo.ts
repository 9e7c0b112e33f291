import { asc, eq } from 'drizzle-orm';
import type { QueueRecord, QueueRepository } from '../../store/Store.js';
import type { Db } from './db.js';
import { queues } from './schema.js';

const toRecord = (r: typeof queues.$inferSelect): QueueRecord => ({
  id: r.id,
  channel: r.channel,
  nameEn: r.nameEn,
  nameZh: r.nameZh,
});

/** Queues by their configured id (e.g. `chat-general`), listed by id. */
export function createQueuesRepo(db: Db): QueueRepository {
  return {
    async list() {
      const rows = await db.select().from(queues).orderBy(asc(queues.id));
      return rows.map(toRecord);
    },
    async get(id) {
      const [row] = await db.select().from(queues).where(eq(queues.id, id));
      return row && toRecord(row);
    },
    async upsert(queue) {
      const values = { id: queue.id, channel: queue.channel, nameEn: queue.nameEn, nameZh: queue.nameZh };
      await db.insert(queues).values(values).onConflictDoUpdate({ target: queues.id, set: values });
    },
  };
}
