import { create } from 'zustand';
import type { ChatMessage, DeliveryState, Interaction } from '@omnicc/shared';

/** An agent message the server has not confirmed yet. */
export interface PendingMessage {
  clientMessageId: string;
  interactionId: string;
  text: string;
  createdAt: string;
  state: 'sending' | 'failed';
}

export interface InteractionsState {
  byId: Record<string, Interaction>;
  /** Interaction ids on the agent's desk, in arrival order (Alt+1..9 follow it). */
  order: string[];
  /** Confirmed messages per interaction, by sentAt, each id once. */
  messages: Record<string, ChatMessage[]>;
  pending: Record<string, PendingMessage[]>;
  /** Customer is typing, per interaction. */
  typing: Record<string, boolean>;
  /** Adds or updates; closed and abandoned interactions leave the desk. */
  upsert: (interaction: Interaction) => void;
  remove: (interactionId: string) => void;
  /** Adds a message unless its id is known; returns whether it was new. */
  addMessage: (message: ChatMessage) => boolean;
  mergeMessages: (interactionId: string, messages: readonly ChatMessage[]) => void;
  applyReceipt: (receipt: { interactionId: string; messageIds: readonly string[]; delivery: DeliveryState }) => void;
  setTyping: (interactionId: string, typing: boolean) => void;
  /** The agent has seen the customer's messages up to this one. */
  markReadUpTo: (interactionId: string, messageId: string) => void;
  replaceAll: (interactions: readonly Interaction[], messages: Record<string, ChatMessage[]>) => void;
  addPending: (message: PendingMessage) => void;
  setPendingState: (interactionId: string, clientMessageId: string, state: PendingMessage['state']) => void;
  reset: () => void;
}

const ON_DESK: ReadonlySet<Interaction['state']> = new Set(['assigned', 'wrapUp']);
const RANK: Record<DeliveryState, number> = { sent: 0, delivered: 1, read: 2 };

/** Delivery only moves forward: a late "delivered" never undoes "read". */
export const laterDelivery = (a: DeliveryState, b: DeliveryState): DeliveryState => (RANK[b] > RANK[a] ? b : a);

/** Inserts keeping sentAt order; a known id only upgrades its delivery. */
function mergeInto(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) {
    const known = byId.get(m.id);
    byId.set(m.id, known ? { ...known, delivery: laterDelivery(known.delivery, m.delivery) } : m);
  }
  // Stable sort: equal timestamps keep arrival order.
  return [...byId.values()].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** Interactions on the agent's desk and their chat messages, keyed by interaction id. */
export const useInteractionsStore = create<InteractionsState>()((set, get) => ({
  byId: {},
  order: [],
  messages: {},
  pending: {},
  typing: {},
  upsert: (interaction) => {
    if (!ON_DESK.has(interaction.state)) {
      get().remove(interaction.id);
      return;
    }
    set((s) => ({
      byId: { ...s.byId, [interaction.id]: interaction },
      order: s.order.includes(interaction.id) ? s.order : [...s.order, interaction.id],
    }));
  },
  remove: (interactionId) =>
    set((s) => ({
      byId: withoutKey(s.byId, interactionId),
      order: s.order.filter((id) => id !== interactionId),
      messages: withoutKey(s.messages, interactionId),
      pending: withoutKey(s.pending, interactionId),
      typing: withoutKey(s.typing, interactionId),
    })),
  addMessage: (message) => {
    const known = get().messages[message.interactionId]?.some((m) => m.id === message.id) ?? false;
    set((s) => {
      const pendingList = s.pending[message.interactionId] ?? [];
      // The server's copy replaces the optimistic one (same clientMessageId), whether ack or echo comes first.
      const pending = pendingList.filter((p) => p.clientMessageId !== message.clientMessageId || message.sender !== 'agent');
      return {
        messages: { ...s.messages, [message.interactionId]: mergeInto(s.messages[message.interactionId] ?? [], [message]) },
        pending: pending.length === pendingList.length ? s.pending : { ...s.pending, [message.interactionId]: pending },
      };
    });
    return !known;
  },
  mergeMessages: (interactionId, messages) =>
    set((s) => {
      const ids = new Set(messages.map((m) => m.clientMessageId));
      return {
        messages: { ...s.messages, [interactionId]: mergeInto(s.messages[interactionId] ?? [], messages) },
        pending: { ...s.pending, [interactionId]: (s.pending[interactionId] ?? []).filter((p) => !ids.has(p.clientMessageId)) },
      };
    }),
  applyReceipt: ({ interactionId, messageIds, delivery }) =>
    set((s) => {
      const list = s.messages[interactionId];
      if (!list) return s;
      const ids = new Set(messageIds);
      return {
        messages: { ...s.messages, [interactionId]: list.map((m) => (ids.has(m.id) ? { ...m, delivery: laterDelivery(m.delivery, delivery) } : m)) },
      };
    }),
  setTyping: (interactionId, typing) =>
    set((s) => ((s.typing[interactionId] ?? false) === typing ? s : { typing: { ...s.typing, [interactionId]: typing } })),
  markReadUpTo: (interactionId, messageId) =>
    set((s) => {
      const list = s.messages[interactionId];
      const upTo = list?.findIndex((m) => m.id === messageId) ?? -1;
      if (!list || upTo < 0) return s;
      return {
        messages: {
          ...s.messages,
          [interactionId]: list.map((m, i) => (i <= upTo && m.sender === 'customer' && m.delivery !== 'read' ? { ...m, delivery: 'read' } : m)),
        },
      };
    }),
  replaceAll: (interactions, messages) =>
    set((s) => {
      const onDesk = interactions.filter((i) => ON_DESK.has(i.state));
      const ids = new Set(onDesk.map((i) => i.id));
      const byId: Record<string, Interaction> = {};
      for (const i of onDesk) byId[i.id] = i;
      // Keep the local order of what stays, then append what is new to this tab.
      const order = [...s.order.filter((id) => ids.has(id)), ...onDesk.map((i) => i.id).filter((id) => !s.order.includes(id))];
      const nextMessages: Record<string, ChatMessage[]> = {};
      const pending: Record<string, PendingMessage[]> = {};
      for (const id of order) {
        const list = mergeInto([], messages[id] ?? []);
        nextMessages[id] = list;
        const confirmed = new Set(list.map((m) => m.clientMessageId));
        // Unconfirmed sends survive a reconnect so the agent can retry them.
        const left = (s.pending[id] ?? []).filter((p) => !confirmed.has(p.clientMessageId));
        if (left.length > 0) pending[id] = left;
      }
      return { byId, order, messages: nextMessages, pending, typing: {} };
    }),
  addPending: (message) =>
    set((s) => ({ pending: { ...s.pending, [message.interactionId]: [...(s.pending[message.interactionId] ?? []), message] } })),
  setPendingState: (interactionId, clientMessageId, state) =>
    set((s) => ({
      pending: { ...s.pending, [interactionId]: (s.pending[interactionId] ?? []).map((p) => (p.clientMessageId === clientMessageId ? { ...p, state } : p)) },
    })),
  reset: () => set({ byId: {}, order: [], messages: {}, pending: {}, typing: {} }),
}));

/** Customer messages the agent has not read: the server marks them read on chat:read. */
export const unreadCount = (messages: readonly ChatMessage[] | undefined): number =>
  messages?.reduce((n, m) => (m.sender === 'customer' && m.delivery !== 'read' ? n + 1 : n), 0) ?? 0;

/** The newest customer message, the one a chat:read acknowledges up to. */
export const lastCustomerMessage = (messages: readonly ChatMessage[] | undefined): ChatMessage | undefined =>
  messages?.findLast((m) => m.sender === 'customer');
