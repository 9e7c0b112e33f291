import { create } from 'zustand';
import type { FlowRunView } from '@omnicc/shared';
import type { AskField } from '@omnicc/flows';

/** One interaction's service flow run on the desk. */
export interface FlowRunEntry {
  /** The run as the server last told it; absent until loaded or pushed. */
  view?: FlowRunView;
  /** True when the server said no flow ran for the interaction (none bound, or not started yet). */
  none: boolean;
  loading: boolean;
  /** Why the last load failed (an error code); the view shown, if any, is the last good one. */
  error?: string;
  /** The fields of each form the run showed, by node id: the path names the answers with them. */
  askFields: Readonly<Record<string, readonly AskField[]>>;
}

/** sessionStorage key of the agent's choice to keep the panel folded; kept for the signed-in session. */
export const FLOW_PANEL_COLLAPSED_KEY = 'omnicc.flowRun.collapsed';

const storage = typeof sessionStorage === 'undefined' ? undefined : sessionStorage;

export interface FlowRunState {
  runs: Record<string, FlowRunEntry>;
  /** The panel is folded to a narrow rail (all conversations alike). */
  collapsed: boolean;
  /** Bumped to ask the panel to take focus (Alt+F). */
  focusTick: number;
  loadStarted: (interactionId: string) => void;
  /**
   * A run from a GET, a POST's reply or a `flow:run` push. One that knows
   * fewer steps than the run shown is stale (pushes and replies may cross)
   * and is ignored; a different run of the interaction replaces an older one.
   */
  received: (view: FlowRunView) => void;
  /** The server has no run for the interaction; a run already shown stays (its push came first). */
  noRun: (interactionId: string) => void;
  loadFailed: (interactionId: string, code: string) => void;
  /** Drops the runs of interactions no longer on the desk. */
  keepOnly: (interactionIds: readonly string[]) => void;
  setCollapsed: (collapsed: boolean) => void;
  focusPanel: () => void;
  reset: () => void;
}

const EMPTY: FlowRunEntry = { none: false, loading: false, askFields: {} };

/** The forms known of a run, with the one `view` shows (if any). */
function withAskFields(known: FlowRunEntry | undefined, view: FlowRunView): FlowRunEntry['askFields'] {
  const kept = known?.view?.runId === view.runId ? known.askFields : {};
  const waiting = view.status === 'waiting' ? view.waiting : undefined;
  if (waiting?.kind !== 'ask' || !Array.isArray(waiting.fields)) return kept;
  return { ...kept, [waiting.nodeId]: waiting.fields as AskField[] };
}

/** Whether `incoming` may replace `known`: the same run with at least as many steps, or a later run. */
export function isNewer(known: FlowRunView | undefined, incoming: FlowRunView): boolean {
  if (!known) return true;
  if (known.runId !== incoming.runId) return Date.parse(incoming.startedAt) >= Date.parse(known.startedAt);
  return incoming.steps.length >= known.steps.length;
}

/** Service flow runs by interaction id, and how the agent keeps the panel. Nothing here is decided locally: it is what the server said. */
export const useFlowRunStore = create<FlowRunState>()((set) => ({
  runs: {},
  collapsed: storage?.getItem(FLOW_PANEL_COLLAPSED_KEY) === '1',
  focusTick: 0,
  loadStarted: (id) => set((s) => ({ runs: { ...s.runs, [id]: { ...(s.runs[id] ?? EMPTY), loading: true } } })),
  received: (view) =>
    set((s) => {
      const known = s.runs[view.interactionId];
      if (known?.view && !isNewer(known.view, view)) return known.loading ? { runs: { ...s.runs, [view.interactionId]: { ...known, loading: false } } } : s;
      return { runs: { ...s.runs, [view.interactionId]: { view, none: false, loading: false, askFields: withAskFields(known, view) } } };
    }),
  noRun: (id) =>
    set((s) => {
      const known = s.runs[id];
      return { runs: { ...s.runs, [id]: known?.view ? { ...known, loading: false } : { none: true, loading: false, askFields: {} } } };
    }),
  loadFailed: (id, code) => set((s) => ({ runs: { ...s.runs, [id]: { ...(s.runs[id] ?? EMPTY), loading: false, error: code } } })),
  keepOnly: (ids) =>
    set((s) => {
      const keep = new Set(ids);
      if (Object.keys(s.runs).every((id) => keep.has(id))) return s;
      return { runs: Object.fromEntries(Object.entries(s.runs).filter(([id]) => keep.has(id))) };
    }),
  setCollapsed: (collapsed) => {
    if (collapsed) storage?.setItem(FLOW_PANEL_COLLAPSED_KEY, '1');
    else storage?.removeItem(FLOW_PANEL_COLLAPSED_KEY);
    set({ collapsed });
  },
  focusPanel: () => set((s) => ({ focusTick: s.focusTick + 1 })),
  reset: () => {
    storage?.removeItem(FLOW_PANEL_COLLAPSED_KEY);
    set({ runs: {}, collapsed: false, focusTick: 0 });
  },
}));
