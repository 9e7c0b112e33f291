import type { AgentStateView, AgentStatus } from '@omnicc/shared';
import { iso } from '../../clock.js';
import type { AcdState } from '../../domain/acd/index.js';

/**
 * The reason the core holds for an agent who has not chosen yet: the core
 * needs a code for every not-ready agent, but the desktop has always shown
 * the start of a session as not ready without a reason, so it is hidden.
 */
export const LOGIN_REASON = 'loggedIn';

/** The reason as desktops and the status log see it. */
export const shownReason = (code: string | undefined): string | undefined => (code === LOGIN_REASON ? undefined : code);

/**
 * The desktop's view of an agent, read from the ACD core (which derives the
 * status) plus the time of the last change, which the core does not keep.
 */
export class AgentStates {
  /** agentId -> when the current status (or not-ready reason) began. */
  private readonly since = new Map<string, number>();

  /** Records a change the core emitted (agentStateChanged). */
  changed(agentId: string, at: number): void {
    this.since.set(agentId, at);
  }

  view(state: AcdState, agentId: string, now: number): AgentStateView {
    const agent = state.agents.get(agentId);
    if (!this.since.has(agentId)) this.since.set(agentId, now);
    const statusSince = iso(this.since.get(agentId) ?? now);
    // Not yet known to the core: offline, and not ready, because taking work is always an explicit choice.
    if (!agent) return { status: 'offline', statusSince, chosen: 'notReady' };
    const status: AgentStatus = agent.status;
    const reasonCode = shownReason(agent.statusReason);
    const chosenReasonCode = shownReason(agent.reasonCode);
    return {
      status,
      ...(status === 'notReady' && reasonCode ? { reasonCode } : {}),
      statusSince,
      chosen: agent.chosen,
      ...(agent.chosen === 'notReady' && chosenReasonCode ? { chosenReasonCode } : {}),
    };
  }
}
