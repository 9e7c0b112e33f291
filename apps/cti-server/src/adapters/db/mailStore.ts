import type pg from 'pg';
import type { MailStore } from '../../store/MailStore.js';
import { createDb } from './db.js';
import { createEmailIngestRepo } from './emailIngestRepo.js';
import { createEmailMessagesRepo } from './emailMessagesRepo.js';
import { createEmailOutboxRepo } from './emailOutboxRepo.js';
import { createMailboxesRepo } from './mailboxesRepo.js';

/** The email channel's store on the server's PostgreSQL pool (the schema must be migrated). */
export function createPgMailStore(pool: pg.Pool): MailStore {
  const db = createDb(pool);
  return { mailboxes: createMailboxesRepo(db), ingest: createEmailIngestRepo(db), messages: createEmailMessagesRepo(db), outbox: createEmailOutboxRepo(db) };
}
