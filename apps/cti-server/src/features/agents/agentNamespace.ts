import type { Namespace, Socket } from 'socket.io';
import { AppError, agentInbound, type AgentAckValues, type AgentClientToServer, type AgentServerToClient } from '@omnicc/shared';
import type { Logger } from 'pino';
import type { Store } from '../../store/Store.js';
import type { Clock } from '../../clock.js';
import { bindHandlers } from '../../realtime/bindHandlers.js';
import { SessionDeadline, requireStaff, type StaffSocketData } from '../../realtime/socketAuth.js';
import { NAMESPACE_ROLES } from '../auth/roles.js';
import type { TokenService } from '../auth/tokens.js';
import type { ChatService } from '../chat/chatService.js';
import type { Routing } from '../routing/routingCalls.js';
import type { CallTransfers } from '../voice/callTransfers.js';

export type AgentNamespace = Namespace<AgentClientToServer, AgentServerToClient, Record<string, never>, StaffSocketData>;

export interface AgentNamespaceDeps {
  store: Store;
  clock: Clock;
  tokens: TokenService;
  routing: Routing;
  chat: ChatService;
  /** Transfers and consults of calls in progress. */
  calls: CallTransfers;
  log: Logger;
  onEvent: (event: string, result: string) => void;
}

/** Room of all sockets of one agent (several tabs or windows share it). */
export const agentRoom = (agentId: string): string => `agent:${agentId}`;

/** The /agent namespace: one agent desktop per socket, every event checked against its owner. */
export function setupAgentNamespace(nsp: AgentNamespace, deps: AgentNamespaceDeps): void {
  requireStaff(nsp, deps.tokens, NAMESPACE_ROLES.agent);
  nsp.on('connection', (socket) => void onConnection(socket).catch((err: unknown) => {
    deps.log.error({ err }, 'agent connection setup failed');
    socket.disconnect(true);
  }));

  function onConnection(socket: Socket<AgentClientToServer, AgentServerToClient, Record<string, never>, StaffSocketData>): Promise<void> {
    const me = socket.data.principal;
    const deadline = new SessionDeadline(socket, () => deps.clock.now());
    deadline.set(me.expiresAt);
    // Handlers are bound at once (socket.io drops events that arrive before a
    // listener exists) and each waits for this setup before it runs.
    const setup = (async () => {
      await socket.join(agentRoom(me.userId));
      await deps.routing.call('agentConnected', { agentId: me.userId, socketId: socket.id, resume: socket.recovered });
    })();

    socket.on('disconnect', () => {
      deadline.clear();
      // After setup, so routing counts this socket's connect before its disconnect.
      void setup.finally(() => deps.routing.call('agentDisconnected', { agentId: me.userId, socketId: socket.id })).catch((err: unknown) => deps.log.error({ err }, 'agent disconnect failed'));
    });

    bindHandlers<typeof agentInbound, AgentAckValues>(
      socket,
      agentInbound,
      {
        'session:renew': async ({ token }) => {
          const renewed = await deps.tokens.verify(token);
          if (renewed.userId !== me.userId) throw new AppError('FORBIDDEN', 'token of another user');
          me.expiresAt = renewed.expiresAt;
          deadline.set(renewed.expiresAt);
          return { expiresAt: new Date(renewed.expiresAt).toISOString() };
        },
        'agent:setStatus': async (s) => {
          const reasonCode = s.status === 'notReady' ? s.reasonCode : undefined;
          if (reasonCode) {
            if (!(await deps.store.notReadyReasons.get(reasonCode))) throw new AppError('BAD_REQUEST', 'unknown reason code');
          }
          return deps.routing.call('setStatus', { agentId: me.userId, status: s.status, ...(reasonCode ? { reasonCode } : {}) });
        },
        'agent:snapshot': async () => {
          const interactions = await deps.store.interactions.heldBy(me.userId);
          const messages: Record<string, Awaited<ReturnType<ChatService['history']>>> = {};
          for (const i of interactions) messages[i.id] = await deps.chat.history(i.id, 'agent');
          const { state, offers } = await deps.routing.call('agentSnapshot', { agentId: me.userId });
          return { ...state, offers, interactions, messages };
        },
        'offer:accept': ({ offerId }) => deps.routing.call('accept', { agentId: me.userId, offerId }),
        'offer:reject': async ({ offerId }) => {
          await deps.routing.call('reject', { agentId: me.userId, offerId });
          return { offerId };
        },
        'chat:send': ({ interactionId, clientMessageId, text }) => deps.chat.agentSend({ id: me.userId, displayName: me.displayName }, interactionId, clientMessageId, text),
        'chat:typing': ({ interactionId, typing }) => deps.chat.typing(interactionId, 'agent', typing, me.userId),
        'chat:read': ({ interactionId, upToMessageId }) => deps.chat.read(interactionId, 'agent', upToMessageId, me.userId),
        'interaction:end': ({ interactionId }) => deps.chat.agentEnd(me.userId, interactionId),
        'interaction:transfer': ({ interactionId, to }) => deps.routing.call('transfer', { agentId: me.userId, interactionId, to }),
        'transfer:targets': ({ interactionId }) => deps.routing.call('transferTargets', { agentId: me.userId, interactionId }),
        'voice:transfer': ({ interactionId, to }) => deps.calls.transfer(me.userId, interactionId, to),
        'voice:consult': ({ interactionId, agentId }) => deps.calls.consult(me.userId, interactionId, agentId),
        'interaction:wrapUp': ({ interactionId, dispositionCode, note }) => deps.chat.wrapUp(me.userId, interactionId, dispositionCode, note),
      },
      {
        guard: async () => {
          await setup;
          if (me.expiresAt <= deps.clock.now()) throw new AppError('TOKEN_EXPIRED', 'token expired');
        },
        onResult: (event, result, err) => {
          deps.onEvent(event, result);
          if (err) deps.log.error({ err, event }, 'agent event failed');
        },
      },
    );
    return setup;
  }
}
