import type pg from 'pg';
import type { Fence, Store } from '../../store/Store.js';
import { createAgentStatusRepo } from './agentStatusRepo.js';
import { createAgentsRepo } from './agentsRepo.js';
import { createCannedResponsesRepo } from './cannedResponsesRepo.js';
import { createDb } from './db.js';
import { createDictionariesRepo } from './dictionariesRepo.js';
import { createInteractionsRepo } from './interactionsRepo.js';
import { createLabelledCodesRepo } from './labelledCodesRepo.js';
import { createLeasesRepo } from './leasesRepo.js';
import { createMessagesRepo } from './messagesRepo.js';
import { createOffersRepo } from './offersRepo.js';
import { createQueueConfigsRepo } from './queueConfigsRepo.js';
import { createQueuesRepo } from './queuesRepo.js';
import { createRoutingSettingsRepo } from './routingSettingsRepo.js';
import { createRoutingWritesRepo } from './routingWritesRepo.js';
import { dispositions, notReadyReasons } from './schema.js';
import { createSkillsRepo } from './skillsRepo.js';
import { createTeamsRepo } from './teamsRepo.js';
import { createUsersRepo } from './usersRepo.js';

export interface PgStoreOptions {
  /**
   * Fences routing's writes (interaction transitions, offers, agent status):
   * each first checks, in its own transaction, that this fence's node still
   * holds the lease with its token, else throws AppError UNAVAILABLE and
   * writes nothing. Read at every write; undefined then means "not the
   * routing owner" (UNAVAILABLE too). Without it, nothing is fenced.
   */
  fence?: () => Fence | undefined;
}

/**
 * The Store on PostgreSQL (machine or embedded; see openDatabase). The schema
 * must already be migrated (see migrate). Every method resolves only after its
 * write is committed. `close()` ends the pool, once; it does not stop an
 * embedded server.
 */
export function createPgStore(pool: pg.Pool, options: PgStoreOptions = {}): Store {
  const db = createDb(pool);
  const { fence } = options;
  let closing: Promise<void> | undefined;
  return {
    users: createUsersRepo(db),
    dictionaries: createDictionariesRepo(db),
    queues: createQueuesRepo(db),
    interactions: createInteractionsRepo(db, fence),
    messages: createMessagesRepo(db),
    agentStatus: createAgentStatusRepo(db, fence),
    queueConfigs: createQueueConfigsRepo(db),
    skills: createSkillsRepo(db),
    teams: createTeamsRepo(db),
    agents: createAgentsRepo(db),
    // Retired codes stay in history (interactions, status log keep the text), so nothing blocks a delete here.
    notReadyReasons: createLabelledCodesRepo(db, notReadyReasons, { what: 'not-ready reason' }),
    dispositions: createLabelledCodesRepo(db, dispositions, { what: 'wrap-up code' }),
    routingSettings: createRoutingSettingsRepo(db),
    cannedResponses: createCannedResponsesRepo(db),
    leases: createLeasesRepo(db),
    offers: createOffersRepo(db, fence),
    routingWrites: createRoutingWritesRepo(db, fence),
    // pg throws if end() is called twice; server shutdown and tests may both close.
    close: () => (closing ??= pool.ended ? Promise.resolve() : pool.end()),
  };
}
