import type pg from 'pg';
import type { KnowledgeStore } from '../../store/KnowledgeStore.js';
import { createDb } from './db.js';
import { createKnowledgeArticlesRepo } from './knowledgeArticlesRepo.js';
import { createKnowledgeCategoriesRepo } from './knowledgeCategoriesRepo.js';
import { searchArticles } from './knowledgeSearchRepo.js';

/** The knowledge base on the server's PostgreSQL pool (the schema must be migrated, pg_trgm enabled by migration 0017). */
export function createPgKnowledgeStore(pool: pg.Pool): KnowledgeStore {
  const db = createDb(pool);
  return { ...createKnowledgeCategoriesRepo(db), ...createKnowledgeArticlesRepo(db), search: (s) => searchArticles(pool, s) };
}
