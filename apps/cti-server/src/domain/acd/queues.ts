import { TIERS, type QueueConfig, type Tier } from '@omnicc/shared';
import type { Ctx } from './context.js';
import { heapify, heapPush, heapRemove, scanInOrder } from './heap.js';
import { itemBefore, priorityKey } from './priority.js';
import type { AcdState, InteractionRt, QueueRt } from './state.js';
import { cancel, schedule } from './timers.js';

/** An empty queue with six empty lanes and no ready agents. */
export function newQueueRt(config: QueueConfig): QueueRt {
  const lanes = Object.fromEntries(TIERS.map((t) => [t, []])) as unknown as Record<Tier, InteractionRt[]>;
  return { config, lanes, waiting: 0, ready: [] };
}

/** When max wait passes for an interaction in its current queue. */
export function maxWaitDeadline(queue: QueueRt, ix: InteractionRt): number {
  return ix.queuedSince + queue.config.maxWaitSeconds * 1000;
}

/**
 * Puts an interaction into `queue` (new arrival, return from an offer, transfer,
 * overflow). Its key comes from its first arrival, so a returning interaction
 * regains its original place. Marks it for dispatch.
 */
export function placeInQueue(ctx: Ctx, queue: QueueRt, ix: InteractionRt): void {
  ix.queueId = queue.config.id;
  ix.key = priorityKey(ctx.state.settings, queue.config.priority, ix.tier, ix.enqueuedAt);
  ix.state = 'queued';
  ix.offerId = undefined;
  ix.agentId = undefined;
  heapPush(queue.lanes[ix.tier], ix, itemBefore);
  queue.waiting++;
  ctx.dirtyItems.add(ix);
  ensureMaxWaitTimer(ctx.state, queue, ix);
}

/** One live max-wait timer per queued interaction, at its current deadline. */
export function ensureMaxWaitTimer(state: AcdState, queue: QueueRt, ix: InteractionRt): void {
  if (ix.maxWaitNotified) return;
  const at = maxWaitDeadline(queue, ix);
  if (ix.maxWaitTimer?.at === at && ix.maxWaitTimer.pos >= 0) return;
  cancel(state, ix.maxWaitTimer);
  ix.maxWaitTimer = schedule(state, at, 'maxWait', ix.id);
}

/**
 * Takes a queued interaction out of its lane (offer, abandon, overflow).
 * Its max-wait timer stays while it is offered: if the offer comes back
 * after the deadline, the interaction overflows then.
 */
export function takeFromQueue(queue: QueueRt, ix: InteractionRt): void {
  heapRemove(queue.lanes[ix.tier], ix, itemBefore);
  queue.waiting--;
}

/** Visits the queue's waiting interactions best first until `visit` returns true. */
export function scanQueue(queue: QueueRt, visit: (ix: InteractionRt) => boolean): void {
  const lanes = queue.lanes;
  scanInOrder(
    TIERS.map((t) => lanes[t]),
    (ix) => lanes[ix.tier],
    itemBefore,
    visit,
  );
}

/** Recomputes every key in the queue (its priority or the global settings changed). */
export function rekeyQueue(state: AcdState, queue: QueueRt): void {
  for (const tier of TIERS) {
    const lane = queue.lanes[tier];
    for (const ix of lane) ix.key = priorityKey(state.settings, queue.config.priority, ix.tier, ix.enqueuedAt);
    heapify(lane, itemBefore);
  }
}

/** Oldest arrival among the waiting: each lane head is its lane's oldest (same base priority). */
export function oldestEnqueuedAt(queue: QueueRt): number | undefined {
  let oldest: number | undefined;
  for (const tier of TIERS) {
    const head = queue.lanes[tier][0];
    if (head && (oldest === undefined || head.enqueuedAt < oldest)) oldest = head.enqueuedAt;
  }
  return oldest;
}
