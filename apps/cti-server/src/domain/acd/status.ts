import type { AgentStatus } from '@omnicc/shared';
import { hasAnyCapacity } from './capacity.js';
import type { Ctx } from './context.js';
import type { AgentRt } from './state.js';

/**
 * The status an agent shows, derived from what is stored (never stored
 * twice): offline when not connected; wrap-up while any wrap-up runs;
 * not ready when they chose it; busy when no channel fits any more; else ready.
 */
export function derivedStatus(agent: AgentRt): { status: AgentStatus; reasonCode: string | undefined } {
  if (!agent.connected) return { status: 'offline', reasonCode: undefined };
  if (agent.wrapUps.length > 0) return { status: 'wrapUp', reasonCode: undefined };
  if (agent.chosen === 'notReady') return { status: 'notReady', reasonCode: agent.reasonCode };
  if (!hasAnyCapacity(agent)) return { status: 'busy', reasonCode: undefined };
  return { status: 'ready', reasonCode: undefined };
}

/** Moves the agent to `status` and emits agentStateChanged (for the status log and reports). */
export function setStatus(ctx: Ctx, agent: AgentRt, status: AgentStatus, reasonCode: string | undefined): void {
  if (agent.status === status && agent.statusReason === reasonCode) return;
  ctx.state.statusCounts[agent.status]--;
  ctx.state.statusCounts[status]++;
  agent.status = status;
  agent.statusReason = reasonCode;
  ctx.out.push({ type: 'agentStateChanged', agentId: agent.id, status, ...(reasonCode === undefined ? {} : { reasonCode }), at: ctx.now });
}

/** Emits one agentStateChanged per agent whose derived status differs from the last one emitted. */
export function emitStatusChanges(ctx: Ctx): void {
  for (const agent of ctx.touched) {
    const { status, reasonCode } = derivedStatus(agent);
    setStatus(ctx, agent, status, reasonCode);
  }
}
