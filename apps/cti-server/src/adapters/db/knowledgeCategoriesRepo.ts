import { asc, eq, sql } from 'drizzle-orm';
import { AppError, type KnowledgeCategory } from '@omnicc/shared';
import type { KnowledgeStore } from '../../store/KnowledgeStore.js';
import { auditKnowledge } from './knowledgeArticlesRepo.js';
import { fromIso, type Db } from './db.js';
import { kbCategories } from './knowledgeSchema.js';
import { PG, translating } from './pgErrors.js';

const notFound = (id: string) => new AppError('NOT_FOUND', `knowledge category ${id} not found`);

const toCategory = (r: typeof kbCategories.$inferSelect): KnowledgeCategory => ({ id: r.id, parentId: r.parentId, nameZh: r.nameZh, nameEn: r.nameEn, order: r.sortOrder });

export type KnowledgeCategories = Pick<KnowledgeStore, 'categories' | 'createCategory' | 'updateCategory' | 'deleteCategory'>;

/** The category tree on PostgreSQL; every write audited in its transaction. */
export function createKnowledgeCategoriesRepo(db: Db): KnowledgeCategories {
  return {
    categories: async () => (await db.select().from(kbCategories).orderBy(asc(kbCategories.sortOrder), asc(kbCategories.nameEn), asc(kbCategories.id))).map(toCategory),

    createCategory: (w, by) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const [row] = await tx
              .insert(kbCategories)
              .values({ parentId: w.parentId, nameZh: w.nameZh, nameEn: w.nameEn, sortOrder: w.order, updatedAt: fromIso(by.at), updatedBy: by.actorId })
              .returning();
            await auditKnowledge(tx, 'category', row!.id, 'create', by, { nameZh: w.nameZh, nameEn: w.nameEn });
            return toCategory(row!);
          }),
        { [PG.foreignKeyViolation]: ['BAD_REQUEST', 'body: parentId: no such knowledge category'] },
      ),

    updateCategory: (id, w, by) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            if (w.parentId !== null) {
              // A parent below the category itself would make a loop: walk up from the new parent.
              const { rows } = await tx.execute<{ id: string }>(sql`
                WITH RECURSIVE up AS (SELECT id, parent_id FROM kb_categories WHERE id = ${w.parentId}
                  UNION SELECT c.id, c.parent_id FROM kb_categories c JOIN up ON c.id = up.parent_id)
                SELECT id FROM up WHERE id = ${id}`);
              if (rows.length > 0) throw new AppError('BAD_REQUEST', 'body: parentId: a category cannot be placed under itself or its own subcategory');
            }
            const [row] = await tx
              .update(kbCategories)
              .set({ parentId: w.parentId, nameZh: w.nameZh, nameEn: w.nameEn, sortOrder: w.order, updatedAt: fromIso(by.at), updatedBy: by.actorId })
              .where(eq(kbCategories.id, id))
              .returning();
            if (!row) throw notFound(id);
            await auditKnowledge(tx, 'category', id, 'update', by, { nameZh: w.nameZh, nameEn: w.nameEn, parentId: w.parentId });
            return toCategory(row);
          }),
        { [PG.foreignKeyViolation]: ['BAD_REQUEST', 'body: parentId: no such knowledge category'] },
      ),

    deleteCategory: (id, by) =>
      translating(
        () =>
          db.transaction(async (tx) => {
            const [row] = await tx.delete(kbCategories).where(eq(kbCategories.id, id)).returning();
            if (!row) throw notFound(id);
            await auditKnowledge(tx, 'category', id, 'delete', by, { nameZh: row.nameZh, nameEn: row.nameEn });
          }),
        { [PG.foreignKeyViolation]: ['CONFLICT', 'knowledge category still holds subcategories or articles: move or delete them first'] },
      ),
  };
}
