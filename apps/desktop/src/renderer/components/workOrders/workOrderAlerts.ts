import { create } from 'zustand';
import type { WorkOrderEscalated } from '@omnicc/shared';

interface WorkOrderAlerts {
  /** The last escalation pushed (its `seq` grows with each, so the same order escalated again still shows). */
  last: (WorkOrderEscalated & { seq: number }) | null;
  escalated: (e: WorkOrderEscalated) => void;
}

let seq = 0;

/** Escalations of the agent's group, from the `workOrder:escalated` push: the workspace says so and reloads its list. */
export const useWorkOrderAlerts = create<WorkOrderAlerts>((set) => ({
  last: null,
  escalated: (e) => set({ last: { ...e, seq: ++seq } }),
}));
