import type { Ctx } from './context.js';
import { buildExplain, EXPLAIN_CANDIDATES } from './explainBuild.js';
import { makeOffer } from './offers.js';
import { itemBefore } from './priority.js';
import { bestItemFor, inCooldown, rankAgents } from './select.js';
import type { InteractionRt, QueueRt } from './state.js';

/**
 * Makes every offer the event made possible. Invariant kept between calls:
 * no ready agent with room could take any waiting interaction (skills,
 * channel, cooldown). So only what this event changed needs a look:
 *
 * 1. Agents who gained room, in the order they did: each takes the
 *    highest-priority interaction it can, again while room is left. This
 *    comes first so a freed agent never takes a lower interaction while a
 *    higher one it could take waits.
 * 2. Interactions that (re)entered a queue, highest priority first: each
 *    goes to the best ready agent (sticky agent first for new arrivals).
 *
 * Offers only take room away, so nothing becomes dirty while this runs.
 */
export function dispatch(ctx: Ctx): void {
  ctx.dispatching = true;
  const limit = ctx.config.explainCandidates ?? EXPLAIN_CANDIDATES;
  for (const agent of ctx.dirtyAgents) {
    for (let pick = bestItemFor(ctx, agent); pick; pick = bestItemFor(ctx, agent)) {
      const explain = buildExplain(ctx, pick.queue, pick.ix, 'agentFreed', rankAgents(ctx, pick.queue, pick.ix, limit), agent);
      makeOffer(ctx, pick.queue, pick.ix, agent, explain);
    }
  }
  const items = ctx.dirtyItems.size === 0 ? [] : [...ctx.dirtyItems].filter((ix) => ix.state === 'queued').sort((a, b) => (itemBefore(a, b) ? -1 : 1));
  for (const ix of items) {
    const queue = ctx.state.queues.get(ix.queueId);
    if (queue && ix.state === 'queued') placeItem(ctx, queue, ix, limit);
  }
  ctx.dispatching = false;
}

function placeItem(ctx: Ctx, queue: QueueRt, ix: InteractionRt, limit: number): void {
  const ranking = rankAgents(ctx, queue, ix, limit);
  const sticky = ctx.freshItems.has(ix) ? stickyAgent(ctx, queue, ix) : undefined;
  if (sticky) {
    makeOffer(ctx, queue, ix, sticky, buildExplain(ctx, queue, ix, 'sticky', ranking, sticky));
    return;
  }
  const best = ranking.slots[0];
  if (best) makeOffer(ctx, queue, ix, best.agent, buildExplain(ctx, queue, ix, 'bestAgent', ranking, best.agent));
}

/** The customer's last agent, when within the queue's sticky window and able to take this interaction now. */
function stickyAgent(ctx: Ctx, queue: QueueRt, ix: InteractionRt) {
  if (ix.customerKey === undefined || queue.config.stickySeconds <= 0) return undefined;
  const last = ctx.state.sticky.get(ix.customerKey);
  if (!last || ctx.now - last.at > queue.config.stickySeconds * 1000) return undefined;
  const agent = ctx.state.agents.get(last.agentId);
  const slot = agent?.slots.get(queue.config.id);
  if (!agent || !slot || slot.pos < 0 || inCooldown(ix, agent.id, ctx.now)) return undefined;
  return agent;
}
