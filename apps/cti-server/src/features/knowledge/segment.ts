/**
 * Segmentation for knowledge search (docs/knowledge.md, "Search"). Chinese
 * has no spaces and PostgreSQL's parsers do not split it, so a run of Han
 * characters is indexed as its overlapping character bigrams (and single
 * characters, for one-character queries); anything else alphanumeric is a
 * word. No dictionary: a bigram index finds every word of two or more
 * characters that the text contains, at the cost of some false neighbours
 * (宽带故障 also yields 带故), which ranking weighs down.
 *
 * Pure: no I/O. Offsets are UTF-16 indexes into the original text, so the
 * snippet ranges point at what the agent sees.
 */

/** A piece of the text: a run of Han characters, or a word of letters and digits. */
export interface Segment {
  kind: 'han' | 'word';
  /** Normalized: NFKC (full-width letters and digits become ASCII) and lower case, one code point at a time. */
  text: string;
  /** UTF-16 offset of the first code point in the original text. */
  start: number;
  /** UTF-16 offset just past the last code point in the original text. */
  end: number;
  /** Original offset of each normalized code point (han runs: one per character, for n-gram ranges). */
  offsets: number[];
}

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/** NFKC then lower case, for one code point (may grow: "ﬁ" becomes "fi"). */
function normalizeChar(ch: string): string {
  return ch.normalize('NFKC').toLowerCase();
}

/**
 * Splits `text` into Han runs and words; punctuation, symbols, emoji and
 * white space separate them and are dropped. A full-width "５Ｇ" is the word
 * "5g"; letters next to Han characters ("5G套餐") are separate segments.
 */
export function segment(text: string): Segment[] {
  const out: Segment[] = [];
  let current: Segment | undefined;
  let offset = 0;
  for (const raw of text) {
    const norm = normalizeChar(raw);
    // NFKC may turn one code point into several (e.g. "㎏" → "kg"); its class is that of the result's first character.
    const first = [...norm][0] ?? '';
    const kind = HAN.test(first) ? 'han' : WORD.test(first) ? 'word' : undefined;
    if (kind === undefined || current?.kind !== kind) {
      if (current) out.push(current);
      current = kind === undefined ? undefined : { kind, text: '', start: offset, end: offset, offsets: [] };
    }
    if (current) {
      for (const c of norm) {
        if (!HAN.test(c) && !WORD.test(c)) continue;
        current.text += c;
        current.offsets.push(offset);
      }
      current.end = offset + raw.length;
    }
    offset += raw.length;
  }
  if (current) out.push(current);
  return out.filter((s) => s.text.length > 0);
}

/** One term of a document as indexed: the lexeme and its position among the document's terms. */
export interface IndexedTerm {
  lexeme: string;
  /** 1-based, as in a tsvector; a bigram and the unigram it starts with share one. */
  position: number;
}

/**
 * The Han terms of a text as indexed: every character and every pair of
 * neighbours, each at the position of its first character. Positions run
 * across runs, so bigrams that touch in the text are adjacent for
 * `ts_rank_cd`'s proximity. Words are left to PostgreSQL's `english`
 * configuration (stemming), see searchDocument.ts.
 */
export function hanTerms(segments: readonly Segment[]): IndexedTerm[] {
  const terms: IndexedTerm[] = [];
  let position = 0;
  for (const s of segments) {
    if (s.kind === 'word') {
      // A word takes a position, so Han runs on either side of it are not adjacent.
      position++;
      continue;
    }
    const chars = [...s.text];
    chars.forEach((c, i) => {
      position++;
      terms.push({ lexeme: c, position });
      const next = chars[i + 1];
      if (next !== undefined) terms.push({ lexeme: c + next, position });
    });
  }
  return terms;
}

/** The words of a text (normalized), in order. */
export function words(segments: readonly Segment[]): string[] {
  return segments.filter((s) => s.kind === 'word').map((s) => s.text);
}

/**
 * Question words and fillers that carry no topic: a long question
 * ("我的宽带为什么总是断线？") would otherwise match every article that
 * also says "为什么". Dropped from a query while something else remains.
 */
export const HAN_STOP_GRAMS: ReadonlySet<string> = new Set(
  ('我的 你们 我们 为什 什么 怎么 么办 怎样 如何 可以 能不 不能 是不 不是 一下 请问 问一 一个 这个 那个 还是 总是 已经 现在 时候 么样 怎么 吗 呢 吧 了 的 我 你 是 在 有 和 就 也 都 要 会 能 想 请 '
    + '帮我 我想 想要 要怎 么查 么弄 为何 多少 哪里 哪个 么时 时候 一直 经常 老是 突然 然后 没有 问题').split(/\s+/).filter(Boolean),
);

/** What a query searches for: Han grams and words, each once, in the order typed. */
export interface QueryTerms {
  /** Han bigrams; a one-character run contributes itself. */
  grams: string[];
  /** Normalized words (letters and digits). */
  words: string[];
}

/**
 * The terms of a query, segmented as documents are. A Han run of two or more
 * characters gives its bigrams only (its unigrams would match nearly
 * everything); a lone character gives itself. Stop grams are dropped unless
 * nothing else would remain.
 */
export function queryTerms(query: string): QueryTerms {
  const segments = segment(query);
  const grams: string[] = [];
  for (const s of segments) {
    if (s.kind !== 'han') continue;
    const chars = [...s.text];
    if (chars.length === 1) grams.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  }
  const unique = [...new Set(grams)];
  const topical = unique.filter((g) => !HAN_STOP_GRAMS.has(g));
  return { grams: topical.length > 0 ? topical : unique, words: [...new Set(words(segments))] };
}
