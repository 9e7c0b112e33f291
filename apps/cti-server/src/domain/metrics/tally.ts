import type { MetricsWindow, WindowMetrics } from './types.js';

/**
 * A sample is one countable fact about one interaction in one queue, stamped
 * with the time it is counted at (docs/metrics.md, "When a fact is counted").
 * Samples carry integer milliseconds, so adding and later subtracting them
 * (when they leave a sliding window) is exact: no drift over a long day.
 */
export type Sample =
  | { kind: 'offered'; at: number; transferIn: boolean }
  | { kind: 'answered'; at: number; waitMs: number; withinThreshold: boolean }
  | { kind: 'abandoned'; at: number; short: boolean; withinThreshold: boolean }
  | { kind: 'handled'; at: number; talkMs: number; wrapUpMs: number }
  | { kind: 'transferredOut'; at: number };

/** Running sums over the samples in one window. */
export interface Tally {
  offered: number;
  transferredIn: number;
  transferredOut: number;
  answered: number;
  answeredWithinThreshold: number;
  waitSumMs: number;
  abandoned: number;
  abandonedWithinThreshold: number;
  shortAbandoned: number;
  handled: number;
  handleSumMs: number;
}

/** A tally with every count at zero. */
export const emptyTally = (): Tally => ({
  offered: 0,
  transferredIn: 0,
  transferredOut: 0,
  answered: 0,
  answeredWithinThreshold: 0,
  waitSumMs: 0,
  abandoned: 0,
  abandonedWithinThreshold: 0,
  shortAbandoned: 0,
  handled: 0,
  handleSumMs: 0,
});

/** Adds (`sign` 1) or removes (`sign` −1) a sample's contribution. */
export function applySample(t: Tally, s: Sample, sign: 1 | -1): void {
  switch (s.kind) {
    case 'offered':
      t.offered += sign;
      if (s.transferIn) t.transferredIn += sign;
      return;
    case 'answered':
      t.answered += sign;
      t.waitSumMs += sign * s.waitMs;
      if (s.withinThreshold) t.answeredWithinThreshold += sign;
      return;
    case 'abandoned':
      // A short abandon is a misdial or an instant hang-up: it says nothing about service.
      if (s.short) {
        t.shortAbandoned += sign;
        return;
      }
      t.abandoned += sign;
      if (s.withinThreshold) t.abandonedWithinThreshold += sign;
      return;
    case 'handled':
      t.handled += sign;
      t.handleSumMs += sign * (s.talkMs + s.wrapUpMs);
      return;
    case 'transferredOut':
      t.transferredOut += sign;
      return;
  }
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** The published numbers of one window (formulas: docs/metrics.md). */
export function toWindowMetrics(window: MetricsWindow, t: Tally, from: number, to: number): WindowMetrics {
  // Abandons within the threshold are left out of service level altogether
  // (Cisco's "abandoned calls ignored"): the queue had no fair chance at them.
  const serviceLevelBase = t.answered + t.abandoned - t.abandonedWithinThreshold;
  return {
    window,
    from,
    to,
    offered: t.offered,
    transferredIn: t.transferredIn,
    transferredOut: t.transferredOut,
    answered: t.answered,
    answeredWithinThreshold: t.answeredWithinThreshold,
    abandoned: t.abandoned,
    abandonedWithinThreshold: t.abandonedWithinThreshold,
    shortAbandoned: t.shortAbandoned,
    handled: t.handled,
    serviceLevel: ratio(t.answeredWithinThreshold, serviceLevelBase),
    asaMs: ratio(t.waitSumMs, t.answered),
    ahtMs: ratio(t.handleSumMs, t.handled),
    abandonRate: ratio(t.abandoned, t.answered + t.abandoned),
  };
}
