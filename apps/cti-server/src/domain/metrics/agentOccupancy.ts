import type { AgentStatus, Channel, ChannelCapacity } from '@omnicc/shared';
import { TimeIntegrals, type Rates } from './timeIntegrals.js';
import type { AgentStatusEvent, MetricsWindow } from './types.js';
import { assertTimeZone } from './zonedDay.js';

/** What occupancy needs to know of the agent's work (docs/metrics.md, "Occupancy"). */
export type AgentWorkEvent =
  | Pick<AgentStatusEvent, 'type' | 'agentId' | 'status' | 'at'>
  /** The agent took an interaction (answered); it weighs `fraction` of the agent until released. */
  | { type: 'holding'; agentId: string; interactionId: string; fraction: number; at: number }
  /** The interaction no longer weighs on the agent: wrap-up done, or transferred away. */
  | { type: 'released'; agentId: string; interactionId: string; at: number };

export interface OccupancyWindow {
  window: MetricsWindow;
  /** ∫ load dt, in capacity-unit·ms. */
  workMs: number;
  /** ∫ available dt, in ms. */
  availableMs: number;
  /** workMs / availableMs; null when the agent was never available in the window. */
  occupancy: number | null;
}

export interface AgentOccupancySnapshot {
  agentId: string;
  at: number;
  status: AgentStatus;
  /** Capacity in use now, 0..1. */
  load: number;
  windows: Record<MetricsWindow, OccupancyWindow>;
}

/**
 * The share of the agent one interaction of `channel` takes: 1 / capacity.
 * Voice takes the whole agent (it excludes every other channel), and so does
 * a channel the agent has no capacity for (they were given it anyway).
 */
export function capacityFraction(capacity: ChannelCapacity, channel: Channel): number {
  if (channel === 'voice') return 1;
  const n = capacity[channel];
  return n > 0 ? 1 / n : 1;
}

/** States in which the agent is open for work; notReady and offline are not (unless still working). */
const OPEN_FOR_WORK: ReadonlySet<AgentStatus> = new Set<AgentStatus>(['ready', 'busy', 'wrapUp']);

interface AgentState {
  status: AgentStatus;
  holding: Map<string, number>;
  integrals: TimeIntegrals;
}

/**
 * Time-weighted occupancy per agent, by capacity units:
 * occupancy = ∫ load dt / ∫ available dt, load = min(1, Σ fractions held),
 * available = open for work, or holding anything. Pure; O(h) per event
 * (h = interactions the agent holds), memory = the last hour of changes.
 */
export class AgentOccupancy {
  private readonly agents = new Map<string, AgentState>();

  constructor(private readonly config: { timeZone: string }) {
    assertTimeZone(config.timeZone);
  }

  /** Applies one event; false when it changed nothing (unknown or duplicate interaction). */
  apply(e: AgentWorkEvent): boolean {
    const a = this.agent(e.agentId);
    switch (e.type) {
      case 'agentStatus':
        a.status = e.status;
        break;
      case 'holding':
        if (a.holding.has(e.interactionId) || !(e.fraction > 0)) return false;
        a.holding.set(e.interactionId, e.fraction);
        break;
      case 'released':
        if (!a.holding.delete(e.interactionId)) return false;
        break;
    }
    a.integrals.set(e.at, rates(a));
    return true;
  }

  /** One agent as of `now`, or undefined if no event ever named them. */
  snapshot(agentId: string, now: number): AgentOccupancySnapshot | undefined {
    const a = this.agents.get(agentId);
    if (!a) return undefined;
    const read = a.integrals.read(now);
    const windows = Object.fromEntries(
      (Object.keys(read) as MetricsWindow[]).map((w) => {
        const { workMs, availableMs } = read[w];
        return [w, { window: w, workMs, availableMs, occupancy: availableMs > 0 ? Math.min(1, workMs / availableMs) : null }];
      }),
    ) as Record<MetricsWindow, OccupancyWindow>;
    return { agentId, at: now, status: a.status, load: rates(a).work, windows };
  }

  /** Every known agent as of `now`, by agent id. */
  snapshotAll(now: number): AgentOccupancySnapshot[] {
    return [...this.agents.keys()].sort().flatMap((id) => this.snapshot(id, now) ?? []);
  }

  /** Segments held in memory, all agents (for tests and the health endpoint). */
  retained(): number {
    let n = 0;
    for (const a of this.agents.values()) n += a.integrals.retained;
    return n;
  }

  private agent(id: string): AgentState {
    let a = this.agents.get(id);
    if (!a) {
      a = { status: 'offline', holding: new Map(), integrals: new TimeIntegrals(this.config.timeZone) };
      this.agents.set(id, a);
    }
    return a;
  }
}

function rates(a: AgentState): Rates {
  let sum = 0;
  for (const f of a.holding.values()) sum += f;
  // Routing never lets the sum pass 1; the cap keeps a forced assignment from reading above 100%.
  const work = Math.min(1, sum);
  return { work, available: OPEN_FOR_WORK.has(a.status) || work > 0 ? 1 : 0 };
}
