import type { Channel } from '@omnicc/shared';
import type { AcdCommand } from './commands.js';
import type { AcdState, AgentRt, InteractionRt } from './state.js';

/**
 * Independent re-statements of the routing rules, for tests: they use only
 * profiles, queue configs and the open records, never the core's indexes,
 * so a broken index or heap shows up as a disagreement.
 */

/** sum(count_c / cap_c) over what the agent holds or is offered, as a float; voice counts 1. */
export function loadFraction(state: AcdState, agent: AgentRt, extra?: Channel): number {
  const channels: Channel[] = [];
  for (const id of agent.assigned) {
    const ix = state.interactions.get(id);
    if (ix) channels.push(ix.channel);
  }
  for (const id of agent.offers) {
    const offer = state.offers.get(id);
    if (offer) channels.push(offer.channel);
  }
  if (extra) channels.push(extra);
  let load = 0;
  for (const c of channels) {
    const cap = agent.profile.capacity[c];
    if (cap === 0) return Infinity;
    load += 1 / cap;
  }
  const voices = channels.filter((c) => c === 'voice').length;
  if (voices > 0 && channels.length > 1) return Infinity;
  return load;
}

/** Whether one more of `channel` fits, by fractions of the profile's capacities. */
export function hasRoomFor(state: AcdState, agent: AgentRt, channel: Channel): boolean {
  return loadFraction(state, agent, channel) <= 1 + 1e-9;
}

/** Whether the profile meets every required skill of the queue. */
export function skilledFor(state: AcdState, agent: AgentRt, queueId: string): boolean {
  const queue = state.queues.get(queueId);
  if (!queue) return false;
  return queue.config.requiredSkills.every((r) => agent.profile.skills.some((s) => s.skill === r.skill && s.level >= r.minLevel));
}

function cooling(ix: InteractionRt, agentId: string, now: number): boolean {
  return ix.declined.some((d) => d.agentId === agentId && d.until > now);
}

/** Whether the agent could be offered `ix` now, by the rules alone. */
export function couldTake(state: AcdState, agent: AgentRt, ix: InteractionRt, now: number): boolean {
  return (
    agent.connected &&
    agent.chosen === 'ready' &&
    agent.wrapUps.length === 0 &&
    skilledFor(state, agent, ix.queueId) &&
    hasRoomFor(state, agent, ix.channel) &&
    !cooling(ix, agent.id, now)
  );
}

/** queue priority + tier bonus + aging per second waited, written out again. */
export function effective(state: AcdState, ix: InteractionRt, now: number): number {
  const priority = state.queues.get(ix.queueId)?.config.priority ?? 0;
  const waitedSeconds = (now - ix.enqueuedAt) / 1000;
  return priority + state.settings.tierBonus[ix.tier] + state.settings.agingPerSecond * waitedSeconds;
}

/** Waiting interactions some ready agent could take: routing left them stuck. */
export function stuckPairs(state: AcdState, now: number): string[] {
  const stuck: string[] = [];
  for (const ix of state.interactions.values()) {
    if (ix.state !== 'queued') continue;
    for (const agent of state.agents.values()) if (couldTake(state, agent, ix, now)) stuck.push(`${ix.id} could go to ${agent.id}`);
  }
  return stuck;
}

/**
 * For every routed offer in `commands` (not transfers, which name their
 * agent): no interaction still waiting, of the same channel, in a queue the
 * agent is skilled for and not in cooldown for them, has a higher effective
 * priority than the one offered. Checked on the state after the step, when
 * everything still waiting was already waiting at the offer.
 */
export function priorityViolations(state: AcdState, commands: readonly AcdCommand[], now: number): string[] {
  const problems: string[] = [];
  for (const c of commands) {
    if (c.type !== 'offer' || c.explain.mode === 'transfer') continue;
    const agent = state.agents.get(c.agentId);
    const offered = state.interactions.get(c.interactionId);
    if (!agent || !offered) continue;
    const mine = effective(state, offered, now);
    for (const ix of state.interactions.values()) {
      if (ix.state !== 'queued' || ix.channel !== c.channel || !skilledFor(state, agent, ix.queueId) || cooling(ix, agent.id, now)) continue;
      const theirs = effective(state, ix, now);
      if (theirs > mine + 1e-6) problems.push(`${c.interactionId} (${mine}) offered to ${agent.id} while ${ix.id} (${theirs}) waits`);
    }
  }
  return problems;
}
