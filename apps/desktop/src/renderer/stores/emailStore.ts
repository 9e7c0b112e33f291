import { create } from 'zustand';
import type { EmailConversation, EmailMessageView } from '@omnicc/shared';

/** One email interaction's thread on the desk. */
export interface EmailThread {
  conversation?: EmailConversation;
  loading: boolean;
  /** Why the last load failed; the thread shown (if any) is the last good one. */
  error?: string;
}

export interface EmailState {
  threads: Record<string, EmailThread>;
  /** Mails whose remote images the agent allowed (by message id); kept while the desk is open. */
  imagesAllowed: Record<string, true>;
  loadStarted: (interactionId: string) => void;
  loaded: (conversation: EmailConversation) => void;
  loadFailed: (interactionId: string, code: string) => void;
  /** A mail pushed or just posted: added, or replacing the stored one (its `bodyUrl` kept: pushes carry none). */
  mergeMessage: (interactionId: string, message: EmailMessageView) => void;
  allowImages: (messageId: string) => void;
  /** Drops the threads of interactions no longer on the desk. */
  keepOnly: (interactionIds: readonly string[]) => void;
  reset: () => void;
}

const byTime = (a: EmailMessageView, b: EmailMessageView): number => Date.parse(a.at) - Date.parse(b.at);

export const useEmailStore = create<EmailState>()((set) => ({
  threads: {},
  imagesAllowed: {},
  loadStarted: (id) => set((s) => ({ threads: { ...s.threads, [id]: { ...s.threads[id], loading: true } } })),
  loaded: (conversation) =>
    set((s) => {
      // A mail pushed while this was loading stays until a later load brings it too.
      const loadedIds = new Set(conversation.messages.map((m) => m.id));
      const pushedMeanwhile = s.threads[conversation.interactionId]?.conversation?.messages.filter((m) => !loadedIds.has(m.id)) ?? [];
      const messages = pushedMeanwhile.length > 0 ? [...conversation.messages, ...pushedMeanwhile].sort(byTime) : conversation.messages;
      return { threads: { ...s.threads, [conversation.interactionId]: { conversation: { ...conversation, messages }, loading: false } } };
    }),
  loadFailed: (id, code) => set((s) => ({ threads: { ...s.threads, [id]: { ...s.threads[id], loading: false, error: code } } })),
  mergeMessage: (id, message) =>
    set((s) => {
      const thread = s.threads[id];
      const conversation = thread?.conversation;
      if (!thread || !conversation) return s;
      const known = conversation.messages.find((m) => m.id === message.id);
      const merged = known?.bodyUrl && !message.bodyUrl ? { ...message, bodyUrl: known.bodyUrl } : message;
      const messages = known ? conversation.messages.map((m) => (m.id === message.id ? merged : m)) : [...conversation.messages, merged].sort(byTime);
      return { threads: { ...s.threads, [id]: { ...thread, conversation: { ...conversation, messages } } } };
    }),
  allowImages: (messageId) => set((s) => ({ imagesAllowed: { ...s.imagesAllowed, [messageId]: true } })),
  keepOnly: (ids) =>
    set((s) => {
      const keep = new Set(ids);
      if (Object.keys(s.threads).every((id) => keep.has(id))) return s;
      return { threads: Object.fromEntries(Object.entries(s.threads).filter(([id]) => keep.has(id))) };
    }),
  reset: () => set({ threads: {}, imagesAllowed: {} }),
}));
