import type pg from 'pg';
import type { KnowledgeLanguage } from '@omnicc/shared';
import type { KnowledgeSearch, StoredHit } from '../../store/KnowledgeStore.js';
import { RANKERS } from './knowledgeRanking.js';

/** How close (pg_trgm word_similarity) a query must be to a stretch of a title to be a hit without sharing a term. */
export const TITLE_SIMILARITY_THRESHOLD = 0.45;

/** How many of the best matches by plain ts_rank are scored in full (the rest are counted, not ranked). */
export const CANDIDATES = 400;
const CANDIDATE_WEIGHTS = `'{0.05, 0.3, 0.6, 1.0}'`;

interface HitRow {
  id: string;
  category_id: string;
  title: string;
  body: string;
  language: KnowledgeLanguage;
  tags: string[];
  score: number;
  total: string;
}

/**
 * Published articles matching the query, best first. The query row `q`
 * is built once: the Han grams' tsquery OR the words' (`english`, as
 * prefixes), the lexemes to count coverage with, and the normalized text
 * for pg_trgm. Ties go to the article viewed and found helpful more, then
 * to the id (a stable order for paging).
 */
export async function searchArticles(pool: pg.Pool, s: KnowledgeSearch): Promise<{ hits: StoredHit[]; total: number }> {
  const ranker = RANKERS[s.ranker ?? 'combined'];
  const { query } = s;
  const text = `
    WITH q AS (
      SELECT coalesce(h.tq || w.tq, h.tq, w.tq) AS tq,
             $2::text[] || coalesce(tsvector_to_array(to_tsvector('english', $4)), '{}') AS lex,
             $6::int AS n,
             $5::text AS raw
      FROM (SELECT CASE WHEN $1 <> '' THEN $1::tsquery END AS tq) h,
           (SELECT CASE WHEN $3 <> '' THEN to_tsquery('english', $3) END AS tq) w
    ), matches AS (
      -- Every hit is counted, but only the best CANDIDATES by plain ts_rank get the full score (it reads each vector several times).
      SELECT a.id, count(*) OVER () AS total
      FROM kb_articles a CROSS JOIN q
      WHERE a.status = 'published'
        AND ($7::text IS NULL OR a.language = $7)
        AND ($8::uuid[] IS NULL OR a.category_id = ANY($8))
        AND q.tq IS NOT NULL AND ${ranker.match}
      ORDER BY ts_rank(${CANDIDATE_WEIGHTS}, a.search, q.tq) DESC
      LIMIT ${CANDIDATES}
    )
    SELECT a.id, a.category_id, a.title, a.body, a.language, a.tags, m.total, (${ranker.score})::float8 AS score
    FROM matches m JOIN kb_articles a ON a.id = m.id CROSS JOIN q
    ORDER BY score DESC, a.helpful - a.not_helpful DESC, a.id
    LIMIT $9 OFFSET $10`;
  // The tsquery is never empty here (searchQuery refuses a query without terms), but a words-only query has no Han part and vice versa.
  const params = [query.hanQuery, query.grams, query.wordQuery, query.wordText, query.trigramText, query.termCount, s.language ?? null, s.categoryIds ?? null, s.limit, s.offset];
  const client = await pool.connect();
  let rows: HitRow[];
  try {
    // `<%` uses the GIN trigram index at this threshold; the default 0.6 misses a one-letter typo in a short word (roamng).
    await client.query('BEGIN');
    await client.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(TITLE_SIMILARITY_THRESHOLD)]);
    rows = (await client.query<HitRow>(text, params)).rows;
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return {
    hits: rows.map((r) => ({ id: r.id, categoryId: r.category_id, title: r.title, body: r.body, language: r.language, tags: r.tags, score: Number(r.score) })),
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
  };
}
