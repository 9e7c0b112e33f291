import { create } from 'zustand';

interface KnowledgePanelState {
  /** The interaction the panel was opened from (its draft takes insertions), or null when closed. */
  openFor: string | null;
  /** What the agent last searched, kept while the desk runs: reopening shows the same results. */
  lastQuery: string;
  open: (interactionId: string) => void;
  close: () => void;
  setLastQuery: (q: string) => void;
}

/** Whether the knowledge panel (知识库, Alt+L) is open, and for which conversation. */
export const useKnowledgePanel = create<KnowledgePanelState>()((set) => ({
  openFor: null,
  lastQuery: '',
  open: (openFor) => set({ openFor }),
  close: () => set({ openFor: null }),
  setLastQuery: (lastQuery) => set({ lastQuery }),
}));

/** Test ids of the knowledge panel (kept here, beside the panel). */
export const KNOWLEDGE_TEST_IDS = {
  open: 'knowledge-open',
  dialog: 'knowledge-dialog',
  search: 'knowledge-search',
  result: 'knowledge-result',
  article: 'knowledge-article',
  insertPassage: 'knowledge-insert-passage',
  insertLink: 'knowledge-insert-link',
  helpful: 'knowledge-helpful',
  notHelpful: 'knowledge-not-helpful',
  back: 'knowledge-back',
} as const;
