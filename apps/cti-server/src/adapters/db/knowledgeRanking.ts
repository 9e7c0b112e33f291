/**
 * The ranking candidates of knowledge search, as SQL over `kb_articles a`
 * and the query row `q` (tq: tsquery, lex: the query's lexemes, n: how many,
 * raw: normalized text). docs/knowledge.md compares them on the zh-CN test
 * set (test/knowledgeRanking.test.ts); `combined` is the one searches use.
 */
export interface Ranker {
  /** Which rows are hits. */
  match: string;
  /** Higher is better. */
  score: string;
}

/** ts_rank_cd weights {D, C, B, A}: body C, tags B, title A. */
const WEIGHTS = `'{0.05, 0.3, 0.6, 1.0}'`;
/** Share of the query's terms the article holds anywhere (ts_delete drops the matched lexemes; the difference counts them). */
const COVERAGE = `((length(a.search) - length(ts_delete(a.search, q.lex)))::float8 / greatest(q.n, 1))`;
/** The same, in the title only (the weight-A lexemes). */
const TITLE_COVERAGE = `((length(ts_filter(a.search, '{a}')) - length(ts_delete(ts_filter(a.search, '{a}'), q.lex)))::float8 / greatest(q.n, 1))`;
/** Cover density with field weights, squashed into 0..1 (normalization 32: rank / (rank + 1)). */
const DENSITY = `ts_rank_cd(${WEIGHTS}, a.search, q.tq, 32)`;

export const RANKERS = {
  /** pg_trgm alone: how well the query matches a stretch of the title, or of the body at half weight. */
  trigram: {
    match: `(q.raw <% a.search_title OR q.raw <% a.body)`,
    score: `greatest(word_similarity(q.raw, a.search_title), 0.5 * word_similarity(q.raw, a.body))`,
  },
  /** The bigram tsvector alone, ranked by weighted cover density. */
  bigram: {
    match: `a.search @@ q.tq`,
    score: DENSITY,
  },
  /**
   * The bigram tsvector for recall, ranked by how much of the query the
   * article covers (everywhere and in its title), cover density, and the
   * title's trigram similarity (typos in words, short queries). Rows the
   * tsvector misses but whose title is close by trigrams are hits too.
   */
  combined: {
    match: `(a.search @@ q.tq OR q.raw <% a.search_title)`,
    score: `(0.45 * ${COVERAGE} + 0.35 * ${TITLE_COVERAGE} + 0.3 * ${DENSITY} + 0.3 * word_similarity(q.raw, a.search_title))`,
  },
} as const satisfies Record<string, Ranker>;

export type RankerName = keyof typeof RANKERS;
