import { createHash, randomBytes } from 'node:crypto';
import {
  AppError,
  type ChatMessage,
  type CustomerChatState,
  type CustomerContact,
  type DeliveryState,
  type Interaction,
  type MessageSender,
} from '@omnicc/shared';
import { iso, type Clock } from '../../clock.js';
import type { Store } from '../../store/Store.js';
import type { Routing } from '../routing/routingCalls.js';
import { mustGetInteraction, ownedInteraction } from '../interactions/interactionLookup.js';

/** Pushes of the chat feature; app.ts implements them with socket.io rooms. */
export interface ChatNotifier {
  /** Sends to the customer's sockets and the agent's; returns true if the other side had a socket. */
  message(interaction: Interaction, message: ChatMessage): Promise<boolean>;
  typing(interaction: Interaction, from: MessageSender, typing: boolean): void;
  receipt(interaction: Interaction, toSender: MessageSender, messageIds: string[], delivery: DeliveryState): void;
  customerState(interactionId: string, state: CustomerChatState): void;
  interactionChanged(interaction: Interaction): void;
}

export interface ChatDeps {
  store: Store;
  clock: Clock;
  routing: Routing;
  notifier: ChatNotifier;
  defaultQueueId: string;
  /** Told of an interaction whose wrap-up is done (the SMS survey); awaited before the agent's ack, and must not throw. */
  afterClose?: (interaction: Interaction) => Promise<unknown>;
}

const LIVE: Interaction['state'][] = ['queued', 'offered', 'assigned'];

/** sha-256 of a customer token: the database never holds a usable token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Web chat use cases, for both sides of the conversation. Every write is
 * committed before the caller acks, and ownership is checked on every agent act.
 */
export class ChatService {
  constructor(private readonly deps: ChatDeps) {}

  async start(contact: CustomerContact, queueId: string | undefined): Promise<{ interactionId: string; customerToken: string }> {
    const queue = await this.deps.store.queues.get(queueId ?? this.deps.defaultQueueId);
    if (!queue || queue.channel !== 'chat') throw new AppError('NOT_FOUND', 'unknown chat queue');
    const customerToken = randomBytes(32).toString('base64url');
    const interaction = await this.deps.store.interactions.create(
      {
        channel: 'chat',
        queueId: queue.id,
        customer: { name: contact.name, ...(contact.phone ? { phone: contact.phone } : {}), ...(contact.email ? { email: contact.email } : {}) },
        customerTokenHash: hashToken(customerToken),
      },
      this.now(),
    );
    await this.deps.routing.call('enqueue', { interactionId: interaction.id, created: interaction });
    return { interactionId: interaction.id, customerToken };
  }

  /** Resolves a widget's bearer to its interaction; UNAUTHENTICATED for unknown tokens. */
  async authenticateCustomer(token: string): Promise<Interaction> {
    const interaction = await this.deps.store.interactions.findByCustomerTokenHash(hashToken(token));
    if (!interaction) throw new AppError('UNAUTHENTICATED', 'unknown chat session');
    return interaction;
  }

  async customerState(interactionId: string): Promise<CustomerChatState> {
    const i = await this.mustGet(interactionId);
    const agentName = i.agentId ? (await this.deps.store.users.findById(i.agentId))?.displayName : undefined;
    return { state: i.state, ...(agentName && i.state !== 'queued' && i.state !== 'offered' ? { agentName } : {}) };
  }

  async history(interactionId: string, reader: MessageSender): Promise<ChatMessage[]> {
    const i = await this.mustGet(interactionId);
    // Opening the conversation delivers what the other side sent meanwhile.
    await this.markDelivered(i, reader === 'agent' ? 'customer' : 'agent');
    return this.deps.store.messages.list(interactionId);
  }

  async customerSend(interactionId: string, clientMessageId: string, text: string): Promise<ChatMessage> {
    const i = await this.mustGet(interactionId);
    if (!LIVE.includes(i.state)) throw new AppError('INVALID_STATE', 'the chat has ended');
    return this.post(i, 'customer', i.customer.name, clientMessageId, text);
  }

  async agentSend(agent: { id: string; displayName: string }, interactionId: string, clientMessageId: string, text: string): Promise<ChatMessage> {
    const i = await this.owned(agent.id, interactionId);
    if (i.state !== 'assigned') throw new AppError('INVALID_STATE', 'the chat is not active');
    return this.post(i, 'agent', agent.displayName, clientMessageId, text);
  }

  async typing(interactionId: string, from: MessageSender, typing: boolean, agentId?: string): Promise<null> {
    const i = agentId ? await this.owned(agentId, interactionId) : await this.mustGet(interactionId);
    if (LIVE.includes(i.state)) this.deps.notifier.typing(i, from, typing);
    return null;
  }

  /** The reader saw everything up to `upToMessageId`: the other side's messages become read. */
  async read(interactionId: string, reader: MessageSender, upToMessageId: string, agentId?: string): Promise<null> {
    const i = agentId ? await this.owned(agentId, interactionId) : await this.mustGet(interactionId);
    const sender: MessageSender = reader === 'agent' ? 'customer' : 'agent';
    const changed = await this.deps.store.messages.markDelivery(i.id, sender, 'read', upToMessageId);
    if (changed.length > 0) this.deps.notifier.receipt(i, sender, changed, 'read');
    return null;
  }

  /** The agent ends the conversation; the interaction waits for its wrap-up (routing stores it and starts the timer). */
  async agentEnd(agentId: string, interactionId: string): Promise<Interaction> {
    const ended = await this.deps.routing.call('endInteraction', { agentId, interactionId });
    await this.afterEnd(ended, 'agentEnded');
    return ended;
  }

  async wrapUp(agentId: string, interactionId: string, dispositionCode: string, note: string): Promise<Interaction> {
    const closed = await this.deps.routing.call('wrapUp', { agentId, interactionId, dispositionCode, note });
    this.deps.notifier.interactionChanged(closed);
    await this.deps.afterClose?.(closed);
    return closed;
  }

  /** The customer closes the chat: abandoned if no agent had it yet, else it goes to wrap-up. */
  async customerLeave(interactionId: string): Promise<CustomerChatState> {
    const left = await this.deps.routing.call('customerLeave', { interactionId });
    if (left?.state === 'wrapUp') await this.afterEnd(left, 'customerLeft');
    const state = await this.customerState(interactionId);
    this.deps.notifier.customerState(interactionId, state);
    return state;
  }

  /** Tells the customer, in the conversation, that their agent was lost and they wait for another. */
  async agentLostNotice(interactionId: string): Promise<void> {
    const i = await this.mustGet(interactionId);
    // One notice per return to the queue: the id counts the interaction's earlier returns.
    const returns = (await this.deps.store.interactions.events(i.id)).filter((e) => e.type === 'requeued').length;
    await this.post(i, 'system', 'system', `agentLost-${i.id}-${returns}`, 'agentLost');
  }

  private async afterEnd(ended: Interaction, systemText: 'agentEnded' | 'customerLeft'): Promise<void> {
    await this.post(ended, 'system', 'system', `${systemText}-${ended.id}`, systemText);
    // interactionChanged also pushes the chat's state to the customer.
    this.deps.notifier.interactionChanged(ended);
  }

  private async post(i: Interaction, sender: MessageSender, authorName: string, clientMessageId: string, text: string): Promise<ChatMessage> {
    const { message, created } = await this.deps.store.messages.append({ interactionId: i.id, clientMessageId, sender, authorName, text, sentAt: this.now() });
    if (!created) return message; // a retry: already delivered once
    const reached = await this.deps.notifier.message(i, message);
    if (reached && sender !== 'system') {
      const changed = await this.deps.store.messages.markDelivery(i.id, sender, 'delivered', message.id);
      if (changed.length > 0) {
        this.deps.notifier.receipt(i, sender, changed, 'delivered');
        return { ...message, delivery: 'delivered' };
      }
    }
    return message;
  }

  private async markDelivered(i: Interaction, sender: MessageSender): Promise<void> {
    const changed = await this.deps.store.messages.markDelivery(i.id, sender, 'delivered');
    if (changed.length > 0) this.deps.notifier.receipt(i, sender, changed, 'delivered');
  }

  private owned(agentId: string, interactionId: string): Promise<Interaction> {
    return ownedInteraction(this.deps.store, agentId, interactionId);
  }

  private mustGet(id: string): Promise<Interaction> {
    return mustGetInteraction(this.deps.store, id);
  }

  private now(): string {
    return iso(this.deps.clock.now());
  }
}
