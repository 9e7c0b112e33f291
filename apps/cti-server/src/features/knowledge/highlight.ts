import type { MarkedText, TextRange } from '@omnicc/shared';
import { segment } from './segment.js';
import type { QueryTerms } from './segment.js';

/** How long a search snippet is, in UTF-16 units, and how much comes before its first mark. */
export const SNIPPET_CHARS = 120;
const LEAD_CHARS = 20;
const ELLIPSIS = '…';

/** A word's crude stem for marking (roaming → roam, passes → pass): the index stems properly, this only finds what to mark. */
function markStem(word: string): string {
  const stem = word.replace(/(ing|ed|es|s)$/, '');
  return stem.length >= 3 ? stem : word;
}

/** Overlapping or touching ranges merged, in order. */
function merge(ranges: TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: TextRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.start <= last.start + last.length) last.length = Math.max(last.length, r.start + r.length - last.start);
    else out.push({ ...r });
  }
  return out;
}

/**
 * Where the query's terms occur in `text`, as UTF-16 ranges of the original
 * text: every occurrence of a Han gram (so 宽带故障 marks the whole run when
 * both 宽带 and 故障 were asked), and every word that starts with a query
 * word or its stem.
 */
export function matchRanges(text: string, terms: QueryTerms): TextRange[] {
  const ranges: TextRange[] = [];
  const stems = terms.words.map(markStem);
  for (const s of segment(text)) {
    if (s.kind === 'word') {
      if (stems.some((w) => s.text.startsWith(w))) ranges.push({ start: s.start, length: s.end - s.start });
      continue;
    }
    const chars = [...s.text];
    for (const gram of terms.grams) {
      const n = [...gram].length;
      for (let i = 0; i + n <= chars.length; i++) {
        if (chars.slice(i, i + n).join('') !== gram) continue;
        const start = s.offsets[i]!;
        const end = s.offsets[i + n] ?? s.end;
        ranges.push({ start, length: end - start });
      }
    }
  }
  return merge(ranges);
}

/** The whole text with its marks (titles). */
export function markText(text: string, terms: QueryTerms): MarkedText {
  return { text, ranges: matchRanges(text, terms) };
}

/** Keeps a cut from splitting a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return at > 0 && code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * A stretch of `body` of about SNIPPET_CHARS around the densest marks, with
 * "…" where it was cut and the ranges moved to match. White space runs
 * become one space first (articles are written with line breaks).
 */
export function snippet(body: string, terms: QueryTerms): MarkedText {
  const text = body.replace(/\s+/g, ' ').trim();
  const ranges = matchRanges(text, terms);
  if (text.length <= SNIPPET_CHARS) return { text, ranges };
  // The window that starts LEAD_CHARS before some mark and holds the most marks (the first such).
  let bestStart = 0;
  let bestCount = -1;
  for (const r of ranges.length > 0 ? ranges : [{ start: 0, length: 0 }]) {
    const start = Math.max(0, Math.min(r.start - LEAD_CHARS, text.length - SNIPPET_CHARS));
    const count = ranges.filter((x) => x.start >= start && x.start + x.length <= start + SNIPPET_CHARS).length;
    if (count > bestCount) [bestStart, bestCount] = [start, count];
  }
  const from = safeCut(text, bestStart);
  const to = safeCut(text, Math.min(text.length, from + SNIPPET_CHARS));
  const lead = from > 0 ? ELLIPSIS : '';
  const tail = to < text.length ? ELLIPSIS : '';
  return {
    text: lead + text.slice(from, to) + tail,
    ranges: ranges.filter((r) => r.start >= from && r.start + r.length <= to).map((r) => ({ start: r.start - from + lead.length, length: r.length })),
  };
}
