import { queueConfigSchema, routingSettingsSchema } from '@omnicc/shared';
import { buildSlots, indexSkills, rebuildQueueSlots } from '../agentIndex.js';
import { CAPACITY_UNITS, channelWeights } from '../capacity.js';
import type { AcdError } from '../commands.js';
import type { Ctx } from '../context.js';
import type { AcdEvent } from '../events.js';
import { ensureMaxWaitTimer, newQueueRt, rekeyQueue } from '../queues.js';
import type { AcdState } from '../state.js';
import { bad, invalid, notFound } from './errors.js';
import { parseProfile } from './agentSession.js';

type Ev<T extends AcdEvent['type']> = Extract<AcdEvent, { type: T }>;

/** New skills or capacity. Refused when the new capacity is below what the agent holds now. */
export function agentProfileChanged(ctx: Ctx, e: Ev<'agentProfileChanged'>): AcdError | undefined {
  const { state } = ctx;
  const profile = parseProfile(e.profile);
  if ('code' in profile) return profile;
  const agent = state.agents.get(profile.userId);
  if (!agent) return notFound(`agent ${profile.userId}`);
  const weights = channelWeights(profile.capacity);
  let units = 0;
  for (const id of agent.offers) {
    const channel = state.offers.get(id)?.channel;
    if (channel) units += weights[channel] || CAPACITY_UNITS + 1;
  }
  for (const id of agent.assigned) {
    const channel = state.interactions.get(id)?.channel;
    if (channel) units += weights[channel] || CAPACITY_UNITS + 1;
  }
  if (units > CAPACITY_UNITS) return invalid('the new capacity is below what the agent holds now');
  indexSkills(state, agent.id, agent.skills.keys(), profile.skills.map((s) => s.skill));
  agent.profile = profile;
  agent.skills = new Map(profile.skills.map((s) => [s.skill, s.level]));
  agent.weights = weights;
  agent.units = units;
  buildSlots(ctx, agent);
  return undefined;
}

/** Creates or updates a queue. A channel change is refused while the queue has open interactions. */
export function queueConfigChanged(ctx: Ctx, e: Ev<'queueConfigChanged'>): AcdError | undefined {
  const { state } = ctx;
  const parsed = queueConfigSchema.safeParse(e.queue);
  if (!parsed.success) return bad(`invalid queue: ${parsed.error.issues[0]?.message ?? ''}`);
  const config = parsed.data;
  if (config.overflowQueueId === config.id) return bad('a queue cannot overflow into itself');
  const target = config.overflowQueueId === undefined ? undefined : state.queues.get(config.overflowQueueId);
  if (target && target.config.channel !== config.channel) return bad('the overflow queue must have the same channel');
  const existing = state.queues.get(config.id);
  if (existing && existing.config.channel !== config.channel) {
    for (const ix of state.interactions.values()) if (ix.queueId === config.id) return invalid('the queue has open interactions; its channel cannot change');
  }
  const queue = existing ?? newQueueRt(config);
  const rekey = existing !== undefined && existing.config.priority !== config.priority;
  queue.config = config;
  state.queues.set(config.id, queue);
  if (rekey) rekeyQueue(state, queue);
  rebuildQueueSlots(ctx, queue);
  for (const lane of Object.values(queue.lanes)) for (const ix of lane) ensureMaxWaitTimer(state, queue, ix);
  state.stickyWindowMs = stickyWindow(state);
  return undefined;
}

function stickyWindow(state: AcdState): number {
  let max = 0;
  for (const q of state.queues.values()) max = Math.max(max, q.config.stickySeconds * 1000);
  return max;
}

/** New tier bonuses, aging, cooldowns. Keys depend on bonus and aging, so every queue is re-keyed. */
export function settingsChanged(ctx: Ctx, e: Ev<'settingsChanged'>): AcdError | undefined {
  const parsed = routingSettingsSchema.safeParse(e.settings);
  if (!parsed.success) return bad(`invalid settings: ${parsed.error.issues[0]?.message ?? ''}`);
  ctx.state.settings = parsed.data;
  for (const queue of ctx.state.queues.values()) rekeyQueue(ctx.state, queue);
  return undefined;
}
