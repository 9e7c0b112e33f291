import type { QueueSnapshot } from '@omnicc/shared';
import type { MetricsWindow, WindowMetrics } from '../../domain/metrics/index.js';
import type { QueueRecord } from '../../store/Store.js';
import type { RoutingService } from '../routing/routingService.js';
import type { MetricsFeed } from './metricsFeed.js';

/**
 * Live queue figures. Waiting, longest wait (ringing included), the target
 * and the windowed figures come from the metrics feed (docs/metrics.md §3);
 * agents by status from the ACD core's read model (an agent counts in every
 * queue they are skilled for).
 */
export function queueSnapshots(queues: QueueRecord[], routing: RoutingService, feed: MetricsFeed, now: number): QueueSnapshot[] {
  const perQueue = routing.agentsByStatusPerQueue();
  return queues.map((q) => {
    const metrics = feed.snapshot(q.id, now);
    return {
      queueId: q.id,
      waiting: metrics.waiting,
      longestWaitMs: metrics.longestWaitMs,
      agentsByStatus: perQueue.get(q.id) ?? { offline: 0, ready: 0, notReady: 0, busy: 0, wrapUp: 0 },
      serviceLevelTarget: metrics.serviceLevelTarget,
      windows: wireWindows(metrics.windows),
    };
  });
}

function wireWindows(windows: Record<MetricsWindow, WindowMetrics>): QueueSnapshot['windows'] {
  const pick = (w: WindowMetrics): QueueSnapshot['windows']['today'] => ({
    offered: w.offered,
    answered: w.answered,
    abandoned: w.abandoned,
    serviceLevel: w.serviceLevel,
    asaMs: w.asaMs,
    ahtMs: w.ahtMs,
    abandonRate: w.abandonRate,
  });
  return { '15m': pick(windows['15m']), '60m': pick(windows['60m']), today: pick(windows.today) };
}
