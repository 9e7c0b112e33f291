import type pg from 'pg';
import type { FlowStore } from '../../store/FlowStore.js';
import { createDb } from './db.js';
import { createFlowBindingsRepo } from './flowBindingsRepo.js';
import { createFlowDefinitionsRepo } from './flowDefinitionsRepo.js';
import { createFlowRunsRepo } from './flowRunsRepo.js';

/** Service flows on the server's PostgreSQL pool (the schema must be migrated). */
export function createPgFlowStore(pool: pg.Pool): FlowStore {
  const db = createDb(pool);
  return { flows: createFlowDefinitionsRepo(db), bindings: createFlowBindingsRepo(db), runs: createFlowRunsRepo(db) };
}
