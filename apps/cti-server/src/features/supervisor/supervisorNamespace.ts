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

export type SupervisorNamespace = Namespace<SupervisorClientToServer, SupervisorServerToClient, Record<string, never>, StaffSocketData>;

/**
 * Live queue figures from the ACD core's read model (the full metric set
 * comes with the wallboard). Agents by status are counted per queue: an
 * agent counts in every queue they are skilled for.
 */
export function queueSnapshots(queues: QueueRecord[], routing: RoutingService, now: number): QueueSnapshot[] {
  const model = routing.readModel();
  const byQueue = new Map(model.queues.map((q) => [q.queueId, q]));
  const perQueue = routing.agentsByStatusPerQueue();
  return queues.map((q) => {
    const live = byQueue.get(q.id);
    const oldest = live?.oldestEnqueuedAt;
    return {
      queueId: q.id,
      waiting: live?.waiting ?? 0,
      longestWaitMs: oldest === undefined ? 0 : Math.max(0, now - oldest),
      agentsByStatus: perQueue.get(q.id) ?? { offline: 0, ready: 0, notReady: 0, busy: 0, wrapUp: 0 },
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
