import { z } from 'zod';

/**
 * REST contract of the knowledge base (知识库, docs/knowledge.md): search,
 * read and rate for every signed-in role under `/api/knowledge`, and the
 * team leads' and admins' CRUD of categories and articles under
 * `/api/admin/knowledge`. Bodies are plain text or a small Markdown subset,
 * never HTML; search snippets carry the matched terms as ranges, so the
 * desk marks them without reading markup from the server.
 */

export const KNOWLEDGE_LANGUAGES = ['zh-CN', 'en'] as const;
export const knowledgeLanguageSchema = z.enum(KNOWLEDGE_LANGUAGES);
export type KnowledgeLanguage = z.infer<typeof knowledgeLanguageSchema>;

/** draft → published → archived; an archived article can be published again. */
export const KNOWLEDGE_STATUSES = ['draft', 'published', 'archived'] as const;
export const knowledgeStatusSchema = z.enum(KNOWLEDGE_STATUSES);
export type KnowledgeStatus = z.infer<typeof knowledgeStatusSchema>;

/** `text`: shown as written; `markdown`: headings, lists, bold, italics, code and links only (docs/knowledge.md). */
export const KNOWLEDGE_FORMATS = ['text', 'markdown'] as const;
export const knowledgeFormatSchema = z.enum(KNOWLEDGE_FORMATS);
export type KnowledgeFormat = z.infer<typeof knowledgeFormatSchema>;

export const KNOWLEDGE_LIMITS = { titleChars: 120, bodyChars: 20_000, tags: 12, tagChars: 24, queryChars: 200, pageSize: 50 } as const;

const noMarkup = (what: string) => (s: string) => !/<\s*\/?\s*[a-z!]/i.test(s) || `${what} must not hold HTML tags`;
const refineNoMarkup = (what: string) => (s: string, ctx: z.RefinementCtx) => {
  const ok = noMarkup(what)(s);
  if (ok !== true) ctx.addIssue({ code: 'custom', message: ok });
};

const uuid = z.uuid();
export const knowledgeIdParamsSchema = z.strictObject({ id: uuid });

/** A category of the tree; `parentId` null at the top. */
export const knowledgeCategorySchema = z.object({
  id: uuid,
  parentId: uuid.nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  order: z.number().int(),
});
export type KnowledgeCategory = z.infer<typeof knowledgeCategorySchema>;
export const knowledgeCategoryListSchema = z.object({ items: z.array(knowledgeCategorySchema) });

export const knowledgeCategoryWriteSchema = z.strictObject({
  parentId: uuid.nullable().default(null),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(60),
  order: z.number().int().min(0).max(10_000).default(0),
});
export type KnowledgeCategoryWrite = z.infer<typeof knowledgeCategoryWriteSchema>;

/** An article body written by an admin: every field but status and counts (status moves by its own routes). */
export const knowledgeArticleWriteSchema = z.strictObject({
  categoryId: uuid,
  title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.titleChars).superRefine(refineNoMarkup('title')),
  body: z.string().min(1).max(KNOWLEDGE_LIMITS.bodyChars).refine((s) => s.trim() !== '', 'must not be blank').superRefine(refineNoMarkup('body')),
  format: knowledgeFormatSchema.default('text'),
  language: knowledgeLanguageSchema,
  tags: z
    .array(z.string().trim().min(1).max(KNOWLEDGE_LIMITS.tagChars))
    .max(KNOWLEDGE_LIMITS.tags)
    .default([])
    .refine((tags) => new Set(tags).size === tags.length, 'a tag is listed twice'),
});
export type KnowledgeArticleWrite = z.infer<typeof knowledgeArticleWriteSchema>;

/** PUT body: the article as the editor read it (`version`), so two editors never overwrite each other (CONFLICT). */
export const knowledgeArticleUpdateSchema = knowledgeArticleWriteSchema.extend({ version: z.number().int().min(1) });
export type KnowledgeArticleUpdate = z.infer<typeof knowledgeArticleUpdateSchema>;

export const knowledgeStatusChangeSchema = z.strictObject({ status: knowledgeStatusSchema });

/** A category and its ancestors, top first. */
export const knowledgeCategoryPathSchema = z.array(z.object({ id: uuid, nameZh: z.string(), nameEn: z.string() }));

export const knowledgeArticleSchema = z.object({
  id: uuid,
  categoryId: uuid,
  categoryPath: knowledgeCategoryPathSchema,
  title: z.string(),
  body: z.string(),
  format: knowledgeFormatSchema,
  language: knowledgeLanguageSchema,
  tags: z.array(z.string()),
  status: knowledgeStatusSchema,
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.object({ id: uuid, displayName: z.string() }).optional(),
  views: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
});
export type KnowledgeArticle = z.infer<typeof knowledgeArticleSchema>;

/** Admin list: every status, newest first. */
export const knowledgeArticleListSchema = z.object({ items: z.array(knowledgeArticleSchema.omit({ body: true })), total: z.number().int() });
export const knowledgeArticleListQuerySchema = z.strictObject({
  status: knowledgeStatusSchema.optional(),
  categoryId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(KNOWLEDGE_LIMITS.pageSize).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** GET /api/knowledge/search: published articles only. */
export const knowledgeSearchQuerySchema = z.strictObject({
  q: z.string().max(KNOWLEDGE_LIMITS.queryChars).refine((s) => s.trim() !== '', 'must not be blank'),
  categoryId: uuid.optional(),
  language: knowledgeLanguageSchema.optional(),
  limit: z.coerce.number().int().min(1).max(KNOWLEDGE_LIMITS.pageSize).default(10),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});
export type KnowledgeSearchQuery = z.infer<typeof knowledgeSearchQuerySchema>;

/** A part of a text to mark: UTF-16 `start` and `length` within that text. */
export const textRangeSchema = z.object({ start: z.number().int().min(0), length: z.number().int().min(1) });
export type TextRange = z.infer<typeof textRangeSchema>;

/** Text with the matched terms as ranges (plain text: the desk marks them, no HTML). */
export const markedTextSchema = z.object({ text: z.string(), ranges: z.array(textRangeSchema) });
export type MarkedText = z.infer<typeof markedTextSchema>;

export const knowledgeHitSchema = z.object({
  id: uuid,
  title: markedTextSchema,
  snippet: markedTextSchema,
  categoryPath: knowledgeCategoryPathSchema,
  language: knowledgeLanguageSchema,
  tags: z.array(z.string()),
  /** Higher is better; comparable within one search only. */
  score: z.number(),
});
export type KnowledgeHit = z.infer<typeof knowledgeHitSchema>;
export const knowledgeSearchResultSchema = z.object({ items: z.array(knowledgeHitSchema), total: z.number().int() });
export type KnowledgeSearchResult = z.infer<typeof knowledgeSearchResultSchema>;

/** POST /api/knowledge/articles/:id/feedback: one vote per user and article; a second replaces the first. */
export const knowledgeFeedbackSchema = z.strictObject({ helpful: z.boolean() });
export const knowledgeFeedbackResultSchema = z.object({ helpful: z.number().int(), notHelpful: z.number().int() });
