import { TIERS } from '@omnicc/shared';
import { acceptOffer, endWrapUps, finishAssignment, forget } from '../assignments.js';
import type { AcdError } from '../commands.js';
import type { Ctx } from '../context.js';
import type { AcdEvent } from '../events.js';
import { abandonOffer, returnOffer } from '../offers.js';
import { placeInQueue, takeFromQueue } from '../queues.js';
import { newInteraction, type InteractionRt } from '../state.js';
import { bad, conflict, invalid, notFound, notOwner } from './errors.js';

type Ev<T extends AcdEvent['type']> = Extract<AcdEvent, { type: T }>;

/** Returned by a handler that accepted the event but has nothing to do (a repeated accept). */
export const NOTHING = 'nothing' as const;

/** A new interaction enters its queue; refused for an unknown queue, a wrong channel or an open id. */
export function enqueue(ctx: Ctx, e: Ev<'enqueue'>): AcdError | undefined {
  const { state, now } = ctx;
  const queue = state.queues.get(e.queueId);
  if (!queue) return notFound(`queue ${e.queueId}`);
  if (queue.config.channel !== e.channel) return bad(`queue ${e.queueId} takes ${queue.config.channel}, not ${e.channel}`);
  if (!TIERS.includes(e.tier)) return bad(`unknown tier ${String(e.tier)}`);
  if (!Number.isFinite(e.enqueuedAt)) return bad('enqueuedAt must be a time in ms');
  if (state.interactions.has(e.interactionId)) return conflict(`interaction ${e.interactionId} is already open`);
  const ix = newInteraction({
    id: e.interactionId,
    channel: e.channel,
    tier: e.tier,
    customerKey: e.customerKey,
    enqueuedAt: e.enqueuedAt,
    queueId: e.queueId,
    queuedSince: now,
    state: 'queued',
    agentId: undefined,
  });
  state.interactions.set(ix.id, ix);
  placeInQueue(ctx, queue, ix);
  ctx.freshItems.add(ix);
  return undefined;
}

/**
 * Accept is idempotent: a second accept of the same offer by the same agent
 * changes nothing and emits nothing. An offer past its expiry is refused even
 * if the tick that expires it has not come yet.
 */
export function offerAccepted(ctx: Ctx, e: Ev<'offerAccepted'>): AcdError | typeof NOTHING | undefined {
  const { state, now } = ctx;
  const offer = state.offers.get(e.offerId);
  if (!offer) {
    const doneId = state.accepted.get(e.offerId);
    const done = doneId === undefined ? undefined : state.interactions.get(doneId);
    if (!done) return invalid('offer expired, withdrawn or unknown');
    return done.agentId === e.agentId ? NOTHING : notOwner('offer belongs to another agent');
  }
  if (offer.agentId !== e.agentId) return notOwner('offer belongs to another agent');
  if (offer.expiresAt <= now) return invalid('offer expired');
  const ix = state.interactions.get(offer.interactionId);
  const agent = state.agents.get(offer.agentId);
  if (!ix || !agent) return invalid('offer has no interaction or agent');
  acceptOffer(ctx, offer, ix, agent);
  return undefined;
}

/** The agent declines a ringing offer: back to the queue at its place, agent in cooldown for it. */
export function offerRejected(ctx: Ctx, e: Ev<'offerRejected'>): AcdError | undefined {
  const offer = ctx.state.offers.get(e.offerId);
  if (!offer) return invalid('offer expired, withdrawn, accepted or unknown');
  if (offer.agentId !== e.agentId) return notOwner('offer belongs to another agent');
  if (offer.expiresAt <= ctx.now) return invalid('offer expired');
  returnOffer(ctx, offer, 'rejected');
  return undefined;
}

/** An assigned interaction ends; the agent goes to wrap-up. Only assigned interactions end this way. */
export function interactionEnded(ctx: Ctx, e: Ev<'interactionEnded'>): AcdError | undefined {
  const ix = ctx.state.interactions.get(e.interactionId);
  if (!ix) return notFound(`interaction ${e.interactionId}`);
  if (ix.state !== 'assigned') return invalid(`interaction is ${ix.state}, not assigned`);
  if (e.agentId !== undefined && ix.agentId !== e.agentId) return notOwner('interaction belongs to another agent');
  const agent = ctx.state.agents.get(ix.agentId ?? '');
  if (!agent) return invalid('interaction has no agent');
  finishAssignment(ctx, ix, agent, 'agent');
  return undefined;
}

/** The agent finished wrap-up before the timer. */
export function wrapUpDone(ctx: Ctx, e: Ev<'wrapUpDone'>): AcdError | undefined {
  const agent = ctx.state.agents.get(e.agentId);
  if (!agent) return notFound(`agent ${e.agentId}`);
  if (!agent.wrapUps.some((w) => e.interactionId === undefined || w.interactionId === e.interactionId)) return invalid('no such wrap-up');
  endWrapUps(ctx, agent, 'done', e.interactionId);
  return undefined;
}

/** The customer left: abandoned while queued or ringing, ended (agent to wrap-up) while assigned. */
export function customerLeft(ctx: Ctx, e: Ev<'customerLeft'>): AcdError | undefined {
  const { state, now } = ctx;
  const ix = state.interactions.get(e.interactionId);
  if (!ix) return notFound(`interaction ${e.interactionId}`);
  if (ix.state === 'assigned') {
    const agent = state.agents.get(ix.agentId ?? '');
    if (!agent) return invalid('interaction has no agent');
    finishAssignment(ctx, ix, agent, 'customer');
    return undefined;
  }
  const queue = state.queues.get(ix.queueId);
  if (ix.state === 'queued' && queue) takeFromQueue(queue, ix);
  const offer = ix.state === 'offered' && ix.offerId !== undefined ? state.offers.get(ix.offerId) : undefined;
  if (offer) abandonOffer(ctx, offer);
  forget(ctx, ix);
  ctx.out.push({ type: 'abandoned', interactionId: ix.id, queueId: ix.queueId, waitedMs: now - ix.enqueuedAt, wasOffered: offer !== undefined, at: now });
  return undefined;
}

/** Puts a new interaction for a queue that exists (used by transfer). */
export function requeueInto(ctx: Ctx, ix: InteractionRt, queueId: string): void {
  const queue = ctx.state.queues.get(queueId);
  if (!queue) return;
  ix.queuedSince = ctx.now;
  ix.maxWaitNotified = false;
  placeInQueue(ctx, queue, ix);
}
