import type { PromotionRules } from '@omnicc/shared';
import type { PromotionRow } from '../../adapters/db/customerReads.js';

/**
 * Which promotion a customer is offered (营销推荐, docs/customers.md
 * "Promotions"): the highest-priority active promotion, valid now, whose
 * every rule holds. Validity is filtered by the query; the rules here.
 *
 * Usage rules (a share of the data allowance used) are not evaluated: usage
 * lives in the BSS and is not stored here. A usage rule would need the
 * billing add-in's usage in the view (asked live) or a usage share copied by
 * the RFM job; the plan, tier, contract and RFM segment stand in for it.
 */

/** What the rules look at. */
export interface PromotionFacts {
  tier: string;
  kind: string;
  /** Plan codes of active lines. */
  planCodes: string[];
  /** Days left on the soonest-ending active contract (line or enterprise), if any. */
  contractDaysLeft: number | undefined;
  rfmSegment: string | undefined;
}

/** Whether every rule holds for these facts. */
export function eligible(rules: PromotionRules, facts: PromotionFacts): boolean {
  if (rules.tiers && !(rules.tiers as readonly string[]).includes(facts.tier)) return false;
  if (rules.kinds && !(rules.kinds as readonly string[]).includes(facts.kind)) return false;
  if (rules.planCodes && !facts.planCodes.some((p) => rules.planCodes?.includes(p))) return false;
  if (rules.contractEndingWithinDays !== undefined && (facts.contractDaysLeft === undefined || facts.contractDaysLeft < 0 || facts.contractDaysLeft > rules.contractEndingWithinDays)) return false;
  if (rules.noContract === true && facts.contractDaysLeft !== undefined && facts.contractDaysLeft >= 0) return false;
  if (rules.rfmSegments && (facts.rfmSegment === undefined || !(rules.rfmSegments as readonly string[]).includes(facts.rfmSegment))) return false;
  return true;
}

/** The best eligible promotion: highest priority, then code (stable); `candidates` are the ones valid now. */
export function bestPromotion(candidates: readonly PromotionRow[], facts: PromotionFacts, now: string): PromotionRow | undefined {
  const t = Date.parse(now);
  let best: PromotionRow | undefined;
  for (const p of candidates) {
    if (Date.parse(p.validFrom) > t || Date.parse(p.validTo) <= t) continue;
    if (!eligible(p.rules, facts)) continue;
    if (!best || p.priority > best.priority || (p.priority === best.priority && p.code < best.code)) best = p;
  }
  return best;
}
