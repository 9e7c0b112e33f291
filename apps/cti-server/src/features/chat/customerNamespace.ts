import type { Namespace } from 'socket.io';
import { AppError, customerInbound, type CustomerAckValues, type CustomerClientToServer, type CustomerServerToClient } from '@omnicc/shared';
import type { Logger } from 'pino';
import { bindHandlers } from '../../realtime/bindHandlers.js';
import { connectError } from '../../realtime/socketAuth.js';
import type { ChatService } from './chatService.js';

interface CustomerSocketData {
  interactionId: string;
}

export type CustomerNamespace = Namespace<CustomerClientToServer, CustomerServerToClient, Record<string, never>, CustomerSocketData>;

/** Room of the customer's sockets of one chat (several tabs share it). */
export const customerRoom = (interactionId: string): string => `chat:${interactionId}`;

/**
 * The /customer namespace, used by the web chat widget. A customer is bound
 * to exactly one interaction by the token the widget got when the chat started.
 */
export function setupCustomerNamespace(nsp: CustomerNamespace, deps: { chat: ChatService; log: Logger; onEvent: (event: string, result: string) => void }): void {
  nsp.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown>).customerToken;
    if (typeof token !== 'string' || token.length < 20 || token.length > 128) {
      next(connectError(new AppError('UNAUTHENTICATED', 'missing chat token')));
      return;
    }
    deps.chat.authenticateCustomer(token).then(
      (interaction) => {
        socket.data.interactionId = interaction.id;
        next();
      },
      (err: unknown) => next(connectError(err instanceof AppError ? err : new AppError('UNAUTHENTICATED', 'invalid chat token'))),
    );
  });

  nsp.on('connection', (socket) => {
    const interactionId = socket.data.interactionId;
    void socket.join(customerRoom(interactionId));
    bindHandlers<typeof customerInbound, CustomerAckValues>(
      socket,
      customerInbound,
      {
        'chat:history': async () => ({
          chat: await deps.chat.customerState(interactionId),
          messages: await deps.chat.history(interactionId, 'customer'),
        }),
        'chat:send': ({ clientMessageId, text }) => deps.chat.customerSend(interactionId, clientMessageId, text),
        'chat:typing': ({ typing }) => deps.chat.typing(interactionId, 'customer', typing),
        'chat:read': ({ upToMessageId }) => deps.chat.read(interactionId, 'customer', upToMessageId),
        'chat:leave': () => deps.chat.customerLeave(interactionId),
      },
      {
        onResult: (event, result, err) => {
          deps.onEvent(event, result);
          if (err) deps.log.error({ err, event }, 'customer event failed');
        },
      },
    );
  });
}
