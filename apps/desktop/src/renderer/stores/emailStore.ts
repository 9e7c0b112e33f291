import { create } from 'zustand';
import type { EmailConversation, EmailMessageView } from '@omnicc/shared';
import { createThreadStore } from './threadStore.js';

/** Email threads on the desk; a pushed mail keeps the signed body address of the loaded one (pushes carry none). */
export const useEmailStore = createThreadStore<EmailConversation, EmailMessageView>((known, incoming) =>
  known.bodyUrl && !incoming.bodyUrl ? { ...incoming, bodyUrl: known.bodyUrl } : incoming,
);

/** Mails whose remote images the agent allowed (by message id); kept while the desk is open. */
export const useEmailImagesStore = create<{ allowed: Record<string, true>; allow: (messageId: string) => void; reset: () => void }>()((set) => ({
  allowed: {},
  allow: (messageId) => set((s) => ({ allowed: { ...s.allowed, [messageId]: true } })),
  reset: () => set({ allowed: {} }),
}));
