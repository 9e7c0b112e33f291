import { isAvailable } from '../agentIndex.js';
import { releaseFromAgent, startWrapUp } from '../assignments.js';
import { canFit } from '../capacity.js';
import type { AcdError } from '../commands.js';
import type { Ctx } from '../context.js';
import type { AcdEvent } from '../events.js';
import { buildExplain } from '../explainBuild.js';
import { makeOffer } from '../offers.js';
import { bad, invalid, notFound, notOwner } from './errors.js';
import { requeueInto } from './interactions.js';

type Ev<T extends AcdEvent['type']> = Extract<AcdEvent, { type: T }>;

/**
 * The holding agent hands an assigned interaction on, and wraps up.
 * - To an agent: offered to that agent only. They must be connected, ready,
 *   out of wrap-up and have room for the channel; skills are not required (the
 *   sender chose them). If they reject or miss it, it goes back to its queue
 *   at its original place, like any returned offer.
 * - To a queue of the same channel: re-queued there keeping its first
 *   arrival time (the customer's whole wait counts for priority); max wait
 *   counts from the transfer.
 * History is kept on the interaction and in a `transferred` command.
 */
export function transfer(ctx: Ctx, e: Ev<'transfer'>): AcdError | undefined {
  const { state } = ctx;
  const ix = state.interactions.get(e.interactionId);
  if (!ix) return notFound(`interaction ${e.interactionId}`);
  if (ix.state !== 'assigned') return invalid(`interaction is ${ix.state}, not assigned`);
  if (ix.agentId !== e.agentId) return notOwner('interaction belongs to another agent');
  const from = state.agents.get(e.agentId);
  if (!from) return notFound(`agent ${e.agentId}`);
  const queue = state.queues.get(ix.queueId);
  if (!queue) return notFound(`queue ${ix.queueId}`);
  if ('agentId' in e.to) {
    const target = state.agents.get(e.to.agentId);
    if (!target) return notFound(`agent ${e.to.agentId}`);
    if (target === from) return bad('cannot transfer to oneself');
    if (!isAvailable(target) || !canFit(target, ix.channel)) return invalid('the target agent cannot take it now');
    record(ctx, e, from.id);
    releaseFromAgent(ctx, ix, from);
    startWrapUp(ctx, from, ix);
    const ranking = { slots: [], skippedInCooldown: 0 };
    makeOffer(ctx, queue, ix, target, buildExplain(ctx, queue, ix, 'transfer', ranking, target));
    return undefined;
  }
  const targetQueue = state.queues.get(e.to.queueId);
  if (!targetQueue) return notFound(`queue ${e.to.queueId}`);
  if (targetQueue.config.channel !== ix.channel) return bad('the target queue takes another channel');
  record(ctx, e, from.id);
  releaseFromAgent(ctx, ix, from);
  startWrapUp(ctx, from, ix);
  requeueInto(ctx, ix, targetQueue.config.id);
  return undefined;
}

function record(ctx: Ctx, e: Ev<'transfer'>, fromAgentId: string): void {
  const ix = ctx.state.interactions.get(e.interactionId);
  const to = 'agentId' in e.to ? { agentId: e.to.agentId } : { queueId: e.to.queueId };
  ix?.history.push({ at: ctx.now, fromAgentId, to });
  ctx.out.push({ type: 'transferred', interactionId: e.interactionId, fromAgentId, to, at: ctx.now });
}
