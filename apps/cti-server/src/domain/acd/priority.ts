import type { RoutingSettings, Tier } from '@omnicc/shared';
import type { Before } from './heap.js';
import type { InteractionRt } from './state.js';

/**
 * Effective priority = queue priority + tier bonus + agingPerSecond * seconds waited.
 * Aging is linear and the same for everyone, so
 *   effective(now) = key + agingPerSecond * now / 1000,
 * with a key fixed at enqueue. Ordering by key therefore orders by effective
 * priority at every instant, inside a queue and across queues, and heaps
 * never need re-sorting as time passes.
 */
export function priorityKey(settings: RoutingSettings, queuePriority: number, tier: Tier, enqueuedAt: number): number {
  return queuePriority + settings.tierBonus[tier] - (settings.agingPerSecond * enqueuedAt) / 1000;
}

/** The priority an interaction has at `now`, for explanations and checks. */
export function effectivePriority(settings: RoutingSettings, queuePriority: number, tier: Tier, enqueuedAt: number, now: number): number {
  return queuePriority + settings.tierBonus[tier] + (settings.agingPerSecond * (now - enqueuedAt)) / 1000;
}

/** Higher key first; ties by earlier arrival, then by id so the order is total and deterministic. */
export const itemBefore: Before<InteractionRt> = (a, b) =>
  a.key > b.key || (a.key === b.key && (a.enqueuedAt < b.enqueuedAt || (a.enqueuedAt === b.enqueuedAt && a.id < b.id)));
