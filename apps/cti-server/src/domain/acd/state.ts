import type { AgentProfile, AgentStatus, Channel, QueueConfig, RoutingSettings, Tier } from '@omnicc/shared';
import type { OfferExplain } from './explain.js';

/**
 * The ACD state. It is plain data (objects, arrays, Maps, Sets), so
 * `structuredClone` copies it whole. `decide` mutates it in place for speed:
 * the caller owns it and must clone before a step if it needs the old state.
 */
export interface AcdState {
  settings: RoutingSettings;
  queues: Map<string, QueueRt>;
  agents: Map<string, AgentRt>;
  /** Open interactions only: queued, offered or assigned. Finished ones are dropped. */
  interactions: Map<string, InteractionRt>;
  offers: Map<string, OfferRt>;
  /** offerId -> interactionId for accepted offers whose assignment is still open (idempotent accept). */
  accepted: Map<string, string>;
  /** customerKey -> last agent, in order of last use so old entries are pruned from the front. */
  sticky: Map<string, { agentId: string; at: number }>;
  /** The longest stickySeconds over all queues, in ms: older sticky entries are useless. */
  stickyWindowMs: number;
  /** Agents per skill code, to find who a queue's requirements admit without scanning everyone. */
  skillIndex: Map<string, Set<string>>;
  timers: Timer[];
  timerSeq: number;
  /** Agents per derived status, kept as statuses change (read model). */
  statusCounts: Record<AgentStatus, number>;
}

/** A queue at run time: its config, its waiting interactions and the agents ready for it. */
export interface QueueRt {
  config: QueueConfig;
  /**
   * One heap per tier. Inside one (queue, tier) every item has the same base
   * priority, so key order is arrival order: each lane head is its oldest item.
   */
  lanes: Record<Tier, InteractionRt[]>;
  waiting: number;
  /** Heap of slots of agents who could take an item of this queue now (before cooldowns). */
  ready: AgentSlot[];
}

/** An agent's place in one queue they are skilled for. `pos` is -1 while not in `ready`. */
export interface AgentSlot {
  agent: AgentRt;
  queueId: string;
  /** Sum of the agent's levels over the queue's required skills. */
  score: number;
  pos: number;
}

/** One running wrap-up: no offers to the agent until it ends. */
export interface WrapUp {
  interactionId: string;
  until: number;
}

/** A logged-in agent as routing sees them. */
export interface AgentRt {
  id: string;
  profile: AgentProfile;
  skills: Map<string, number>;
  /** Capacity units one interaction of each channel takes; 0 = cannot take that channel. */
  weights: Record<Channel, number>;
  connected: boolean;
  chosen: 'ready' | 'notReady';
  reasonCode: string | undefined;
  /** Load in capacity units (offers and assignments); at most CAPACITY_UNITS. */
  units: number;
  offers: string[];
  assigned: string[];
  wrapUps: WrapUp[];
  idleSince: number;
  /** Whether the agent was ready and free of work at the last refresh (to stamp idleSince once). */
  idle: boolean;
  missedInRow: number;
  graceUntil: number | undefined;
  slots: Map<string, AgentSlot>;
  /** Last emitted status, so only changes are emitted. */
  status: AgentStatus;
  statusReason: string | undefined;
}

/** One hand-over in an interaction's history. */
export interface TransferRecord {
  at: number;
  fromAgentId: string;
  to: { agentId: string } | { queueId: string };
}

/** An open interaction: queued, ringing at one agent, or assigned to one agent. */
export interface InteractionRt {
  id: string;
  channel: Channel;
  tier: Tier;
  customerKey: string | undefined;
  /** First arrival; waiting time and aging count from here, across re-queues and transfers. */
  enqueuedAt: number;
  queueId: string;
  /** When it entered its current queue; max wait counts from here. */
  queuedSince: number;
  /** Static priority key in its current queue (higher first), see priority.ts. */
  key: number;
  state: 'queued' | 'offered' | 'assigned';
  /** Position in its lane while queued, else -1. */
  pos: number;
  offerId: string | undefined;
  agentId: string | undefined;
  declined: { agentId: string; until: number }[];
  /** The live max-wait timer, while queued. */
  maxWaitTimer: Timer | undefined;
  /** The live offer-timeout timer, while offered. */
  offerTimer: Timer | undefined;
  maxWaitNotified: boolean;
  history: TransferRecord[];
  /** Why the current or last offer went where it did. */
  explain: OfferExplain | undefined;
}

/** What tells one interaction from another when it enters the core; the rest starts the same for all. */
export type InteractionStart = Pick<InteractionRt, 'id' | 'channel' | 'tier' | 'customerKey' | 'enqueuedAt' | 'queueId' | 'queuedSince' | 'state' | 'agentId'>;

/** An interaction as the core first holds it: queued (enqueue), or already an agent's (a restored or placed call). */
export function newInteraction(start: InteractionStart): InteractionRt {
  return { ...start, key: 0, pos: -1, offerId: undefined, declined: [], maxWaitTimer: undefined, offerTimer: undefined, maxWaitNotified: false, history: [], explain: undefined };
}

/** A ringing offer; its explanation stays readable until the interaction ends. */
export interface OfferRt {
  offerId: string;
  interactionId: string;
  agentId: string;
  queueId: string;
  channel: Channel;
  createdAt: number;
  expiresAt: number;
  explain: OfferExplain;
}

/** What a timer is for. */
export type TimerKind = 'offer' | 'wrapUp' | 'grace' | 'maxWait' | 'cooldown';

/** A due time. Timers are never removed early: a stale one is recognised and dropped when it fires. */
export interface Timer {
  at: number;
  seq: number;
  kind: TimerKind;
  id: string;
  sub: string | undefined;
  pos: number;
}
