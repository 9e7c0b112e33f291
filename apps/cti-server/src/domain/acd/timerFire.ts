import { endWrapUps, loseAssignments } from './assignments.js';
import type { Ctx } from './context.js';
import { returnOffer } from './offers.js';
import { ensureMaxWaitTimer, maxWaitDeadline, placeInQueue, takeFromQueue } from './queues.js';
import type { InteractionRt, Timer } from './state.js';

/** Acts on a due timer if it still applies; a timer whose subject moved on is stale and ignored. */
export function fireTimer(ctx: Ctx, timer: Timer): void {
  const { state } = ctx;
  switch (timer.kind) {
    case 'offer': {
      const offer = state.offers.get(timer.id);
      if (offer && offer.expiresAt === timer.at) {
        const ix = state.interactions.get(offer.interactionId);
        if (ix) ix.offerTimer = undefined;
        returnOffer(ctx, offer, 'timeout');
      }
      return;
    }
    case 'wrapUp': {
      const agent = state.agents.get(timer.id);
      if (agent?.wrapUps.some((w) => w.interactionId === timer.sub && w.until === timer.at)) endWrapUps(ctx, agent, 'timer', timer.sub);
      return;
    }
    case 'grace': {
      const agent = state.agents.get(timer.id);
      if (agent && !agent.connected && agent.graceUntil === timer.at) {
        agent.graceUntil = undefined;
        loseAssignments(ctx, agent);
      }
      return;
    }
    case 'maxWait': {
      const ix = state.interactions.get(timer.id);
      if (ix && ix.maxWaitTimer === timer) onMaxWaitTimer(ctx, ix);
      return;
    }
    case 'cooldown': {
      const ix = state.interactions.get(timer.id);
      if (!ix) return;
      ix.declined = ix.declined.filter((d) => d.until > ctx.now);
      // The pair (agent, interaction) may match again: let dispatch look at it.
      if (ix.state === 'queued') ctx.dirtyItems.add(ix);
      return;
    }
  }
}

function onMaxWaitTimer(ctx: Ctx, ix: InteractionRt): void {
  ix.maxWaitTimer = undefined;
  // Offered or assigned now: if it comes back later its deadline is checked again then.
  if (ix.state !== 'queued') return;
  const queue = ctx.state.queues.get(ix.queueId);
  if (!queue) return;
  if (maxWaitDeadline(queue, ix) > ctx.now) {
    // The queue's maxWait grew since this timer was set.
    ensureMaxWaitTimer(ctx.state, queue, ix);
    return;
  }
  const target = queue.config.overflowQueueId === undefined ? undefined : ctx.state.queues.get(queue.config.overflowQueueId);
  if (target && target !== queue && target.config.channel === ix.channel) {
    takeFromQueue(queue, ix);
    ix.queuedSince = ctx.now;
    placeInQueue(ctx, target, ix);
    ctx.out.push({ type: 'overflowed', interactionId: ix.id, fromQueueId: queue.config.id, toQueueId: target.config.id, at: ctx.now });
    return;
  }
  ix.maxWaitNotified = true;
  ctx.out.push({ type: 'maxWaitReached', interactionId: ix.id, queueId: queue.config.id, waitedMs: ctx.now - ix.enqueuedAt, at: ctx.now });
}
