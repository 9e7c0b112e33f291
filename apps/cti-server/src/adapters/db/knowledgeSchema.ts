import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigserial, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { KNOWLEDGE_FORMATS, KNOWLEDGE_LANGUAGES, KNOWLEDGE_STATUSES, type KnowledgeFormat, type KnowledgeLanguage, type KnowledgeStatus } from '@omnicc/shared';
import { users } from './schema.js';

/**
 * Knowledge base (知识库, docs/knowledge.md). Migration 0017 creates these
 * and enables pg_trgm; the GIN indexes are there (drizzle-kit does not model
 * operator classes on custom columns). Kept apart from schema.ts like the
 * other features' tables.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const quoted = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The category tree: a parent (null at the top), names in both languages and an order among siblings. */
export const kbCategories = pgTable(
  'kb_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // RESTRICT: a category with children is not deleted (the API says CONFLICT).
    parentId: uuid('parent_id').references((): AnyPgColumn => kbCategories.id, { onDelete: 'restrict' }),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('kb_categories_parent_idx').on(t.parentId, t.sortOrder)],
);

/**
 * Articles. `search` is the weighted tsvector the application computes
 * (features/knowledge/searchDocument.ts: Han bigrams and unigrams as
 * lexemes, words through the `english` configuration); `search_title` the
 * normalized title for pg_trgm's typo tolerance.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => kbCategories.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    format: text('format').notNull().$type<KnowledgeFormat>(),
    language: text('language').notNull().$type<KnowledgeLanguage>(),
    tags: text('tags').array().notNull().$type<string[]>(),
    status: text('status').notNull().$type<KnowledgeStatus>(),
    /** Bumped by every edit: a PUT naming an older one is CONFLICT. */
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    views: integer('views').notNull().default(0),
    helpful: integer('helpful').notNull().default(0),
    notHelpful: integer('not_helpful').notNull().default(0),
    search: tsvector('search').notNull(),
    searchTitle: text('search_title').notNull(),
  },
  (t) => [
    check('kb_articles_status_check', sql`${t.status} IN (${quoted(KNOWLEDGE_STATUSES)})`),
    check('kb_articles_language_check', sql`${t.language} IN (${quoted(KNOWLEDGE_LANGUAGES)})`),
    check('kb_articles_format_check', sql`${t.format} IN (${quoted(KNOWLEDGE_FORMATS)})`),
    index('kb_articles_category_idx').on(t.categoryId, t.status),
  ],
);

/** One vote per user and article (a second replaces the first); the article's counts follow in the same transaction. */
export const kbFeedback = pgTable(
  'kb_feedback',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    helpful: boolean('helpful').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.userId] })],
);

/** Every write of a category or article: who, when, what (written in the write's transaction). */
export const kbAudit = pgTable(
  'kb_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entity: text('entity').notNull().$type<'category' | 'article'>(),
    entityId: uuid('entity_id').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: ts('at').notNull(),
    detail: jsonb('detail'),
  },
  (t) => [index('kb_audit_entity_idx').on(t.entityId, t.id)],
);

/** Every table of this file (the migration test checks the migrations create them). */
export const knowledgeTables = { kbCategories, kbArticles, kbFeedback, kbAudit };
