import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FlowDocument } from '@omnicc/flows';

/** How many edits undo can go back. */
export const HISTORY_LIMIT = 100;
/** Edits with the same coalesce key within this time are one undo step (typing, nudging with keys). */
const COALESCE_MS = 1_000;

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export interface DesignerState {
  doc: FlowDocument;
  past: readonly FlowDocument[];
  future: readonly FlowDocument[];
  selection: Selection;
  /** Key and time of the last commit, for coalescing. */
  last: { key: string; at: number } | null;
  /** Records an edit. `coalesce` merges it into the previous undo step when that had the same key and was recent. */
  commit: (next: FlowDocument, options?: { coalesce?: string; select?: Selection }) => void;
  undo: () => void;
  redo: () => void;
  /** A new document from outside (another flow, another version): history starts again. */
  reset: (doc: FlowDocument) => void;
  select: (selection: Selection) => void;
}

const EMPTY: Selection = { nodes: [], edges: [] };

/** Drops selected ids the document no longer has (after undo, delete). */
function prune(selection: Selection, doc: FlowDocument): Selection {
  const nodes = selection.nodes.filter((id) => doc.nodes.some((n) => n.id === id));
  const edges = selection.edges.filter((id) => doc.edges.some((e) => e.id === id));
  return nodes.length === selection.nodes.length && edges.length === selection.edges.length ? selection : { nodes, edges };
}

/**
 * The designer's state: the document with a bounded undo history, and the
 * selection (not in the history). One store per designer instance.
 */
export function createDesignerStore(doc: FlowDocument, now: () => number = Date.now): StoreApi<DesignerState> {
  return createStore<DesignerState>()((set, get) => ({
    doc,
    past: [],
    future: [],
    selection: EMPTY,
    last: null,
    commit: (next, options = {}) => {
      const s = get();
      if (next === s.doc) {
        if (options.select) set({ selection: options.select });
        return;
      }
      const t = now();
      const merge = options.coalesce !== undefined && s.last?.key === options.coalesce && t - s.last.at < COALESCE_MS && s.past.length > 0;
      const past = merge ? s.past : [...s.past, s.doc].slice(-HISTORY_LIMIT);
      set({
        doc: next,
        past,
        future: [],
        last: options.coalesce === undefined ? null : { key: options.coalesce, at: t },
        selection: prune(options.select ?? s.selection, next),
      });
    },
    undo: () => {
      const s = get();
      const previous = s.past.at(-1);
      if (!previous) return;
      set({ doc: previous, past: s.past.slice(0, -1), future: [s.doc, ...s.future], last: null, selection: prune(s.selection, previous) });
    },
    redo: () => {
      const s = get();
      const next = s.future[0];
      if (!next) return;
      set({ doc: next, past: [...s.past, s.doc], future: s.future.slice(1), last: null, selection: prune(s.selection, next) });
    },
    reset: (fresh) => set({ doc: fresh, past: [], future: [], last: null, selection: prune(get().selection, fresh) }),
    select: (selection) => set({ selection }),
  }));
}
