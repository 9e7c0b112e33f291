import type { AcdCommand } from './commands.js';
import type { AcdState, AgentRt, InteractionRt } from './state.js';

/** What the core needs from outside besides state, event and time. */
export interface AcdConfig {
  /** Makes offer ids. Injected so the core stays deterministic (tests pass a counter). */
  newId: () => string;
  /** How many candidates an offer's explanation lists (default 5). */
  explainCandidates?: number;
}

/**
 * Scratch for one `decide` call: the commands so far and what changed, so
 * dispatch only looks at agents and interactions that can form new matches.
 */
export interface Ctx {
  state: AcdState;
  now: number;
  config: AcdConfig;
  out: AcdCommand[];
  /** Agents who may have become able to take more work. */
  dirtyAgents: Set<AgentRt>;
  /** Interactions that (re)entered a queue or whose cooldown for someone ended. */
  dirtyItems: Set<InteractionRt>;
  /** New arrivals, the only ones sticky routing applies to. */
  freshItems: Set<InteractionRt>;
  /** Agents whose derived status may have changed. */
  touched: Set<AgentRt>;
  /** True while dispatching: offers only take capacity away, so nothing becomes dirty. */
  dispatching: boolean;
}

/** Fresh scratch for one decide call. */
export function newCtx(state: AcdState, now: number, config: AcdConfig): Ctx {
  return {
    state,
    now,
    config,
    out: [],
    dirtyAgents: new Set(),
    dirtyItems: new Set(),
    freshItems: new Set(),
    touched: new Set(),
    dispatching: false,
  };
}
