import { AGENT_STATUSES, routingSettingsSchema, type AgentStatus, type RoutingSettings } from '@omnicc/shared';
import type { AcdState } from './state.js';

/** An empty ACD with the given settings (defaults from the shared schema when omitted). */
export function createAcdState(settings: RoutingSettings = routingSettingsSchema.parse({})): AcdState {
  return {
    settings,
    queues: new Map(),
    agents: new Map(),
    interactions: new Map(),
    offers: new Map(),
    accepted: new Map(),
    sticky: new Map(),
    stickyWindowMs: 0,
    skillIndex: new Map(),
    timers: [],
    timerSeq: 0,
    statusCounts: Object.fromEntries(AGENT_STATUSES.map((s) => [s, 0])) as Record<AgentStatus, number>,
  };
}

/** A deep copy (the state is plain data); for callers that need the state before a `decide`. */
export function cloneState(state: AcdState): AcdState {
  return structuredClone(state);
}
