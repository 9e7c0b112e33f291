import type { AgentStatus, Channel } from '@omnicc/shared';
import { isAvailable } from './agentIndex.js';
import { canFit } from './capacity.js';
import type { OfferExplain } from './explain.js';
import { oldestEnqueuedAt } from './queues.js';
import type { AcdState, OfferRt } from './state.js';

/** One queue in the live metrics feed. */
export interface QueueSnapshot {
  queueId: string;
  channel: Channel;
  waiting: number;
  /** First arrival of the longest waiting interaction; longest wait = now - this. */
  oldestEnqueuedAt: number | undefined;
  /** Agents who could take one more interaction of this queue now. */
  readyAgents: number;
}

/** What the supervisor feed reads from the core each second. */
export interface AcdReadModel {
  queues: QueueSnapshot[];
  agentsByStatus: Record<AgentStatus, number>;
  offersRinging: number;
}

/** For the live metrics feed: O(queues x tiers), from counts kept as the state changes. */
export function readModel(state: AcdState): AcdReadModel {
  const queues: QueueSnapshot[] = [];
  for (const q of state.queues.values()) {
    queues.push({ queueId: q.config.id, channel: q.config.channel, waiting: q.waiting, oldestEnqueuedAt: oldestEnqueuedAt(q), readyAgents: q.ready.length });
  }
  return { queues, agentsByStatus: { ...state.statusCounts }, offersRinging: state.offers.size };
}

/** Why the interaction's current (or accepted) offer went where it did; for the supervisor and the API. */
export function explainFor(state: AcdState, interactionId: string): OfferExplain | undefined {
  return state.interactions.get(interactionId)?.explain;
}

/** Offers ringing at an agent, e.g. to resend after a reconnect. */
export function offersFor(state: AcdState, agentId: string): OfferRt[] {
  const agent = state.agents.get(agentId);
  if (!agent) return [];
  return agent.offers.map((id) => state.offers.get(id)).filter((o): o is OfferRt => o !== undefined);
}

/** Where an open interaction is: its queue, its agent, or undefined when not open. */
export function whereIs(state: AcdState, interactionId: string): { state: 'queued' | 'offered' | 'assigned'; queueId: string; agentId?: string } | undefined {
  const ix = state.interactions.get(interactionId);
  if (!ix) return undefined;
  return ix.agentId === undefined ? { state: ix.state, queueId: ix.queueId } : { state: ix.state, queueId: ix.queueId, agentId: ix.agentId };
}

/**
 * Agents by status per queue (an agent counts in every queue they are
 * skilled for). Computed on demand in O(agents x their queues), about 30,000
 * steps at 5,000 agents: fine for a once-a-second feed, not for every event.
 */
export function agentsByStatusPerQueue(state: AcdState): Map<string, Record<AgentStatus, number>> {
  const result = new Map<string, Record<AgentStatus, number>>();
  for (const id of state.queues.keys()) result.set(id, { offline: 0, ready: 0, notReady: 0, busy: 0, wrapUp: 0 });
  for (const agent of state.agents.values()) {
    for (const queueId of agent.slots.keys()) {
      const counts = result.get(queueId);
      if (counts) counts[agent.status]++;
    }
  }
  return result;
}

/** A logged-in agent as a transfer target: `available` when they could be offered one more interaction of `channel` now. */
export interface TransferCandidate {
  agentId: string;
  status: AgentStatus;
  available: boolean;
}

/** Every logged-in agent but `exceptAgentId`, for the transfer dialog. */
export function transferCandidates(state: AcdState, channel: Channel, exceptAgentId: string): TransferCandidate[] {
  const result: TransferCandidate[] = [];
  for (const agent of state.agents.values()) {
    if (agent.id === exceptAgentId) continue;
    result.push({ agentId: agent.id, status: agent.status, available: isAvailable(agent) && canFit(agent, channel) });
  }
  return result;
}

/** The queues the agent is skilled for (their routing slots). */
export function skilledQueueIds(state: AcdState, agentId: string): string[] {
  return [...(state.agents.get(agentId)?.slots.keys() ?? [])];
}
