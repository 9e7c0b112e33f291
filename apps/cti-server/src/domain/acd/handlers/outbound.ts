import { refreshAgent } from '../agentIndex.js';
import { canFit } from '../capacity.js';
import type { AcdError } from '../commands.js';
import type { Ctx } from '../context.js';
import type { AcdEvent } from '../events.js';
import { newInteraction } from '../state.js';
import { conflict, invalid, notFound } from './errors.js';

type Ev<T extends AcdEvent['type']> = Extract<AcdEvent, { type: T }>;

/**
 * An agent places a call (click-to-call): the interaction is theirs at once,
 * with no queue and no offer, and it takes capacity like an answered one, so
 * routing offers them nothing that would not fit beside it. Status does not
 * matter (agents call back while not ready, or in after-call time); room
 * does: a second call, or a call beside a full chat load, is refused.
 * The queue is the one the call is reported under (its wrap-up codes and
 * after-call time apply); it does not wait there.
 */
export function outboundPlaced(ctx: Ctx, e: Ev<'outboundPlaced'>): AcdError | undefined {
  const { state, now } = ctx;
  const agent = state.agents.get(e.agentId);
  if (!agent?.connected) return notFound(`agent ${e.agentId} is not signed in`);
  if (!state.queues.has(e.queueId)) return notFound(`queue ${e.queueId}`);
  if (state.interactions.has(e.interactionId)) return conflict(`interaction ${e.interactionId} is already open`);
  if (!canFit(agent, e.channel)) return invalid('no room for another call now');
  const ix = newInteraction({
    id: e.interactionId,
    channel: e.channel,
    tier: 'ordinary',
    customerKey: undefined,
    enqueuedAt: now,
    queueId: e.queueId,
    queuedSince: now,
    state: 'assigned',
    agentId: agent.id,
  });
  state.interactions.set(ix.id, ix);
  agent.units += agent.weights[ix.channel];
  agent.assigned.push(ix.id);
  ctx.out.push({ type: 'outboundPlaced', interactionId: ix.id, agentId: agent.id, queueId: ix.queueId, at: now });
  refreshAgent(ctx, agent);
  return undefined;
}
