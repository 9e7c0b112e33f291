import { create, type StoreApi, type UseBoundStore } from 'zustand';

/** What a channel's conversation needs for the desk to keep it: its interaction and its messages in time order. */
export interface ThreadConversation<M extends ThreadMessage> {
  interactionId: string;
  messages: M[];
}
export interface ThreadMessage {
  id: string;
  at: string;
}

/** One interaction's conversation on the desk (an email thread, an SMS exchange). */
export interface Thread<C> {
  conversation?: C;
  loading: boolean;
  /** Why the last load failed; the conversation shown (if any) is the last good one. */
  error?: string;
}

export interface ThreadState<C extends ThreadConversation<M>, M extends ThreadMessage> {
  threads: Record<string, Thread<C>>;
  loadStarted: (interactionId: string) => void;
  /** A loaded conversation; messages pushed while it was loading stay until a later load brings them too. */
  loaded: (conversation: C) => void;
  loadFailed: (interactionId: string, code: string) => void;
  /** A message pushed or just posted: added in time order, or replacing the known one (see `mergeKnown`). */
  mergeMessage: (interactionId: string, message: M) => void;
  /** Changes one known message (a delivery update); nothing when it is not there. */
  updateMessage: (interactionId: string, messageId: string, change: (message: M) => M) => void;
  /** Drops the threads of interactions no longer on the desk. */
  keepOnly: (interactionIds: readonly string[]) => void;
  reset: () => void;
}

const byTime = (a: ThreadMessage, b: ThreadMessage): number => Date.parse(a.at) - Date.parse(b.at);

/**
 * A zustand store of conversations by interaction id, for channels whose
 * history is read over REST and then kept current by pushes. `mergeKnown`
 * decides what a pushed copy of a known message keeps of the loaded one.
 */
export function createThreadStore<C extends ThreadConversation<M>, M extends ThreadMessage>(
  mergeKnown: (known: M, incoming: M) => M = (_known, incoming) => incoming,
): UseBoundStore<StoreApi<ThreadState<C, M>>> {
  return create<ThreadState<C, M>>()((set) => {
    const withMessages = (s: ThreadState<C, M>, id: string, change: (messages: M[]) => M[] | undefined): Partial<ThreadState<C, M>> => {
      const thread = s.threads[id];
      const conversation = thread?.conversation;
      const messages = conversation && change(conversation.messages);
      if (!thread || !conversation || !messages) return s;
      return { threads: { ...s.threads, [id]: { ...thread, conversation: { ...conversation, messages } } } };
    };
    return {
      threads: {},
      loadStarted: (id) => set((s) => ({ threads: { ...s.threads, [id]: { ...s.threads[id], loading: true } } })),
      loaded: (conversation) =>
        set((s) => {
          const loadedIds = new Set(conversation.messages.map((m) => m.id));
          const pushedMeanwhile = s.threads[conversation.interactionId]?.conversation?.messages.filter((m) => !loadedIds.has(m.id)) ?? [];
          const messages = pushedMeanwhile.length > 0 ? [...conversation.messages, ...pushedMeanwhile].sort(byTime) : conversation.messages;
          return { threads: { ...s.threads, [conversation.interactionId]: { conversation: { ...conversation, messages }, loading: false } } };
        }),
      loadFailed: (id, code) => set((s) => ({ threads: { ...s.threads, [id]: { ...s.threads[id], loading: false, error: code } } })),
      mergeMessage: (id, message) =>
        set((s) =>
          withMessages(s, id, (messages) => {
            const known = messages.find((m) => m.id === message.id);
            return known ? messages.map((m) => (m === known ? mergeKnown(known, message) : m)) : [...messages, message].sort(byTime);
          }),
        ),
      updateMessage: (id, messageId, change) =>
        set((s) => withMessages(s, id, (messages) => (messages.some((m) => m.id === messageId) ? messages.map((m) => (m.id === messageId ? change(m) : m)) : undefined))),
      keepOnly: (ids) =>
        set((s) => {
          const keep = new Set(ids);
          if (Object.keys(s.threads).every((id) => keep.has(id))) return s;
          return { threads: Object.fromEntries(Object.entries(s.threads).filter(([id]) => keep.has(id))) };
        }),
      reset: () => set({ threads: {} }),
    };
  });
}
