import type { Namespace } from 'socket.io';
import { supervisorInbound, type QueueSnapshot, type SupervisorAckValues, type SupervisorClientToServer, type SupervisorServerToClient } from '@omnicc/shared';
import type { Clock } from '../../clock.js';
import { iso } from '../../clock.js';
import { bindHandlers } from '../../realtime/bindHandlers.js';
import { SessionDeadline, requireStaff, type StaffSocketData } from '../../realtime/socketAuth.js';
import { NAMESPACE_ROLES } from '../auth/roles.js';
import type { TokenService } from '../auth/tokens.js';
import type { CallMonitor } from '../voice/callMonitor.js';

export type SupervisorNamespace = Namespace<SupervisorClientToServer, SupervisorServerToClient, Record<string, never>, StaffSocketData>;

/** The /supervisor namespace: a push of every queue once a second, and a snapshot on request. */
export function setupSupervisorNamespace(
  nsp: SupervisorNamespace,
  deps: { tokens: TokenService; clock: Clock; snapshot: () => Promise<QueueSnapshot[]>; monitor: CallMonitor; onEvent: (event: string, result: string) => void },
): { stop(): void } {
  requireStaff(nsp, deps.tokens, NAMESPACE_ROLES.supervisor);
  nsp.on('connection', (socket) => {
    const deadline = new SessionDeadline(socket, () => deps.clock.now());
    deadline.set(socket.data.principal.expiresAt);
    const me = socket.data.principal;
    socket.on('disconnect', () => {
      deadline.clear();
      deps.monitor.socketClosed(socket.id);
    });
    bindHandlers<typeof supervisorInbound, SupervisorAckValues>(
      socket,
      supervisorInbound,
      {
        'queues:snapshot': async () => ({ at: iso(deps.clock.now()), queues: await deps.snapshot() }),
        'call:monitor': ({ interactionId }) => deps.monitor.start(me.userId, socket.id, interactionId),
        'call:monitorAnswer': ({ monitorId, sdp }) => deps.monitor.answer(me.userId, monitorId, sdp),
        'call:monitorStop': ({ monitorId }) => deps.monitor.stop(me.userId, monitorId),
      },
      { onResult: deps.onEvent },
    );
  });
  // Each node pushes to its own supervisors (local): a namespace-wide emit
  // would reach every node's sockets through the adapter, once per node.
  const timer = setInterval(() => {
    if (nsp.sockets.size === 0) return;
    void deps.snapshot().then(
      (queues) => nsp.local.emit('queues:update', { at: iso(deps.clock.now()), queues }),
      () => undefined, // routing is failing over: the next second tries again
    );
  }, 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
