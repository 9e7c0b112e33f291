/** Ranking figures of one query: the keys returned, best first, against the judged relevant ones. */
export interface QueryOutcome {
  returned: readonly string[];
  relevant: readonly string[];
}

/** Mean reciprocal rank, precision at 3 and recall at 5 over queries (each in 0..1). */
export interface RankingFigures {
  mrr: number;
  p3: number;
  r5: number;
}

/**
 * MRR: 1/rank of the first relevant result (0 when none is returned);
 * P@3: relevant among the first three, over three; R@5: share of the
 * relevant found in the first five (at most five count).
 */
export function rankingFigures(outcomes: readonly QueryOutcome[]): RankingFigures {
  let mrr = 0;
  let p3 = 0;
  let r5 = 0;
  for (const { returned, relevant } of outcomes) {
    const rel = new Set(relevant);
    const first = returned.findIndex((k) => rel.has(k));
    mrr += first < 0 ? 0 : 1 / (first + 1);
    p3 += returned.slice(0, 3).filter((k) => rel.has(k)).length / 3;
    r5 += returned.slice(0, 5).filter((k) => rel.has(k)).length / Math.min(rel.size, 5);
  }
  const n = Math.max(outcomes.length, 1);
  return { mrr: mrr / n, p3: p3 / n, r5: r5 / n };
}
