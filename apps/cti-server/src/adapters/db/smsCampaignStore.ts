import type pg from 'pg';
import type { SmsCampaignStore } from '../../store/SmsCampaignStore.js';
import { createDb } from './db.js';
import { createSmsCampaignsAdminRepo } from './smsCampaignsRepo.js';
import { createSmsCampaignRunRepo } from './smsCampaignRunRepo.js';

/** SMS group send on the server's PostgreSQL pool (the schema must be migrated). */
export function createPgSmsCampaignStore(pool: pg.Pool): SmsCampaignStore {
  const db = createDb(pool);
  return { ...createSmsCampaignsAdminRepo(db), ...createSmsCampaignRunRepo(db) };
}
