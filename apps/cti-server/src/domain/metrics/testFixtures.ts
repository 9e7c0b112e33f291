import { QueueMetrics } from './queueMetrics.js';
import type { InteractionMetricsEvent, MetricsConfig } from './types.js';

/**
 * Event builders for the metrics tests. Times are seconds after T0, a
 * Saturday 10:00 in Shanghai, far from midnight unless a test says so.
 */
export const T0 = Date.parse('2024-03-09T10:00:00+08:00');

/** T0 + `sec` seconds, in epoch ms. */
export const at = (sec: number, base = T0): number => base + sec * 1000;

/** q1: 80% in 20 s; q2: 90% in 30 s. */
export function newQueueMetrics(config: Partial<MetricsConfig> = {}): QueueMetrics {
  return new QueueMetrics({ timeZone: 'Asia/Shanghai', ...config }, [
    { id: 'q1', serviceLevel: { percent: 80, seconds: 20 } },
    { id: 'q2', serviceLevel: { percent: 90, seconds: 30 } },
  ]);
}

/** Builders; `sec` is seconds after `base` (T0 by default). */
export const ev = {
  enqueued: (id: string, sec: number, queueId = 'q1', base = T0): InteractionMetricsEvent => ({ type: 'enqueued', interactionId: id, queueId, at: at(sec, base) }),
  offered: (id: string, sec: number, agentId = 'a1', base = T0): InteractionMetricsEvent => ({ type: 'offered', interactionId: id, agentId, at: at(sec, base) }),
  requeued: (id: string, sec: number, base = T0): InteractionMetricsEvent => ({ type: 'requeued', interactionId: id, at: at(sec, base) }),
  answered: (id: string, sec: number, agentId = 'a1', base = T0): InteractionMetricsEvent => ({ type: 'answered', interactionId: id, agentId, at: at(sec, base) }),
  toQueue: (id: string, sec: number, toQueueId: string): InteractionMetricsEvent => ({ type: 'transferred', interactionId: id, at: at(sec), toQueueId }),
  toAgent: (id: string, sec: number, toAgentId: string): InteractionMetricsEvent => ({ type: 'transferred', interactionId: id, at: at(sec), toAgentId }),
  ended: (id: string, sec: number, wrapUp = true): InteractionMetricsEvent => ({ type: 'ended', interactionId: id, at: at(sec), wrapUp }),
  wrappedUp: (id: string, sec: number): InteractionMetricsEvent => ({ type: 'wrappedUp', interactionId: id, at: at(sec) }),
  abandoned: (id: string, sec: number, base = T0): InteractionMetricsEvent => ({ type: 'abandoned', interactionId: id, at: at(sec, base) }),
};

/** Applies events in the order given (the tests list them in time order). */
export function feed(m: QueueMetrics, events: readonly InteractionMetricsEvent[]): void {
  for (const e of events) m.apply(e);
}
