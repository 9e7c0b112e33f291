import type { QueueConfig } from '@omnicc/shared';
import { AgentBoard, type StatusCounts } from './agentBoard.js';
import type { Sample } from './tally.js';
import type { InteractionMetricsEvent, MetricsConfig, MetricsEvent, QueueMetricsConfig, QueueSnapshot } from './types.js';
import { WaitingSet } from './waitingSet.js';
import { WindowedTally } from './windowedTally.js';
import { assertTimeZone } from './zonedDay.js';

/** Used for a queue that sends events before it is configured (the shared schema's default). */
export const DEFAULT_SERVICE_LEVEL: QueueConfig['serviceLevel'] = { percent: 80, seconds: 20 };
export const DEFAULT_SHORT_ABANDON_MS = 5_000;

interface QueueState {
  serviceLevel: QueueConfig['serviceLevel'];
  waiting: WaitingSet;
  tally: WindowedTally;
}

/** Where an interaction is in its current queue. */
interface Tracked {
  queueId: string;
  /** Entered the current queue (kept through offers, rejects and timeouts). */
  enqueuedAt: number;
  phase: 'waiting' | 'handling' | 'wrappingUp';
  answeredAt: number;
  endedAt: number;
  /**
   * Answered in this queue already and back to waiting because its agent was
   * lost: the queue counted its answer (and service level, ASA) once; the
   * next answer starts a new handling only.
   */
  answeredBefore: boolean;
}

/**
 * Live queue metrics, fed the interaction and agent events as they happen.
 * Pure: no I/O, no clock; `snapshot(now)` takes the time. Each event costs
 * O(log w) (w = waiting in its queue) plus O(1) amortized window upkeep;
 * memory is the open interactions plus each queue's last hour of samples.
 * Definitions: docs/metrics.md.
 */
export class QueueMetrics {
  private readonly queues = new Map<string, QueueState>();
  private readonly open = new Map<string, Tracked>();
  private readonly agents = new AgentBoard();
  private readonly timeZone: string;
  private readonly shortAbandonMs: number;

  constructor(config: MetricsConfig, queues: readonly QueueMetricsConfig[] = []) {
    assertTimeZone(config.timeZone);
    this.timeZone = config.timeZone;
    this.shortAbandonMs = config.shortAbandonMs ?? DEFAULT_SHORT_ABANDON_MS;
    for (const q of queues) this.configureQueue(q);
  }

  /** Adds a queue or changes its target; the new threshold applies to outcomes from now on. */
  configureQueue(q: QueueMetricsConfig): void {
    this.queue(q.id).serviceLevel = { ...q.serviceLevel };
  }

  /**
   * Applies one event. Returns false when it changed nothing: an unknown
   * interaction (e.g. the calculator started after it was created), a
   * duplicate, or an event that does not fit the interaction's phase.
   */
  apply(e: MetricsEvent): boolean {
    if (e.type === 'agentStatus') {
      this.agents.apply(e);
      return true;
    }
    return this.applyInteraction(e);
  }

  /** Every configured queue as of `now`, by queue id. */
  snapshot(now: number): QueueSnapshot[] {
    return [...this.queues.keys()].sort().map((id) => this.queueSnapshot(id, now));
  }

  /** One queue as of `now` (configured with the default target if it was unknown). */
  queueSnapshot(queueId: string, now: number): QueueSnapshot {
    const q = this.queue(queueId);
    const oldest = q.waiting.oldest();
    return {
      queueId,
      at: now,
      serviceLevelTarget: { ...q.serviceLevel },
      waiting: q.waiting.size,
      longestWaitMs: oldest === undefined ? 0 : Math.max(0, now - oldest),
      agentsByStatus: this.agents.forQueue(queueId),
      windows: q.tally.read(now),
    };
  }

  /** Agents by state per channel, for the whole center. */
  agentsByChannel(): ReturnType<AgentBoard['perChannel']> {
    return this.agents.perChannel();
  }

  /** Agents by state for one queue. */
  agentsForQueue(queueId: string): StatusCounts {
    return this.agents.forQueue(queueId);
  }

  /** What is held in memory (for tests and the health endpoint). */
  retained(): { openInteractions: number; samples: number } {
    let samples = 0;
    for (const q of this.queues.values()) samples += q.tally.retained;
    return { openInteractions: this.open.size, samples };
  }

  private applyInteraction(e: InteractionMetricsEvent): boolean {
    const t = this.open.get(e.interactionId);
    switch (e.type) {
      case 'enqueued':
        if (!t) return this.enter(e.interactionId, e.queueId, e.at, false);
        if (t.phase === 'waiting' && t.queueId === e.queueId) return false; // duplicate
        if (t.phase === 'wrappingUp') {
          // Reopened after its end (e.g. the customer wrote again): the old handling is complete.
          this.complete(e.interactionId, t, e.at);
          return this.enter(e.interactionId, e.queueId, e.at, false);
        }
        return this.transferToQueue(e.interactionId, t, e.queueId, e.at);
      case 'offered':
        // Ringing: same wait, same offered count.
        return t?.phase === 'waiting';
      case 'requeued':
        // Back after a reject/timeout: same wait, same offered count.
        if (t?.phase === 'waiting') return true;
        if (t?.phase !== 'handling') return false;
        // Its agent was lost: that handling is complete, and the customer waits again from now.
        this.record(t.queueId, { kind: 'handled', at: e.at, talkMs: this.since(t.answeredAt, e.at), wrapUpMs: 0 });
        t.phase = 'waiting';
        t.answeredBefore = true;
        this.queue(t.queueId).waiting.add(e.interactionId, e.at);
        return true;
      case 'answered':
        if (t?.phase !== 'waiting') return false;
        this.leaveWaiting(e.interactionId, t);
        if (!t.answeredBefore) {
          this.record(t.queueId, { kind: 'answered', at: e.at, waitMs: this.since(t.enqueuedAt, e.at), withinThreshold: this.withinThreshold(t, e.at) });
        }
        t.phase = 'handling';
        t.answeredAt = e.at;
        return true;
      case 'transferred':
        if (!t || t.phase === 'wrappingUp') return false;
        if (e.toQueueId === undefined || (e.toQueueId === t.queueId && t.phase === 'waiting')) {
          // To an agent of the same queue (or back into the queue it waits in): the queue keeps it.
          return true;
        }
        return this.transferToQueue(e.interactionId, t, e.toQueueId, e.at);
      case 'ended':
        if (!t) return false;
        if (t.phase === 'waiting') {
          // Closed by the system before any answer: not the customer's abandon, so no outcome.
          this.leaveWaiting(e.interactionId, t);
          this.open.delete(e.interactionId);
          return true;
        }
        if (t.phase !== 'handling') return false;
        t.endedAt = e.at;
        if (e.wrapUp === false) this.complete(e.interactionId, t, e.at);
        else t.phase = 'wrappingUp';
        return true;
      case 'wrappedUp':
        if (!t || t.phase === 'waiting') return false;
        // Wrapped up with no `ended` first: the end is now and the wrap-up is empty.
        if (t.phase === 'handling') t.endedAt = e.at;
        this.complete(e.interactionId, t, e.at);
        return true;
      case 'abandoned':
        if (!t) return false;
        if (t.phase !== 'waiting') {
          // The customer left after the answer: that is an end, not an abandon.
          return t.phase === 'handling' ? this.applyInteraction({ type: 'ended', interactionId: e.interactionId, at: e.at }) : false;
        }
        if (t.answeredBefore) {
          // Left while waiting for a second agent: answered once, so not an abandon; its handling was counted.
          this.leaveWaiting(e.interactionId, t);
          this.open.delete(e.interactionId);
          return true;
        }
        this.leaveWaiting(e.interactionId, t);
        this.open.delete(e.interactionId);
        this.record(t.queueId, {
          kind: 'abandoned',
          at: e.at,
          short: this.since(t.enqueuedAt, e.at) < this.shortAbandonMs,
          withinThreshold: this.withinThreshold(t, e.at),
        });
        return true;
    }
  }

  private enter(id: string, queueId: string, at: number, transferIn: boolean): boolean {
    this.open.set(id, { queueId, enqueuedAt: at, phase: 'waiting', answeredAt: 0, endedAt: 0, answeredBefore: false });
    this.queue(queueId).waiting.add(id, at);
    this.record(queueId, { kind: 'offered', at, transferIn });
    return true;
  }

  /** Leaves the current queue (its handling, if answered, is complete there) and enters `toQueueId`. */
  private transferToQueue(id: string, t: Tracked, toQueueId: string, at: number): boolean {
    if (t.phase === 'waiting') this.leaveWaiting(id, t);
    else this.record(t.queueId, { kind: 'handled', at, talkMs: this.since(t.answeredAt, at), wrapUpMs: 0 });
    this.record(t.queueId, { kind: 'transferredOut', at });
    return this.enter(id, toQueueId, at, true);
  }

  private complete(id: string, t: Tracked, at: number): void {
    this.open.delete(id);
    this.record(t.queueId, { kind: 'handled', at, talkMs: this.since(t.answeredAt, t.endedAt), wrapUpMs: this.since(t.endedAt, at) });
  }

  private leaveWaiting(id: string, t: Tracked): void {
    this.queue(t.queueId).waiting.remove(id);
  }

  private withinThreshold(t: Tracked, at: number): boolean {
    return this.since(t.enqueuedAt, at) <= this.queue(t.queueId).serviceLevel.seconds * 1000;
  }

  private since(from: number, to: number): number {
    return Math.max(0, to - from);
  }

  private record(queueId: string, sample: Sample): void {
    this.queue(queueId).tally.add(sample);
  }

  private queue(id: string): QueueState {
    const known = this.queues.get(id);
    if (known) return known;
    const q: QueueState = { serviceLevel: { ...DEFAULT_SERVICE_LEVEL }, waiting: new WaitingSet(), tally: new WindowedTally(this.timeZone) };
    this.queues.set(id, q);
    return q;
  }
}
