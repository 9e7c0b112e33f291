import { hanTerms, queryTerms, segment, words } from './segment.js';

/** tsvector positions stop at 16383; later terms share the last one. */
const MAX_POSITION = 16_383;

/** A field's weight in the tsvector: title A, tags B, body C (ts_rank's weights array is D, C, B, A). */
type Weight = 'A' | 'B' | 'C';

/**
 * What the repository writes for an article's search, all computed here:
 * - `han`: a tsvector literal of the Han bigrams and unigrams with their
 *   positions and field weights. A literal, not to_tsvector: PostgreSQL's
 *   parser classifies characters by the database's locale (the embedded
 *   cluster runs initdb with --locale=C), the literal is read the same on
 *   every server;
 * - `titleWords`, `tagWords`, `bodyWords`: the words of each field, which
 *   SQL passes through `to_tsvector('english', …)` (stemming: roaming → roam)
 *   and weights A, B, C;
 * - `searchTitle`: the normalized title, for pg_trgm's similarity.
 */
export interface SearchDocument {
  han: string;
  titleWords: string;
  tagWords: string;
  bodyWords: string;
  searchTitle: string;
}

/** Quotes a lexeme for a tsvector or tsquery literal (Han lexemes never need it, but a literal must be safe whatever it holds). */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The Han lexemes of fields, each with its positions and the field's weight, as tsvector input. */
function hanLiteral(fields: readonly { text: string; weight: Weight }[]): string {
  const positions = new Map<string, string[]>();
  let base = 0;
  for (const field of fields) {
    const terms = hanTerms(segment(field.text));
    let last = 0;
    for (const t of terms) {
      const p = Math.min(base + t.position, MAX_POSITION);
      const list = positions.get(t.lexeme) ?? [];
      // A lexeme keeps at most 256 positions in a tsvector; more add nothing to ranking.
      if (list.length < 256) list.push(`${p}${field.weight}`);
      positions.set(t.lexeme, list);
      last = t.position;
    }
    // A gap between fields, so the title's last bigram is not adjacent to the tags' first.
    base = Math.min(base + last + 1, MAX_POSITION);
  }
  return [...positions].map(([lexeme, list]) => `${quoteLexeme(lexeme)}:${list.join(',')}`).join(' ');
}

/** Normalized words joined by spaces (only letters and digits: nothing to_tsvector could read as syntax). */
const wordText = (text: string) => words(segment(text)).join(' ');

/** The search columns of an article. */
export function searchDocument(article: { title: string; tags: readonly string[]; body: string }): SearchDocument {
  const tags = article.tags.join(' / ');
  return {
    han: hanLiteral([
      { text: article.title, weight: 'A' },
      { text: tags, weight: 'B' },
      { text: article.body, weight: 'C' },
    ]),
    titleWords: wordText(article.title),
    tagWords: wordText(tags),
    bodyWords: wordText(article.body),
    searchTitle: segment(article.title)
      .map((s) => s.text)
      .join(' '),
  };
}

/**
 * What a search sends to SQL: the Han grams as a tsquery literal (OR: a
 * long question matches on some of its words, and ranking counts how
 * many), the grams as an array (to count matches with ts_delete), the
 * words for `to_tsquery('english', …)` as prefixes (`invo:*` finds invoice),
 * and the normalized text for pg_trgm.
 */
export interface SearchQuery {
  hanQuery: string;
  grams: string[];
  /** `word:* | word:*`, or '' when the query has no words. */
  wordQuery: string;
  /** The words as typed (normalized), for to_tsvector('english', …) to stem. */
  wordText: string;
  /** Normalized query for pg_trgm (words and Han runs separated by spaces). */
  trigramText: string;
  /** How many terms the query has (grams + words): coverage is counted against it. */
  termCount: number;
}

/** The query as SQL takes it; undefined when it has no searchable term (only punctuation or emoji). */
export function searchQuery(text: string): SearchQuery | undefined {
  const terms = queryTerms(text);
  if (terms.grams.length === 0 && terms.words.length === 0) return undefined;
  return {
    hanQuery: terms.grams.map(quoteLexeme).join(' | '),
    grams: terms.grams,
    wordQuery: terms.words.map((w) => `${quoteLexeme(w)}:*`).join(' | '),
    wordText: terms.words.join(' '),
    trigramText: segment(text)
      .map((s) => s.text)
      .join(' '),
    termCount: terms.grams.length + terms.words.length,
  };
}
