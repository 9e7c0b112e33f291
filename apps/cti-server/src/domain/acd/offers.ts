import { refreshAgent } from './agentIndex.js';
import type { OfferEndReason, RequeueReason } from './commands.js';
import type { Ctx } from './context.js';
import type { OfferExplain } from './explain.js';
import { placeInQueue, takeFromQueue } from './queues.js';
import type { AgentRt, InteractionRt, OfferRt, QueueRt } from './state.js';
import { cancel, schedule } from './timers.js';

/** Offers `ix` to `agent`: takes it out of its queue, reserves the agent's capacity, starts the offer timeout. */
export function makeOffer(ctx: Ctx, queue: QueueRt, ix: InteractionRt, agent: AgentRt, explain: OfferExplain): OfferRt {
  const { state, now } = ctx;
  if (ix.state === 'queued') takeFromQueue(queue, ix);
  const offer: OfferRt = {
    offerId: ctx.config.newId(),
    interactionId: ix.id,
    agentId: agent.id,
    queueId: queue.config.id,
    channel: ix.channel,
    createdAt: now,
    expiresAt: now + queue.config.offerTimeoutSeconds * 1000,
    explain,
  };
  state.offers.set(offer.offerId, offer);
  ix.state = 'offered';
  ix.offerId = offer.offerId;
  ix.agentId = agent.id;
  ix.explain = explain;
  agent.offers.push(offer.offerId);
  agent.units += agent.weights[ix.channel];
  // Work was routed to them: for longest-idle they go to the back of the line.
  agent.idleSince = now;
  refreshAgent(ctx, agent);
  ix.offerTimer = schedule(state, offer.expiresAt, 'offer', offer.offerId);
  const { offerId, interactionId, agentId, queueId, channel, expiresAt } = offer;
  ctx.out.push({ type: 'offer', offerId, interactionId, agentId, queueId, channel, expiresAt, explain });
  return offer;
}

/** Forgets an offer and frees the capacity it held. */
function dropOffer(ctx: Ctx, offer: OfferRt, reason: OfferEndReason): AgentRt | undefined {
  ctx.state.offers.delete(offer.offerId);
  const ix = ctx.state.interactions.get(offer.interactionId);
  if (ix) {
    cancel(ctx.state, ix.offerTimer);
    ix.offerTimer = undefined;
  }
  ctx.out.push({ type: 'offerEnded', offerId: offer.offerId, interactionId: offer.interactionId, agentId: offer.agentId, reason, at: ctx.now });
  const agent = ctx.state.agents.get(offer.agentId);
  if (!agent) return undefined;
  agent.offers = agent.offers.filter((id) => id !== offer.offerId);
  agent.units -= agent.weights[offer.channel];
  return agent;
}

/**
 * Ends an unanswered offer and puts the interaction back at its original
 * place in its queue. A reject or a timeout skips that agent for it for
 * declineCooldownSeconds; a withdrawal (disconnect, not ready) does not, and
 * is not a missed offer. Enough timeouts in a row set the agent not ready.
 */
export function returnOffer(ctx: Ctx, offer: OfferRt, reason: 'rejected' | 'timeout' | 'withdrawn'): void {
  const { state, now } = ctx;
  const agent = dropOffer(ctx, offer, reason);
  const ix = state.interactions.get(offer.interactionId);
  if (ix) {
    if (reason !== 'withdrawn' && state.settings.declineCooldownSeconds > 0) {
      const until = now + state.settings.declineCooldownSeconds * 1000;
      ix.declined = ix.declined.filter((d) => d.until > now && d.agentId !== offer.agentId);
      ix.declined.push({ agentId: offer.agentId, until });
      schedule(state, until, 'cooldown', ix.id, offer.agentId);
    }
    requeue(ctx, ix, reason);
  }
  if (!agent) return;
  if (reason === 'timeout') {
    agent.missedInRow++;
    if (agent.missedInRow >= state.settings.maxMissedOffers && agent.chosen === 'ready') {
      ctx.out.push({ type: 'agentAutoNotReady', agentId: agent.id, missedOffers: agent.missedInRow, at: now });
      setNotReady(ctx, agent, 'missedOffer');
    }
  } else if (reason === 'rejected') {
    // A reject is an answer: the agent is there, so the run of misses ends.
    agent.missedInRow = 0;
  }
  refreshAgent(ctx, agent);
}

/** The customer left while the offer rang: it ends without re-queueing or penalty. */
export function abandonOffer(ctx: Ctx, offer: OfferRt): void {
  const agent = dropOffer(ctx, offer, 'abandoned');
  if (agent) refreshAgent(ctx, agent);
}

/** Puts an interaction that had left its queue back in it (same key, so the same place). */
export function requeue(ctx: Ctx, ix: InteractionRt, reason: RequeueReason): void {
  const queue = ctx.state.queues.get(ix.queueId);
  if (!queue) return;
  placeInQueue(ctx, queue, ix);
  ctx.out.push({ type: 'requeued', interactionId: ix.id, queueId: ix.queueId, reason, at: ctx.now });
}

/** Withdraws every offer ringing at the agent (disconnect, not ready, logout). */
export function withdrawOffers(ctx: Ctx, agent: AgentRt): void {
  for (const offerId of [...agent.offers]) {
    const offer = ctx.state.offers.get(offerId);
    if (offer) returnOffer(ctx, offer, 'withdrawn');
  }
}

/** Sets the agent not ready with a reason; ringing offers are withdrawn (they chose not to take work). */
export function setNotReady(ctx: Ctx, agent: AgentRt, reasonCode: string): void {
  agent.chosen = 'notReady';
  agent.reasonCode = reasonCode;
  withdrawOffers(ctx, agent);
  refreshAgent(ctx, agent);
}
