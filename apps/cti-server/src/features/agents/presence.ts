import type { AgentStateView, AgentStatus } from '@omnicc/shared';
import type { Clock } from '../../clock.js';
import { iso } from '../../clock.js';

interface Presence {
  chosen: 'ready' | 'notReady';
  reasonCode?: string;
  connections: number;
  /** Interactions in wrap-up: the agent shows as wrap-up while any remain. */
  wrapUps: Set<string>;
  holding: number;
  status: AgentStatus;
  since: number;
}

export type AgentState = AgentStateView;

/**
 * What each agent is doing, as shown to desktops and supervisors. The status
 * is derived (offline, not ready, wrap-up, busy, ready) from what the agent
 * chose and what they hold; `onChange` fires only when the derived status
 * really changes, so every recorded change is a real one.
 */
export class AgentPresence {
  private readonly agents = new Map<string, Presence>();

  constructor(
    private readonly clock: Clock,
    private readonly capacityOf: () => number,
    private readonly onChange: (agentId: string, state: AgentState) => void,
  ) {}

  connected(agentId: string): void {
    const p = this.get(agentId);
    p.connections++;
    this.refresh(agentId, p);
  }

  disconnected(agentId: string): void {
    const p = this.get(agentId);
    p.connections = Math.max(0, p.connections - 1);
    this.refresh(agentId, p);
  }

  choose(agentId: string, chosen: 'ready' | 'notReady', reasonCode?: string): AgentState {
    const p = this.get(agentId);
    const changed = p.chosen !== chosen || p.reasonCode !== reasonCode;
    p.chosen = chosen;
    if (reasonCode === undefined) delete p.reasonCode;
    else p.reasonCode = reasonCode;
    // A new not-ready reason is a new period for the reports even if the status stays not ready.
    if (changed && p.status === 'notReady') p.since = this.clock.now();
    this.refresh(agentId, p, changed);
    return this.state(agentId);
  }

  chosenOf(agentId: string): 'ready' | 'notReady' {
    return this.get(agentId).chosen;
  }

  setLoad(agentId: string, holding: number, wrapUps: readonly string[]): void {
    const p = this.get(agentId);
    p.holding = holding;
    p.wrapUps = new Set(wrapUps);
    this.refresh(agentId, p);
  }

  state(agentId: string): AgentState {
    const p = this.get(agentId);
    return {
      status: p.status,
      ...(p.reasonCode && p.status === 'notReady' ? { reasonCode: p.reasonCode } : {}),
      statusSince: iso(p.since),
      chosen: p.chosen,
      ...(p.reasonCode && p.chosen === 'notReady' ? { chosenReasonCode: p.reasonCode } : {}),
    };
  }

  /** Count of agents in each status, for the supervisor feed. */
  countByStatus(): Record<AgentStatus, number> {
    const counts: Record<AgentStatus, number> = { offline: 0, ready: 0, notReady: 0, busy: 0, wrapUp: 0 };
    for (const p of this.agents.values()) counts[p.status]++;
    return counts;
  }

  private get(agentId: string): Presence {
    let p = this.agents.get(agentId);
    if (!p) {
      // Agents start not ready after login: taking work is always an explicit choice.
      p = { chosen: 'notReady', connections: 0, wrapUps: new Set(), holding: 0, status: 'offline', since: this.clock.now() };
      this.agents.set(agentId, p);
    }
    return p;
  }

  private refresh(agentId: string, p: Presence, force = false): void {
    const status = derive(p, this.capacityOf());
    if (status === p.status && !force) return;
    if (status !== p.status) p.since = this.clock.now();
    p.status = status;
    this.onChange(agentId, this.state(agentId));
  }
}

function derive(p: Presence, capacity: number): AgentStatus {
  if (p.connections === 0) return 'offline';
  if (p.wrapUps.size > 0 && p.holding <= p.wrapUps.size) return 'wrapUp';
  if (p.chosen === 'notReady') return 'notReady';
  return p.holding >= capacity ? 'busy' : 'ready';
}
