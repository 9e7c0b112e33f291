import { slotBefore } from './agentIndex.js';
import type { Ctx } from './context.js';
import { scanInOrder } from './heap.js';
import { itemBefore } from './priority.js';
import { scanQueue } from './queues.js';
import type { AgentRt, AgentSlot, InteractionRt, QueueRt } from './state.js';

/** Whether the agent declined (or missed) this interaction and is still skipped for it. */
export function inCooldown(ix: InteractionRt, agentId: string, now: number): boolean {
  for (const d of ix.declined) if (d.agentId === agentId && d.until > now) return true;
  return false;
}

/** The ready, skilled agents for an interaction, best first, at most `limit`, skipping those in cooldown for it. */
export interface Ranking {
  slots: AgentSlot[];
  skippedInCooldown: number;
}

/**
 * Ranks the agents who could take `ix` now. Walks the queue's ready heap best
 * first, so the cost is O(limit log limit) plus the cooldown skips, never a
 * scan of all agents.
 */
export function rankAgents(ctx: Ctx, queue: QueueRt, ix: InteractionRt, limit: number): Ranking {
  const slots: AgentSlot[] = [];
  let skippedInCooldown = 0;
  const ready = queue.ready;
  scanInOrder([ready], () => ready, slotBefore(queue), (slot) => {
    if (ix.declined.length > 0 && inCooldown(ix, slot.agent.id, ctx.now)) skippedInCooldown++;
    else slots.push(slot);
    return slots.length >= limit;
  });
  return { slots, skippedInCooldown };
}

/**
 * The highest-priority waiting interaction the agent can take: over the
 * queues where they are in the ready heap (skilled, and with room for that
 * channel), the first item not in cooldown for them. A queue whose head
 * cannot beat the best so far is left after one look.
 */
export function bestItemFor(ctx: Ctx, agent: AgentRt): { queue: QueueRt; ix: InteractionRt } | undefined {
  let best: { queue: QueueRt; ix: InteractionRt } | undefined;
  for (const slot of agent.slots.values()) {
    if (slot.pos < 0) continue;
    const queue = ctx.state.queues.get(slot.queueId);
    if (!queue || queue.waiting === 0) continue;
    scanQueue(queue, (ix) => {
      if (best && !itemBefore(ix, best.ix)) return true;
      if (ix.declined.length > 0 && inCooldown(ix, agent.id, ctx.now)) return false;
      best = { queue, ix };
      return true;
    });
  }
  return best;
}
