import type pg from 'pg';
import type { Store } from '../../store/Store.js';
import { createAgentStatusRepo } from './agentStatusRepo.js';
import { createAgentsRepo } from './agentsRepo.js';
import { createDb } from './db.js';
import { createDictionariesRepo } from './dictionariesRepo.js';
import { createInteractionsRepo } from './interactionsRepo.js';
import { createLabelledCodesRepo } from './labelledCodesRepo.js';
import { createMessagesRepo } from './messagesRepo.js';
import { createQueueConfigsRepo } from './queueConfigsRepo.js';
import { createQueuesRepo } from './queuesRepo.js';
import { createRoutingSettingsRepo } from './routingSettingsRepo.js';
import { dispositions, notReadyReasons } from './schema.js';
import { createSkillsRepo } from './skillsRepo.js';
import { createTeamsRepo } from './teamsRepo.js';
import { createUsersRepo } from './usersRepo.js';

/**
 * The Store on PostgreSQL (machine or embedded; see openDatabase). The schema
 * must already be migrated (see migrate). Every method resolves only after its
 * write is committed. `close()` ends the pool, once; it does not stop an
 * embedded server.
 */
export function createPgStore(pool: pg.Pool): Store {
  const db = createDb(pool);
  let closing: Promise<void> | undefined;
  return {
    users: createUsersRepo(db),
    dictionaries: createDictionariesRepo(db),
    queues: createQueuesRepo(db),
    interactions: createInteractionsRepo(db),
    messages: createMessagesRepo(db),
    agentStatus: createAgentStatusRepo(db),
    queueConfigs: createQueueConfigsRepo(db),
    skills: createSkillsRepo(db),
    teams: createTeamsRepo(db),
    agents: createAgentsRepo(db),
    // Retired codes stay in history (interactions, status log keep the text), so nothing blocks a delete here.
    notReadyReasons: createLabelledCodesRepo(db, notReadyReasons, { what: 'not-ready reason' }),
    dispositions: createLabelledCodesRepo(db, dispositions, { what: 'wrap-up code' }),
    routingSettings: createRoutingSettingsRepo(db),
    // pg throws if end() is called twice; server shutdown and tests may both close.
    close: () => (closing ??= pool.ended ? Promise.resolve() : pool.end()),
  };
}
