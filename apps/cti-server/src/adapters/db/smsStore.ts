import { eq } from 'drizzle-orm';
import type pg from 'pg';
import type { SmsStore } from '../../store/SmsStore.js';
import { createDb, toIso } from './db.js';
import { createSmsIngestRepo } from './smsIngestRepo.js';
import { createSmsMessagesRepo } from './smsMessagesRepo.js';
import { createSmsOutboxRepo } from './smsOutboxRepo.js';
import { smsOptOuts } from './smsSchema.js';
import { createSmsSurveysRepo } from './smsSurveysRepo.js';

/** The SMS channel's store on the server's PostgreSQL pool (the schema must be migrated). */
export function createPgSmsStore(pool: pg.Pool): SmsStore {
  const db = createDb(pool);
  return {
    ingest: createSmsIngestRepo(db),
    messages: createSmsMessagesRepo(db),
    outbox: createSmsOutboxRepo(db),
    surveys: createSmsSurveysRepo(db),
    optOuts: {
      async get(number) {
        const [row] = await db.select().from(smsOptOuts).where(eq(smsOptOuts.number, number));
        return row && { number: row.number, word: row.word, at: toIso(row.at) };
      },
    },
  };
}
