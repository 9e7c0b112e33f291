import type { ChatMessage, CustomerChatState, Interaction } from '@omnicc/shared';
import type { AgentNamespace } from '../features/agents/agentNamespace.js';
import { agentRoom } from '../features/agents/agentNamespace.js';
import type { ChatNotifier } from '../features/chat/chatService.js';
import type { CustomerNamespace } from '../features/chat/customerNamespace.js';
import { customerRoom } from '../features/chat/customerNamespace.js';
import type { RoutingNotifier } from '../features/routing/notifier.js';
import type { SupervisorNamespace } from '../features/supervisor/supervisorNamespace.js';

/** Whether the interaction is on the agent's desk (so the agent's sockets get its traffic). */
const onAgentDesk = (i: Interaction): i is Interaction & { agentId: string } =>
  i.agentId !== undefined && (i.state === 'assigned' || i.state === 'wrapUp');

/**
 * Turns routing and chat notifications into socket.io room pushes. Rooms work
 * across nodes once the Redis adapter is on, so features never see sockets.
 */
export function createNotifiers(
  agents: AgentNamespace,
  customers: CustomerNamespace,
  supervisors: SupervisorNamespace,
  hooks: {
    customerStateOf: (interactionId: string) => Promise<CustomerChatState>;
    /** Posts the agent-lost notice into the conversation (the chat feature owns messages). */
    agentLostNotice: (interactionId: string) => Promise<void>;
    displayNameOf: (userId: string) => Promise<string>;
  },
): { routing: RoutingNotifier; chat: ChatNotifier } {
  const hasSockets = async (nsp: AgentNamespace | CustomerNamespace, room: string) => (await nsp.in(room).fetchSockets()).length > 0;

  const interactionChanged = (i: Interaction): void => {
    if (i.agentId) {
      agents.to(agentRoom(i.agentId)).emit('interaction:updated', i);
    }
    if (i.channel === 'chat') {
      void hooks.customerStateOf(i.id).then((s) => customers.to(customerRoom(i.id)).emit('chat:state', s), () => undefined);
    }
  };

  const routing: RoutingNotifier = {
    offerCreated: (agentId, offer) => agents.to(agentRoom(agentId)).emit('offer:new', offer),
    offerEnded: (agentId, e) => agents.to(agentRoom(agentId)).emit('offer:ended', e),
    interactionChanged,
    agentState: (agentId, state) => agents.to(agentRoom(agentId)).emit('agent:state', state),
    interactionLeft: (agentId, i) => {
      agents.to(agentRoom(agentId)).emit('interaction:updated', i);
      interactionChanged(i);
    },
    agentAutoNotReady: (agentId, missedOffers, at) =>
      void hooks.displayNameOf(agentId).then(
        (displayName) => supervisors.emit('alert', { type: 'agentAutoNotReady', agentId, displayName, missedOffers, at }),
        () => undefined,
      ),
    customerNotice: (interactionId) => void hooks.agentLostNotice(interactionId).catch(() => undefined),
    // A chat keeps waiting (the widget shows it); calls are released by the voice channel (see VoiceChannel.tap).
    maxWaitReached: () => undefined,
    // Chats wait for the agent's grace period; calls are hung up by the voice channel (see VoiceChannel.tap).
    agentOffline: () => undefined,
    // The chat service pushes the ended chat itself; a call is hung up by the voice channel.
    interactionEnded: () => undefined,
  };

  const chat: ChatNotifier = {
    async message(i, message: ChatMessage) {
      customers.to(customerRoom(i.id)).emit('chat:message', message);
      if (onAgentDesk(i)) agents.to(agentRoom(i.agentId)).emit('chat:message', message);
      if (message.sender === 'customer') return onAgentDesk(i) && hasSockets(agents, agentRoom(i.agentId));
      return hasSockets(customers, customerRoom(i.id));
    },
    typing(i, from, typing) {
      if (from === 'customer' && onAgentDesk(i)) agents.to(agentRoom(i.agentId)).emit('chat:typing', { interactionId: i.id, typing });
      if (from === 'agent') customers.to(customerRoom(i.id)).emit('chat:typing', { typing });
    },
    receipt(i, toSender, messageIds, delivery) {
      if (toSender === 'customer') customers.to(customerRoom(i.id)).emit('chat:receipt', { messageIds, delivery });
      else if (i.agentId) agents.to(agentRoom(i.agentId)).emit('chat:receipt', { interactionId: i.id, messageIds, delivery });
    },
    customerState: (interactionId, state) => customers.to(customerRoom(interactionId)).emit('chat:state', state),
    interactionChanged,
  };
  return { routing, chat };
}
