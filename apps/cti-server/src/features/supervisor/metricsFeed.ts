import type { Channel, QueueConfig } from '@omnicc/shared';
import type { AcdCommand, AcdEvent, AcdState } from '../../domain/acd/index.js';
import { localDayStart, QueueMetrics, type InteractionMetricsEvent, type QueueSnapshot as MetricsQueueSnapshot } from '../../domain/metrics/index.js';
import type { LoggedInteractionEvent } from '../../store/Store.js';

const CHANNELS: readonly Channel[] = ['voice', 'chat', 'email', 'sms'];

/**
 * Feeds the pure metrics calculator (domain/metrics) from what routing does:
 * the core's accepted events and commands, live (as RoutingDeps.observer),
 * and the day's interaction event log at start (replay). The mapping is the
 * table of docs/metrics.md §1.
 */
export class MetricsFeed {
  readonly metrics: QueueMetrics;
  /** Interactions the calculator already knows of: a later `enqueue` of them (recovery, agent lost) is not a new entry. */
  private readonly known = new Set<string>();
  private readonly timeZone: string;

  constructor(config: { timeZone: string; shortAbandonMs?: number }, queues: readonly Pick<QueueConfig, 'id' | 'serviceLevel'>[] = []) {
    this.metrics = new QueueMetrics(config.shortAbandonMs === undefined ? { timeZone: config.timeZone } : { timeZone: config.timeZone, shortAbandonMs: config.shortAbandonMs }, queues);
    this.timeZone = config.timeZone;
  }

  /** Local midnight of `now` in the operator's zone: where the replay starts. */
  dayStart(now: number): number {
    return localDayStart(now, this.timeZone);
  }

  configureQueue(q: Pick<QueueConfig, 'id' | 'serviceLevel'>): void {
    this.metrics.configureQueue(q);
  }

  /** Replays stored log events (ordered by id), e.g. those of the interactions created today. */
  replay(events: readonly LoggedInteractionEvent[]): void {
    // The queue an interaction entered first: its current queue, unless it overflowed away from another.
    const firstQueue = new Map<string, string>();
    for (const e of events) {
      if (firstQueue.has(e.interactionId)) continue;
      if (e.type === 'overflowed' && typeof e.data?.fromQueueId === 'string') firstQueue.set(e.interactionId, e.data.fromQueueId);
    }
    for (const e of events) {
      const mapped = fromLog(e, firstQueue.get(e.interactionId) ?? e.queueId);
      if (!mapped) continue;
      if (mapped.type === 'enqueued') this.known.add(e.interactionId);
      this.metrics.apply(mapped);
    }
  }

  /** The routing observer: one accepted core event, its commands, the state after it, and the decision's time. */
  observe(event: AcdEvent, commands: readonly AcdCommand[], state: Readonly<AcdState>, at: number): void {
    if (event.type === 'queueConfigChanged') this.configureQueue(event.queue);
    if (event.type === 'enqueue') {
      // Known already: back in routing after a restart (no change if it waits), or an assignment whose agent never came back (it waits again).
      if (this.known.has(event.interactionId)) this.metrics.apply({ type: 'requeued', interactionId: event.interactionId, at });
      else {
        this.known.add(event.interactionId);
        this.metrics.apply({ type: 'enqueued', interactionId: event.interactionId, queueId: event.queueId, at: event.enqueuedAt });
      }
    }
    for (const c of commands) {
      if (c.type === 'agentStateChanged') {
        const agent = state.agents.get(c.agentId);
        const queueIds = agent ? [...agent.slots.keys()] : [];
        const channels = agent ? CHANNELS.filter((ch) => agent.weights[ch] > 0) : [];
        this.metrics.apply({ type: 'agentStatus', agentId: c.agentId, status: c.status, at: c.at, queueIds, channels });
        continue;
      }
      const mapped = fromCommand(c, commands);
      if (mapped) this.metrics.apply(mapped);
      if (mapped && (mapped.type === 'abandoned' || mapped.type === 'wrappedUp')) this.known.delete(mapped.interactionId);
    }
  }

  snapshot(queueId: string, now: number): MetricsQueueSnapshot {
    return this.metrics.queueSnapshot(queueId, now);
  }
}

function fromCommand(c: AcdCommand, all: readonly AcdCommand[]): InteractionMetricsEvent | undefined {
  const { interactionId } = c as { interactionId?: string };
  if (interactionId === undefined) return undefined;
  switch (c.type) {
    case 'offer':
      // The command carries no offer time; a ring changes no count and its time is not used.
      return { type: 'offered', interactionId, agentId: c.agentId, at: c.expiresAt };
    case 'offerEnded':
      return c.reason === 'rejected' || c.reason === 'timeout' || c.reason === 'withdrawn' ? { type: 'requeued', interactionId, at: c.at } : undefined;
    case 'requeued':
      // Returned offers were already reported by their offerEnded.
      return all.some((o) => o.type === 'offerEnded' && o.interactionId === interactionId) ? undefined : { type: 'requeued', interactionId, at: c.at };
    case 'assigned':
      return { type: 'answered', interactionId, agentId: c.agentId, at: c.at };
    case 'overflowed':
      return { type: 'transferred', interactionId, toQueueId: c.toQueueId, at: c.at };
    case 'transferred':
      return 'queueId' in c.to ? { type: 'transferred', interactionId, toQueueId: c.to.queueId, at: c.at } : { type: 'transferred', interactionId, toAgentId: c.to.agentId, at: c.at };
    case 'abandoned':
      return { type: 'abandoned', interactionId, at: c.at };
    case 'ended':
      return { type: 'ended', interactionId, at: c.at };
    case 'wrapUpEnded':
      return { type: 'wrappedUp', interactionId, at: c.at };
    default:
      return undefined;
  }
}

/** docs/metrics.md §1: one stored log event, one metrics event. */
function fromLog(e: LoggedInteractionEvent, firstQueueId: string): InteractionMetricsEvent | undefined {
  const at = Date.parse(e.at);
  const interactionId = e.interactionId;
  const str = (k: string): string | undefined => {
    const v = e.data?.[k];
    return typeof v === 'string' ? v : undefined;
  };
  switch (e.type) {
    case 'created':
      // An agent's own call never waited in a queue: none of its events count there (the others then find nothing open).
      return e.data?.direction === 'outbound' ? undefined : { type: 'enqueued', interactionId, queueId: firstQueueId, at };
    case 'offered':
      return { type: 'offered', interactionId, agentId: str('agentId') ?? '', at };
    case 'requeued':
      return { type: 'requeued', interactionId, at };
    case 'assigned':
      return { type: 'answered', interactionId, agentId: e.actorId ?? '', at };
    case 'overflowed': {
      const toQueueId = str('toQueueId');
      return toQueueId === undefined ? undefined : { type: 'transferred', interactionId, toQueueId, at };
    }
    case 'transferred': {
      const toQueueId = str('toQueueId');
      const toAgentId = str('toAgentId');
      return { type: 'transferred', interactionId, at, ...(toQueueId === undefined ? {} : { toQueueId }), ...(toAgentId === undefined ? {} : { toAgentId }) };
    }
    case 'ended':
      return { type: 'ended', interactionId, at };
    case 'wrappedUp':
      return { type: 'wrappedUp', interactionId, at };
    case 'abandoned':
      return { type: 'abandoned', interactionId, at };
    default:
      return undefined;
  }
}
