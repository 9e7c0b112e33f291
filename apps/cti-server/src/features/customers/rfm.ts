import type { RfmSegment } from '@omnicc/shared';
import type { RfmThresholds } from './customerSettings.js';

/**
 * RFM scoring (RFM:最近、频率、金额, docs/customers.md "RFM"): pure, so the
 * job's arithmetic is checked against hand-worked fixtures.
 */

/** What one customer did in the last 12 months. */
export interface RfmFacts {
  /** Days since the last payment or interaction; undefined when there was none. */
  recencyDays: number | undefined;
  /** Payments plus interactions in 12 months. */
  frequency: number;
  /** 12-month spend (issued bills), fen. */
  monetaryFen: number;
}

export interface RfmScore {
  recencyDays: number;
  frequency: number;
  monetaryFen: number;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

/** Recency with no activity at all: scored as the oldest. */
export const NO_ACTIVITY_DAYS = 9999;

/** 1 + the number of cut points `value` reaches: at least cuts[i] for "more is better", at most cuts[i] for recency. */
function score(value: number, cuts: readonly number[], lowerIsBetter: boolean): number {
  let s = 1;
  for (const c of cuts) if (lowerIsBetter ? value <= c : value >= c) s++;
  return Math.min(5, s);
}

/**
 * The segment from the three scores:
 * champion R≥4 F≥4 M≥4; loyal R≥3 F≥3 M≥3; atRisk R≤2 with F+M≥6 (was
 * valuable, gone quiet); hibernating R≤2; promising otherwise.
 */
export function segmentOf(r: number, f: number, m: number): RfmSegment {
  if (r >= 4 && f >= 4 && m >= 4) return 'champion';
  if (r >= 3 && f >= 3 && m >= 3) return 'loyal';
  if (r <= 2) return f + m >= 6 ? 'atRisk' : 'hibernating';
  return 'promising';
}

/** Scores a customer's facts with the configured thresholds. */
export function scoreRfm(facts: RfmFacts, t: RfmThresholds): RfmScore {
  const recencyDays = facts.recencyDays ?? NO_ACTIVITY_DAYS;
  const r = score(recencyDays, [...t.recencyDays].sort((a, b) => b - a), true);
  const f = score(facts.frequency, [...t.frequency].sort((a, b) => a - b), false);
  const m = score(facts.monetaryFen, [...t.monetaryFen].sort((a, b) => a - b), false);
  return { recencyDays, frequency: facts.frequency, monetaryFen: facts.monetaryFen, r, f, m, segment: segmentOf(r, f, m) };
}
