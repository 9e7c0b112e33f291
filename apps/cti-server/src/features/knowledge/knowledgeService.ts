import {
  AppError,
  type KnowledgeArticle,
  type KnowledgeArticleUpdate,
  type KnowledgeArticleWrite,
  type KnowledgeCategory,
  type KnowledgeCategoryWrite,
  type KnowledgeSearchQuery,
  type KnowledgeSearchResult,
  type KnowledgeStatus,
} from '@omnicc/shared';
import { iso, type Clock } from '../../clock.js';
import type { KnowledgeActor, KnowledgeStore, StoredArticle } from '../../store/KnowledgeStore.js';
import type { Principal } from '../auth/tokens.js';
import { markText, snippet } from './highlight.js';
import { queryTerms } from './segment.js';
import { searchQuery } from './searchDocument.js';

type Path = KnowledgeArticle['categoryPath'];

/** The tree read once per call: each category's path from the top, and each one's descendants. */
function tree(categories: readonly KnowledgeCategory[]) {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const pathOf = (id: string): Path => {
    const path: Path = [];
    // Bounded by the tree's size: the store refuses loops, this only guards against one written by hand.
    for (let c = byId.get(id); c && path.length <= categories.length; c = c.parentId === null ? undefined : byId.get(c.parentId)) {
      path.unshift({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn });
    }
    return path;
  };
  const below = (id: string): string[] => [id, ...categories.filter((c) => c.parentId === id).flatMap((c) => below(c.id))];
  return { has: (id: string) => byId.has(id), pathOf, below };
}

/**
 * The knowledge base's use cases (docs/knowledge.md): search, read and
 * rate for every signed-in role; categories and articles kept by team
 * leads and admins (the routes check roles, ADMIN_POLICY.knowledge*).
 */
export class KnowledgeService {
  constructor(private readonly deps: { store: KnowledgeStore; clock: Clock }) {}

  private by(principal: Principal): KnowledgeActor {
    return { actorId: principal.userId, at: iso(this.deps.clock.now()) };
  }

  private async withPath(article: StoredArticle): Promise<KnowledgeArticle> {
    return { ...article, categoryPath: tree(await this.deps.store.categories()).pathOf(article.categoryId) };
  }

  /** Published articles, best first, with marked titles and snippets. BAD_REQUEST for a query with nothing to search or an unknown category. */
  async search(q: KnowledgeSearchQuery): Promise<KnowledgeSearchResult> {
    const query = searchQuery(q.q);
    if (!query) throw new AppError('BAD_REQUEST', 'query: q: nothing to search for (no letters, digits or Chinese characters)');
    const categories = tree(await this.deps.store.categories());
    if (q.categoryId !== undefined && !categories.has(q.categoryId)) throw new AppError('BAD_REQUEST', 'query: categoryId: no such knowledge category');
    const { hits, total } = await this.deps.store.search({
      query,
      ...(q.categoryId !== undefined ? { categoryIds: categories.below(q.categoryId) } : {}),
      ...(q.language !== undefined ? { language: q.language } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    const terms = queryTerms(q.q);
    return {
      total,
      items: hits.map((h) => ({
        id: h.id,
        title: markText(h.title, terms),
        snippet: snippet(h.body, terms),
        categoryPath: categories.pathOf(h.categoryId),
        language: h.language,
        tags: h.tags,
        score: Math.round(h.score * 1000) / 1000,
      })),
    };
  }

  /** A published article for the desk; counts a view. NOT_FOUND for an unknown, draft or archived one. */
  async read(id: string): Promise<KnowledgeArticle> {
    const article = await this.deps.store.viewArticle(id);
    if (!article) throw new AppError('NOT_FOUND', `knowledge article ${id} not found`);
    return this.withPath(article);
  }

  feedback(id: string, helpful: boolean, principal: Principal): Promise<{ helpful: number; notHelpful: number }> {
    return this.deps.store.feedback(id, principal.userId, helpful, iso(this.deps.clock.now()));
  }

  async categories(): Promise<{ items: KnowledgeCategory[] }> {
    return { items: await this.deps.store.categories() };
  }

  createCategory(write: KnowledgeCategoryWrite, principal: Principal): Promise<KnowledgeCategory> {
    return this.deps.store.createCategory(write, this.by(principal));
  }

  updateCategory(id: string, write: KnowledgeCategoryWrite, principal: Principal): Promise<KnowledgeCategory> {
    return this.deps.store.updateCategory(id, write, this.by(principal));
  }

  deleteCategory(id: string, principal: Principal): Promise<void> {
    return this.deps.store.deleteCategory(id, this.by(principal));
  }

  /** Any status (the editors' view), without counting a view. */
  async article(id: string): Promise<KnowledgeArticle> {
    const article = await this.deps.store.article(id);
    if (!article) throw new AppError('NOT_FOUND', `knowledge article ${id} not found`);
    return this.withPath(article);
  }

  async list(filter: { status?: KnowledgeStatus | undefined; categoryId?: string | undefined; limit: number; offset: number }) {
    const { items, total } = await this.deps.store.listArticles({
      limit: filter.limit,
      offset: filter.offset,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.categoryId ? { categoryId: filter.categoryId } : {}),
    });
    const categories = tree(await this.deps.store.categories());
    return { total, items: items.map(({ body: _body, ...a }) => ({ ...a, categoryPath: categories.pathOf(a.categoryId) })) };
  }

  async create(write: KnowledgeArticleWrite, principal: Principal): Promise<KnowledgeArticle> {
    return this.withPath(await this.deps.store.createArticle(write, this.by(principal)));
  }

  async update(id: string, { version, ...write }: KnowledgeArticleUpdate, principal: Principal): Promise<KnowledgeArticle> {
    return this.withPath(await this.deps.store.updateArticle(id, version, write, this.by(principal)));
  }

  async setStatus(id: string, status: KnowledgeStatus, principal: Principal): Promise<KnowledgeArticle> {
    return this.withPath(await this.deps.store.setStatus(id, status, this.by(principal)));
  }

  delete(id: string, principal: Principal): Promise<void> {
    return this.deps.store.deleteArticle(id, this.by(principal));
  }
}
