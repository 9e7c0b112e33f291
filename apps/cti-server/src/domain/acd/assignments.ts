import { refreshAgent } from './agentIndex.js';
import type { Ctx } from './context.js';
import { requeue } from './offers.js';
import type { AgentRt, InteractionRt, OfferRt } from './state.js';
import { cancel, schedule } from './timers.js';

/** Turns a ringing offer into an assignment; the capacity it reserved stays taken. */
export function acceptOffer(ctx: Ctx, offer: OfferRt, ix: InteractionRt, agent: AgentRt): void {
  const { state, now } = ctx;
  state.offers.delete(offer.offerId);
  cancel(state, ix.offerTimer);
  ix.offerTimer = undefined;
  // Answered: max wait no longer applies (it restarts if the interaction ever returns to a queue).
  cancel(state, ix.maxWaitTimer);
  ix.maxWaitTimer = undefined;
  agent.offers = agent.offers.filter((id) => id !== offer.offerId);
  agent.assigned.push(ix.id);
  agent.missedInRow = 0;
  ix.state = 'assigned';
  state.accepted.set(offer.offerId, ix.id);
  rememberLastAgent(ctx, ix, agent.id);
  ctx.out.push({ type: 'offerEnded', offerId: offer.offerId, interactionId: ix.id, agentId: agent.id, reason: 'accepted', at: now });
  ctx.out.push({ type: 'assigned', interactionId: ix.id, agentId: agent.id, offerId: offer.offerId, queueId: ix.queueId, at: now });
  refreshAgent(ctx, agent);
}

/** Takes an assigned interaction off its agent (end, transfer, agent lost) and frees the capacity. */
export function releaseFromAgent(ctx: Ctx, ix: InteractionRt, agent: AgentRt): void {
  agent.assigned = agent.assigned.filter((id) => id !== ix.id);
  agent.units -= agent.weights[ix.channel];
  if (ix.offerId !== undefined) ctx.state.accepted.delete(ix.offerId);
  ix.offerId = undefined;
  ix.agentId = undefined;
  refreshAgent(ctx, agent);
}

/** After an interaction leaves the agent they wrap up for the queue's wrapUpSeconds; no offers meanwhile. */
export function startWrapUp(ctx: Ctx, agent: AgentRt, ix: InteractionRt): void {
  const seconds = ctx.state.queues.get(ix.queueId)?.config.wrapUpSeconds ?? 0;
  if (seconds <= 0) return;
  const until = ctx.now + seconds * 1000;
  agent.wrapUps.push({ interactionId: ix.id, until });
  schedule(ctx.state, until, 'wrapUp', agent.id, ix.id);
  refreshAgent(ctx, agent);
}

/** Ends an assigned interaction: the agent goes to wrap-up and the interaction is no longer routed. */
export function finishAssignment(ctx: Ctx, ix: InteractionRt, agent: AgentRt, by: 'agent' | 'customer'): void {
  ctx.out.push({ type: 'ended', interactionId: ix.id, agentId: agent.id, queueId: ix.queueId, by, at: ctx.now });
  rememberLastAgent(ctx, ix, agent.id);
  releaseFromAgent(ctx, ix, agent);
  forget(ctx, ix);
  startWrapUp(ctx, agent, ix);
}

/** Drops a finished interaction and its timers. */
export function forget(ctx: Ctx, ix: InteractionRt): void {
  cancel(ctx.state, ix.maxWaitTimer);
  cancel(ctx.state, ix.offerTimer);
  ctx.state.interactions.delete(ix.id);
}

/** Ends wrap-ups: the one for `interactionId`, or all of them. */
export function endWrapUps(ctx: Ctx, agent: AgentRt, reason: 'done' | 'timer' | 'logout', interactionId?: string): void {
  const ending = agent.wrapUps.filter((w) => interactionId === undefined || w.interactionId === interactionId);
  agent.wrapUps = agent.wrapUps.filter((w) => !ending.includes(w));
  for (const w of ending) ctx.out.push({ type: 'wrapUpEnded', agentId: agent.id, interactionId: w.interactionId, reason, at: ctx.now });
  refreshAgent(ctx, agent);
}

/**
 * The agent is gone (grace over, or logout) with interactions in hand: each
 * goes back to its queue at its original place (its key is from its first
 * arrival, so after its wait it is at or near the front) and the customer is told.
 */
export function loseAssignments(ctx: Ctx, agent: AgentRt): void {
  for (const id of [...agent.assigned]) {
    const ix = ctx.state.interactions.get(id);
    if (!ix) continue;
    releaseFromAgent(ctx, ix, agent);
    // The customer was being served: max wait counts afresh from now.
    ix.queuedSince = ctx.now;
    requeue(ctx, ix, 'agentLost');
    ctx.out.push({ type: 'customerNotice', interactionId: ix.id, reason: 'agentLost', at: ctx.now });
  }
}

/** Remembers the customer's last agent for sticky routing; old entries fall off the front. */
function rememberLastAgent(ctx: Ctx, ix: InteractionRt, agentId: string): void {
  const { sticky, stickyWindowMs } = ctx.state;
  if (ix.customerKey === undefined) return;
  sticky.delete(ix.customerKey);
  sticky.set(ix.customerKey, { agentId, at: ctx.now });
  for (const [key, entry] of sticky) {
    if (entry.at + stickyWindowMs >= ctx.now) break;
    sticky.delete(key);
  }
}
