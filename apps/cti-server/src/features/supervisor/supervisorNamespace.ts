import type { Namespace } from 'socket.io';
import { supervisorInbound, type QueueSnapshot, type SupervisorAckValues, type SupervisorClientToServer, type SupervisorServerToClient } from '@omnicc/shared';
import type { Clock } from '../../clock.js';
import { iso } from '../../clock.js';
import { bindHandlers } from '../../realtime/bindHandlers.js';
import { SessionDeadline, requireStaff, type StaffSocketData } from '../../realtime/socketAuth.js';
import { NAMESPACE_ROLES } from '../auth/roles.js';
import type { TokenService } from '../auth/tokens.js';
import type { RoutingService } from '../routing/routingService.js';
import type { QueueRecord } from '../../store/Store.js';
import type { MetricsWindow, WindowMetrics } from '../../domain/metrics/index.js';
import type { MetricsFeed } from './metricsFeed.js';

export type SupervisorNamespace = Namespace<SupervisorClientToServer, SupervisorServerToClient, Record<string, never>, StaffSocketData>;

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

/** The /supervisor namespace: a push of every queue once a second, and a snapshot on request. */
export function setupSupervisorNamespace(
  nsp: SupervisorNamespace,
  deps: { tokens: TokenService; clock: Clock; snapshot: () => Promise<QueueSnapshot[]>; onEvent: (event: string, result: string) => void },
): { stop(): void } {
  requireStaff(nsp, deps.tokens, NAMESPACE_ROLES.supervisor);
  nsp.on('connection', (socket) => {
    const deadline = new SessionDeadline(socket, () => deps.clock.now());
    deadline.set(socket.data.principal.expiresAt);
    socket.on('disconnect', () => deadline.clear());
    bindHandlers<typeof supervisorInbound, SupervisorAckValues>(
      socket,
      supervisorInbound,
      { 'queues:snapshot': async () => ({ at: iso(deps.clock.now()), queues: await deps.snapshot() }) },
      { onResult: deps.onEvent },
    );
  });
  const timer = setInterval(() => {
    if (nsp.sockets.size === 0) return;
    void deps.snapshot().then((queues) => nsp.emit('queues:update', { at: iso(deps.clock.now()), queues }));
  }, 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
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
