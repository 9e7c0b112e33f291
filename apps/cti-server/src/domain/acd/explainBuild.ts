import { skillScore } from './agentIndex.js';
import { loadPercent } from './capacity.js';
import type { Ctx } from './context.js';
import type { ExplainCandidate, ExplainMode, ExplainReason, OfferExplain } from './explain.js';
import { effectivePriority } from './priority.js';
import type { Ranking } from './select.js';
import type { AgentRt, AgentSlot, InteractionRt, QueueRt } from './state.js';

/** Default length of an explanation's candidate list. */
export const EXPLAIN_CANDIDATES = 5;

function candidate(ctx: Ctx, agent: AgentRt, score: number): ExplainCandidate {
  return { agentId: agent.id, skillScore: score, idleMs: ctx.now - agent.idleSince, loadPercent: loadPercent(agent.units) };
}

/** Why the first of a ranking beat the second, in the order the ready heap compares them. */
function winReason(queue: QueueRt, first: AgentSlot | undefined, second: AgentSlot | undefined): ExplainReason {
  if (!first || !second) return 'onlyCandidate';
  if (first.score !== second.score) return 'higherSkill';
  if (queue.config.selection === 'leastOccupied' && first.agent.units !== second.agent.units) return 'lowerLoad';
  if (first.agent.idleSince !== second.agent.idleSince) return 'longerIdle';
  return 'tieBreakById';
}

const MODE_REASON: Record<Exclude<ExplainMode, 'bestAgent'>, ExplainReason> = {
  sticky: 'stickyLastAgent',
  agentFreed: 'highestPriorityForAgent',
  transfer: 'transferTarget',
};

/**
 * Records why `chosen` gets the offer: the ranked candidates with their
 * score parts, the interaction's priority parts, and a reason code the UI
 * translates. Built before the offer changes the chosen agent's load.
 */
export function buildExplain(ctx: Ctx, queue: QueueRt, ix: InteractionRt, mode: ExplainMode, ranking: Ranking, chosen: AgentRt): OfferExplain {
  const { settings } = ctx.state;
  const candidates = ranking.slots.map((s) => candidate(ctx, s.agent, s.score));
  if (!candidates.some((c) => c.agentId === chosen.id)) {
    candidates.push(candidate(ctx, chosen, chosen.slots.get(queue.config.id)?.score ?? skillScore(chosen.skills, queue.config) ?? 0));
  }
  return {
    queueId: queue.config.id,
    mode,
    selection: queue.config.selection,
    priority: {
      queue: queue.config.priority,
      tierBonus: settings.tierBonus[ix.tier],
      waitedSeconds: (ctx.now - ix.enqueuedAt) / 1000,
      effective: effectivePriority(settings, queue.config.priority, ix.tier, ix.enqueuedAt, ctx.now),
    },
    candidates,
    chosenAgentId: chosen.id,
    reason: mode === 'bestAgent' ? winReason(queue, ranking.slots[0], ranking.slots[1]) : MODE_REASON[mode],
    skippedInCooldown: ranking.skippedInCooldown,
  };
}
