import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { AppError, type KnowledgeArticleWrite, type KnowledgeStatus } from '@omnicc/shared';
import type { KnowledgeActor, KnowledgeStore, StoredArticle } from '../../store/KnowledgeStore.js';
import { searchDocument } from '../../features/knowledge/searchDocument.js';
import { fromIso, toIso, type Db, type Tx } from './db.js';
import { kbArticles, kbAudit, kbFeedback } from './knowledgeSchema.js';
import { PG, translating } from './pgErrors.js';
import { users } from './schema.js';

const notFound = (id: string) => new AppError('NOT_FOUND', `knowledge article ${id} not found`);
const unknownCategory: [typeof PG.foreignKeyViolation, ['BAD_REQUEST', string]] = [PG.foreignKeyViolation, ['BAD_REQUEST', 'body: categoryId: no such knowledge category']];

/** Appends to the knowledge audit trail, in the caller's transaction. */
export async function auditKnowledge(tx: Tx, entity: 'category' | 'article', entityId: string, action: string, by: KnowledgeActor, detail?: Record<string, unknown>): Promise<void> {
  await tx.insert(kbAudit).values({ entity, entityId, action, actorId: by.actorId, at: fromIso(by.at), detail: detail ?? null });
}

/** The search columns of an article, computed from its text (searchDocument.ts): Han lexemes as a literal, words through `english`. */
function searchColumns(w: KnowledgeArticleWrite): { search: SQL<string>; searchTitle: string } {
  const d = searchDocument(w);
  return {
    search: sql<string>`(${d.han}::tsvector || setweight(to_tsvector('english', ${d.titleWords}), 'A') || setweight(to_tsvector('english', ${d.tagWords}), 'B') || setweight(to_tsvector('english', ${d.bodyWords}), 'C'))`,
    searchTitle: d.searchTitle,
  };
}

type Row = { row: typeof kbArticles.$inferSelect; editorName: string | null };

function toArticle({ row, editorName }: Row): StoredArticle {
  return {
    id: row.id,
    categoryId: row.categoryId,
    title: row.title,
    body: row.body,
    format: row.format,
    language: row.language,
    tags: row.tags,
    status: row.status,
    version: row.version,
    updatedAt: toIso(row.updatedAt),
    ...(row.updatedBy && editorName !== null ? { updatedBy: { id: row.updatedBy, displayName: editorName } } : {}),
    views: row.views,
    helpful: row.helpful,
    notHelpful: row.notHelpful,
  };
}

/** The article half of KnowledgeStore (categories: knowledgeCategoriesRepo.ts, search: knowledgeSearchRepo.ts). */
export type KnowledgeArticles = Pick<KnowledgeStore, 'article' | 'viewArticle' | 'listArticles' | 'createArticle' | 'updateArticle' | 'setStatus' | 'deleteArticle' | 'feedback'>;

export function createKnowledgeArticlesRepo(db: Db): KnowledgeArticles {
  const select = (q: Db | Tx = db) => q.select({ row: kbArticles, editorName: users.displayName }).from(kbArticles).leftJoin(users, eq(users.id, kbArticles.updatedBy));
  const get = async (id: string, q: Db | Tx = db) => {
    const [row] = await select(q).where(eq(kbArticles.id, id));
    return row && toArticle(row);
  };
  const mustGet = async (id: string, q: Db | Tx) => {
    const a = await get(id, q);
    if (!a) throw notFound(id);
    return a;
  };
  const fields = (w: KnowledgeArticleWrite, by: KnowledgeActor) => ({
    categoryId: w.categoryId,
    title: w.title,
    body: w.body,
    format: w.format,
    language: w.language,
    tags: w.tags,
    updatedAt: fromIso(by.at),
    updatedBy: by.actorId,
    ...searchColumns(w),
  });

  return {
    article: (id) => get(id),

    viewArticle: async (id) => {
      const [hit] = await db
        .update(kbArticles)
        .set({ views: sql`${kbArticles.views} + 1` })
        .where(and(eq(kbArticles.id, id), eq(kbArticles.status, 'published')))
        .returning({ id: kbArticles.id });
      return hit && get(id);
    },

    listArticles: async ({ status, categoryId, limit, offset }) => {
      const where = and(status ? eq(kbArticles.status, status) : undefined, categoryId ? eq(kbArticles.categoryId, categoryId) : undefined);
      const rows = await select().where(where).orderBy(desc(kbArticles.updatedAt), kbArticles.id).limit(limit).offset(offset);
      const [total] = await db.select({ n: count() }).from(kbArticles).where(where);
      return { items: rows.map(toArticle), total: total?.n ?? 0 };
    },

    createArticle: (w, by) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const [row] = await tx
              .insert(kbArticles)
              .values({ ...fields(w, by), status: 'draft', version: 1, createdAt: fromIso(by.at) })
              .returning({ id: kbArticles.id });
            await auditKnowledge(tx, 'article', row!.id, 'create', by, { title: w.title });
            return mustGet(row!.id, tx);
          }),
        Object.fromEntries([unknownCategory]),
      ),

    updateArticle: (id, version, w, by) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const [row] = await tx
              .update(kbArticles)
              .set({ ...fields(w, by), version: sql`${kbArticles.version} + 1` })
              .where(and(eq(kbArticles.id, id), eq(kbArticles.version, version)))
              .returning({ id: kbArticles.id });
            if (!row) {
              const current = await get(id, tx);
              throw current ? new AppError('CONFLICT', `knowledge article ${id} is at version ${current.version}, not ${version}: reload it`) : notFound(id);
            }
            await auditKnowledge(tx, 'article', id, 'update', by, { version: version + 1, title: w.title });
            return mustGet(id, tx);
          }),
        Object.fromEntries([unknownCategory]),
      ),

    setStatus: (id, status: KnowledgeStatus, by) =>
      db.transaction(async (tx) => {
        const before = await mustGet(id, tx);
        await tx
          .update(kbArticles)
          .set({ status, updatedAt: fromIso(by.at), updatedBy: by.actorId })
          .where(eq(kbArticles.id, id));
        await auditKnowledge(tx, 'article', id, status === 'published' ? 'publish' : status === 'archived' ? 'archive' : 'unpublish', by, { from: before.status, to: status });
        return mustGet(id, tx);
      }),

    deleteArticle: (id, by) =>
      db.transaction(async (tx) => {
        const [row] = await tx.delete(kbArticles).where(eq(kbArticles.id, id)).returning({ title: kbArticles.title });
        if (!row) throw notFound(id);
        await auditKnowledge(tx, 'article', id, 'delete', by, { title: row.title });
      }),

    feedback: (id, userId, helpful, at) =>
      db.transaction(async (tx) => {
        // Locked: two votes at once must not both read the old counts.
        const [article] = await tx
          .select({ status: kbArticles.status })
          .from(kbArticles)
          .where(eq(kbArticles.id, id))
          .for('update');
        if (article?.status !== 'published') throw notFound(id);
        await tx
          .insert(kbFeedback)
          .values({ articleId: id, userId, helpful, at: fromIso(at) })
          .onConflictDoUpdate({ target: [kbFeedback.articleId, kbFeedback.userId], set: { helpful, at: fromIso(at) } });
        const [counts] = await tx
          .update(kbArticles)
          .set({
            helpful: sql`(SELECT count(*) FROM ${kbFeedback} WHERE ${kbFeedback.articleId} = ${id} AND ${kbFeedback.helpful})::int`,
            notHelpful: sql`(SELECT count(*) FROM ${kbFeedback} WHERE ${kbFeedback.articleId} = ${id} AND NOT ${kbFeedback.helpful})::int`,
          })
          .where(eq(kbArticles.id, id))
          .returning({ helpful: kbArticles.helpful, notHelpful: kbArticles.notHelpful });
        return counts!;
      }),
  };
}
