import type { QueueConfig } from '@omnicc/shared';
import { canFit } from './capacity.js';
import type { Ctx } from './context.js';
import { heapPush, heapRemove, heapUpdate, type Before } from './heap.js';
import type { AcdState, AgentRt, AgentSlot, QueueRt } from './state.js';

/** Best on skills first, then the longest idle, then by id (a total, deterministic order). */
const longestIdleBefore: Before<AgentSlot> = (a, b) =>
  a.score > b.score ||
  (a.score === b.score && (a.agent.idleSince < b.agent.idleSince || (a.agent.idleSince === b.agent.idleSince && a.agent.id < b.agent.id)));

/** Best on skills first, then the lowest load, then the longest idle, then by id. */
const leastOccupiedBefore: Before<AgentSlot> = (a, b) =>
  a.score > b.score ||
  (a.score === b.score &&
    (a.agent.units < b.agent.units || (a.agent.units === b.agent.units && longestIdleBefore(a, b))));

/** The ready-heap order of a queue, by its selection mode. */
export function slotBefore(queue: QueueRt): Before<AgentSlot> {
  return queue.config.selection === 'leastOccupied' ? leastOccupiedBefore : longestIdleBefore;
}

/** The agent's skill score for the queue, or undefined when a required skill is missing or below its minimum level. */
export function skillScore(skills: ReadonlyMap<string, number>, config: QueueConfig): number | undefined {
  let score = 0;
  for (const req of config.requiredSkills) {
    const level = skills.get(req.skill);
    if (level === undefined || level < req.minLevel) return undefined;
    score += level;
  }
  return score;
}

/** Whether the agent can be offered anything at all right now (capacity aside). */
export function isAvailable(agent: AgentRt): boolean {
  return agent.connected && agent.chosen === 'ready' && agent.wrapUps.length === 0;
}

/**
 * Re-derives where the agent stands after any change to them: their idle
 * stamp and their place in the ready heap of every queue they are skilled
 * for. Marks them for dispatch when they can take work.
 */
export function refreshAgent(ctx: Ctx, agent: AgentRt): void {
  const available = isAvailable(agent);
  const idle = available && agent.units === 0;
  if (idle && !agent.idle) agent.idleSince = ctx.now;
  agent.idle = idle;
  for (const slot of agent.slots.values()) placeSlot(ctx.state, slot, available);
  ctx.touched.add(agent);
  if (available && !ctx.dispatching) ctx.dirtyAgents.add(agent);
}

function placeSlot(state: AcdState, slot: AgentSlot, available: boolean): void {
  const queue = state.queues.get(slot.queueId);
  if (!queue) return;
  const before = slotBefore(queue);
  const belongs = available && canFit(slot.agent, queue.config.channel);
  if (belongs) {
    if (slot.pos < 0) heapPush(queue.ready, slot, before);
    else heapUpdate(queue.ready, slot, before);
  } else if (slot.pos >= 0) {
    heapRemove(queue.ready, slot, before);
  }
}

/** Drops all of an agent's slots (logout, or before recomputing them). */
export function dropSlots(state: AcdState, agent: AgentRt): void {
  for (const slot of agent.slots.values()) {
    const queue = state.queues.get(slot.queueId);
    if (queue && slot.pos >= 0) heapRemove(queue.ready, slot, slotBefore(queue));
  }
  agent.slots.clear();
}

/** (Re)creates the agent's slots from their skills against every queue; O(queues). */
export function buildSlots(ctx: Ctx, agent: AgentRt): void {
  dropSlots(ctx.state, agent);
  for (const queue of ctx.state.queues.values()) {
    const score = skillScore(agent.skills, queue.config);
    if (score !== undefined) agent.slots.set(queue.config.id, { agent, queueId: queue.config.id, score, pos: -1 });
  }
  refreshAgent(ctx, agent);
}

/**
 * Re-derives who is skilled for one queue after its config changed. Only
 * agents holding the rarest required skill are looked at (the skill index).
 */
export function rebuildQueueSlots(ctx: Ctx, queue: QueueRt): void {
  const id = queue.config.id;
  for (const agent of ctx.state.agents.values()) {
    const slot = agent.slots.get(id);
    if (slot && slot.pos >= 0) heapRemove(queue.ready, slot, slotBefore(queue));
    agent.slots.delete(id);
  }
  queue.ready = [];
  for (const agentId of candidatesFor(ctx.state, queue.config)) {
    const agent = ctx.state.agents.get(agentId);
    const score = agent && skillScore(agent.skills, queue.config);
    if (!agent || score === undefined) continue;
    agent.slots.set(id, { agent, queueId: id, score, pos: -1 });
    refreshAgent(ctx, agent);
  }
}

function candidatesFor(state: AcdState, config: QueueConfig): Iterable<string> {
  let best: Set<string> | undefined;
  for (const req of config.requiredSkills) {
    const holders = state.skillIndex.get(req.skill);
    if (!holders) return [];
    if (!best || holders.size < best.size) best = holders;
  }
  return best ?? state.agents.keys();
}

/** Keeps the skill index in step with an agent's skills. */
export function indexSkills(state: AcdState, agentId: string, before: Iterable<string>, after: Iterable<string>): void {
  for (const skill of before) {
    const holders = state.skillIndex.get(skill);
    holders?.delete(agentId);
    if (holders?.size === 0) state.skillIndex.delete(skill);
  }
  for (const skill of after) {
    let holders = state.skillIndex.get(skill);
    if (!holders) state.skillIndex.set(skill, (holders = new Set()));
    holders.add(agentId);
  }
}
