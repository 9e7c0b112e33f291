import type { AgentStatus, Channel, QueueConfig } from '@omnicc/shared';

/**
 * Input and output types of the live metrics. Every definition behind these
 * numbers is in docs/metrics.md; the field comments only point at it.
 * Times are epoch milliseconds; the calculators never read a clock.
 */

/** The windows every queue metric is reported over (docs/metrics.md, "Windows"). */
export type MetricsWindow = '15m' | '60m' | 'today';

/** Sliding window lengths. "today" is not sliding: it starts at local midnight. */
export const SLIDING_WINDOWS_MS = { '15m': 15 * 60_000, '60m': 60 * 60_000 } as const;

export interface MetricsConfig {
  /** IANA zone whose midnight starts "today", e.g. 'Asia/Shanghai' (the operator's local time). */
  timeZone: string;
  /** Abandons after less waiting than this are "short": counted apart, in no rate. Default 5000. */
  shortAbandonMs?: number;
}

/** What the metrics need of a queue: its service-level target. */
export type QueueMetricsConfig = Pick<QueueConfig, 'id' | 'serviceLevel'>;

/**
 * Interaction events, mapped one to one from the interaction event log
 * (store `InteractionEvent`: created → enqueued, assigned → answered, …).
 * `offered` and `requeued` are accepted but change no count: ringing at an
 * agent and going back after a reject or timeout are still the same wait.
 */
export type InteractionMetricsEvent =
  | { type: 'enqueued'; interactionId: string; queueId: string; at: number }
  | { type: 'offered'; interactionId: string; agentId: string; at: number }
  | { type: 'requeued'; interactionId: string; at: number }
  | { type: 'answered'; interactionId: string; agentId: string; at: number }
  /** To a queue (`toQueueId`) or, within the same queue, to an agent (`toAgentId`). */
  | { type: 'transferred'; interactionId: string; at: number; toQueueId?: string; toAgentId?: string }
  /** `wrapUp: false` when no wrap-up follows (the handle time is complete at the end). */
  | { type: 'ended'; interactionId: string; at: number; wrapUp?: boolean }
  | { type: 'wrappedUp'; interactionId: string; at: number }
  | { type: 'abandoned'; interactionId: string; at: number };

/** An agent's state changed; also carries what the agent is staffed for, for the per-queue and per-channel counts. */
export interface AgentStatusEvent {
  type: 'agentStatus';
  agentId: string;
  status: AgentStatus;
  at: number;
  /** Queues the agent can take work from (skills or team). */
  queueIds: readonly string[];
  /** Channels the agent has capacity for (capacity > 0). */
  channels: readonly Channel[];
}

export type MetricsEvent = InteractionMetricsEvent | AgentStatusEvent;

/** One queue over one window. Ratios are fractions in [0, 1]; null when their denominator is 0. */
export interface WindowMetrics {
  window: MetricsWindow;
  /** Window start (exclusive for sliding windows, inclusive local midnight for today) and end (now). */
  from: number;
  to: number;
  /** Entered this queue, new or transferred in (by time of entry). */
  offered: number;
  transferredIn: number;
  /** Left this queue for another queue (by time of transfer). */
  transferredOut: number;
  /** Answered by an agent (by time of answer). */
  answered: number;
  answeredWithinThreshold: number;
  /** Abandoned after waiting at least the short-abandon time (by time of abandon). */
  abandoned: number;
  /** Of `abandoned`, those that waited no longer than the service-level threshold. */
  abandonedWithinThreshold: number;
  /** Abandoned before the short-abandon time: counted only here. */
  shortAbandoned: number;
  /** Handling completed (wrap-up done, or transferred away), by time of completion. */
  handled: number;
  /** answeredWithinThreshold / (answered + abandoned − abandonedWithinThreshold). */
  serviceLevel: number | null;
  /** Mean wait of the answered. */
  asaMs: number | null;
  /** Mean (talk incl. hold + wrap-up) of the handled. */
  ahtMs: number | null;
  /** abandoned / (answered + abandoned). */
  abandonRate: number | null;
}

/** A queue right now, plus its windows. */
export interface QueueSnapshot {
  queueId: string;
  at: number;
  serviceLevelTarget: QueueConfig['serviceLevel'];
  /** Interactions in the queue now, ringing at an agent included. */
  waiting: number;
  /** now − entry time of the longest-waiting one; 0 when none waits. */
  longestWaitMs: number;
  /** Agents staffed for this queue, by state. */
  agentsByStatus: Record<AgentStatus, number>;
  windows: Record<MetricsWindow, WindowMetrics>;
}
