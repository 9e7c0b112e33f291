import { arrearsOf } from './ledger.js';
import type { ChurnReason, ChurnRisk, Subscriber } from './model.js';

/**
 * A churn-risk hint (离网预警) as a billing system would compute it: points
 * for each warning sign, capped at 100. A rule of thumb for the screen-pop,
 * not a prediction; the weights are documented in docs/bss-sim.md.
 */

const POINTS: Record<Exclude<ChurnReason, 'cancelled'>, number> = {
  contractEnding: 35,
  arrears: 25,
  suspended: 10,
  usageDecline: 20,
  complaints: 15,
  shortTenure: 10,
};
/** A contract ending within this many days counts as ending. */
export const CONTRACT_ENDING_DAYS = 30;

/** The churn risk of a subscriber on the "as of" day. */
export function churnRisk(sub: Subscriber, asOfDay: number): ChurnRisk {
  if (sub.status === 'cancelled') return { level: 'high', score: 100, reasons: ['cancelled'] };
  const reasons: ChurnReason[] = [];
  let score = 0;
  const add = (reason: Exclude<ChurnReason, 'cancelled'>, times = 1) => {
    reasons.push(reason);
    score += POINTS[reason] * times;
  };
  if (sub.contract && sub.contract.endOn - asOfDay <= CONTRACT_ENDING_DAYS) add('contractEnding');
  if (arrearsOf(sub, asOfDay).overdueBills > 0) add('arrears');
  if (sub.status === 'suspended') add('suspended');
  if (sub.usageTrend <= -4) add('usageDecline');
  if (sub.complaints90d > 0) add('complaints', Math.min(2, sub.complaints90d));
  if (asOfDay - sub.joinedOn < 365) add('shortTenure');
  // VIP care (manager, priority service) keeps customers: a tenth off.
  if (sub.tier.startsWith('vip')) score -= 10;
  score = Math.max(0, Math.min(100, score));
  return { level: score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low', score, reasons };
}
