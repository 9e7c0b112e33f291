import { create } from 'zustand';
import type { AgentStatus } from '@omnicc/shared';

/** What the agent picked; the server derives busy, wrap-up and offline from it and the load. */
export type ChosenStatus = 'ready' | 'notReady';

/** An `agent:state` push or a snapshot; `chosen` is absent only from older servers. */
export interface AgentStatusPush {
  status: AgentStatus;
  reasonCode?: string | undefined;
  statusSince: string;
  chosen?: ChosenStatus | undefined;
  chosenReasonCode?: string | undefined;
}

export interface AgentState {
  status: AgentStatus;
  reasonCode: string | undefined;
  statusSince: string;
  /** The agent's own choice, which busy and wrap-up hide in `status`; the server reports it. */
  chosen: ChosenStatus | null;
  /** Reason used by the Alt+S toggle when going not ready. */
  lastReasonCode: string | null;
  /** A status change is on its way: the buttons wait for it. */
  pending: boolean;
  apply: (push: AgentStatusPush) => void;
  choose: (chosen: ChosenStatus, reasonCode?: string) => void;
  setPending: (pending: boolean) => void;
  reset: () => void;
}

const initial = () => ({
  status: 'offline' as AgentStatus,
  reasonCode: undefined,
  statusSince: new Date().toISOString(),
  chosen: null,
  lastReasonCode: null,
  pending: false,
});

/** The agent's availability (示闲 / 示忙 / 话后处理) and since when. */
export const useAgentStore = create<AgentState>()((set) => ({
  ...initial(),
  apply: (push) =>
    set((s) => ({
      status: push.status,
      reasonCode: push.status === 'notReady' ? push.reasonCode : undefined,
      statusSince: push.statusSince,
      // The server says what was chosen; failing that, ready and not ready reveal it.
      chosen: push.chosen ?? (push.status === 'ready' || push.status === 'notReady' ? push.status : s.chosen),
      lastReasonCode: push.chosenReasonCode ?? (push.status === 'notReady' && push.reasonCode ? push.reasonCode : s.lastReasonCode),
    })),
  choose: (chosen, reasonCode) => set((s) => ({ chosen, lastReasonCode: reasonCode ?? s.lastReasonCode })),
  setPending: (pending) => set({ pending }),
  reset: () => set(initial()),
}));
