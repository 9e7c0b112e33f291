import type { KnowledgeActor, KnowledgeStore } from '../store/KnowledgeStore.js';
import { KNOWLEDGE_ARTICLES, KNOWLEDGE_CATEGORIES } from './knowledgeArticles.js';

/**
 * Loads the test-set categories and articles, published, through the
 * store's own writes (so they are audited and indexed as an editor's
 * would be). Does nothing when the knowledge base already has categories:
 * re-running the demo seed keeps what editors changed. Returns the ids by
 * the articles' keys (empty when it did nothing).
 */
export async function seedKnowledge(store: KnowledgeStore, by: KnowledgeActor): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if ((await store.categories()).length > 0) return ids;
  const categoryIds = new Map<string, string>();
  for (const [order, c] of KNOWLEDGE_CATEGORIES.entries()) {
    const parentId = c.parent === undefined ? null : (categoryIds.get(c.parent) ?? null);
    categoryIds.set(c.key, (await store.createCategory({ parentId, nameZh: c.nameZh, nameEn: c.nameEn, order }, by)).id);
  }
  for (const a of KNOWLEDGE_ARTICLES) {
    const created = await store.createArticle({ categoryId: categoryIds.get(a.category)!, title: a.title, body: a.body, format: 'text', language: a.language, tags: a.tags }, by);
    await store.setStatus(created.id, 'published', by);
    ids.set(a.key, created.id);
  }
  return ids;
}
