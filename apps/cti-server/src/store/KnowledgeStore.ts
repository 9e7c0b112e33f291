import type {
  KnowledgeArticle,
  KnowledgeArticleWrite,
  KnowledgeCategory,
  KnowledgeCategoryWrite,
  KnowledgeLanguage,
  KnowledgeStatus,
} from '@omnicc/shared';
import type { SearchQuery } from '../features/knowledge/searchDocument.js';
import type { RankerName } from '../adapters/db/knowledgeRanking.js';

/** Who wrote, and when (the audit trail's columns). */
export interface KnowledgeActor {
  actorId: string;
  at: string;
}

/** An article as stored, without its category path (the service adds it from the tree). */
export type StoredArticle = Omit<KnowledgeArticle, 'categoryPath'>;

/** One search hit before snippets: the article's text and its score. */
export interface StoredHit {
  id: string;
  categoryId: string;
  title: string;
  body: string;
  language: KnowledgeLanguage;
  tags: string[];
  score: number;
}

export interface KnowledgeSearch {
  query: SearchQuery;
  /** Only articles in this category or below it. */
  categoryIds?: readonly string[];
  language?: KnowledgeLanguage;
  limit: number;
  offset: number;
  /** Default `combined`; the ranking test compares the others. */
  ranker?: RankerName;
}

/**
 * The knowledge base on PostgreSQL (docs/knowledge.md). Every write is one
 * transaction with its kb_audit row and leaves nothing behind when it
 * fails. Errors are AppErrors: NOT_FOUND for an unknown id, CONFLICT for a
 * stale version or a category still in use, BAD_REQUEST for an unknown
 * parent or category in a body.
 */
export interface KnowledgeStore {
  categories(): Promise<KnowledgeCategory[]>;
  createCategory(write: KnowledgeCategoryWrite, by: KnowledgeActor): Promise<KnowledgeCategory>;
  /** BAD_REQUEST when the new parent is the category itself or one of its descendants. */
  updateCategory(id: string, write: KnowledgeCategoryWrite, by: KnowledgeActor): Promise<KnowledgeCategory>;
  /** CONFLICT while it has subcategories or articles. */
  deleteCategory(id: string, by: KnowledgeActor): Promise<void>;

  article(id: string): Promise<StoredArticle | undefined>;
  /** A published article, its view counted; undefined when unknown or not published. */
  viewArticle(id: string): Promise<StoredArticle | undefined>;
  listArticles(filter: { status?: KnowledgeStatus; categoryId?: string; limit: number; offset: number }): Promise<{ items: StoredArticle[]; total: number }>;
  /** A new draft, version 1. */
  createArticle(write: KnowledgeArticleWrite, by: KnowledgeActor): Promise<StoredArticle>;
  /** Replaces the article if it is still at `version` (else CONFLICT); bumps the version. */
  updateArticle(id: string, version: number, write: KnowledgeArticleWrite, by: KnowledgeActor): Promise<StoredArticle>;
  setStatus(id: string, status: KnowledgeStatus, by: KnowledgeActor): Promise<StoredArticle>;
  deleteArticle(id: string, by: KnowledgeActor): Promise<void>;
  /** Records the user's vote on a published article (replacing an earlier one) and returns the counts. */
  feedback(id: string, userId: string, helpful: boolean, at: string): Promise<{ helpful: number; notHelpful: number }>;

  search(search: KnowledgeSearch): Promise<{ hits: StoredHit[]; total: number }>;
}
