import { AGENT_STATUSES, CHANNELS, type AgentStatus, type Channel } from '@omnicc/shared';
import type { AgentStatusEvent } from './types.js';

/** A count per agent state, every state present. */
export type StatusCounts = Record<AgentStatus, number>;

const zeroCounts = (): StatusCounts =>
  Object.fromEntries(AGENT_STATUSES.map((s) => [s, 0])) as StatusCounts;

interface AgentEntry {
  status: AgentStatus;
  queueIds: readonly string[];
  channels: readonly Channel[];
}

/**
 * Agents by state, per queue and per channel, kept as counts so a snapshot
 * reads them in O(1). An agent staffed for several queues or channels counts
 * once in each (docs/metrics.md, "Agents by state"), so sums across queues
 * can exceed the headcount.
 */
export class AgentBoard {
  private readonly agents = new Map<string, AgentEntry>();
  private readonly byQueue = new Map<string, StatusCounts>();
  private readonly byChannel = new Map<Channel, StatusCounts>(CHANNELS.map((c) => [c, zeroCounts()]));

  /** Applies a status change; the event's queues and channels replace the agent's previous ones. */
  apply(e: AgentStatusEvent): void {
    const prev = this.agents.get(e.agentId);
    if (prev) this.count(prev, -1);
    const next: AgentEntry = { status: e.status, queueIds: [...new Set(e.queueIds)], channels: [...new Set(e.channels)] };
    this.agents.set(e.agentId, next);
    this.count(next, 1);
  }

  /** Counts for one queue (a copy). */
  forQueue(queueId: string): StatusCounts {
    return { ...(this.byQueue.get(queueId) ?? zeroCounts()) };
  }

  /** Counts per channel (copies). */
  perChannel(): Record<Channel, StatusCounts> {
    return Object.fromEntries(CHANNELS.map((c) => [c, { ...(this.byChannel.get(c) ?? zeroCounts()) }])) as Record<Channel, StatusCounts>;
  }

  private count(a: AgentEntry, sign: 1 | -1): void {
    for (const q of a.queueIds) {
      let counts = this.byQueue.get(q);
      if (!counts) this.byQueue.set(q, (counts = zeroCounts()));
      counts[a.status] += sign;
    }
    for (const c of a.channels) {
      const counts = this.byChannel.get(c);
      if (counts) counts[a.status] += sign;
    }
  }
}
