import { agentProfileSchema, codeSchema, type AgentProfile } from '@omnicc/shared';
import { buildSlots, dropSlots, indexSkills, refreshAgent } from '../agentIndex.js';
import { endWrapUps, loseAssignments } from '../assignments.js';
import { CAPACITY_UNITS, channelWeights } from '../capacity.js';
import type { AcdError } from '../commands.js';
import type { Ctx } from '../context.js';
import type { AcdEvent } from '../events.js';
import { setNotReady, withdrawOffers } from '../offers.js';
import { newInteraction, type AgentRt, type InteractionRt } from '../state.js';
import { setStatus } from '../status.js';
import { schedule } from '../timers.js';
import { bad, conflict, invalid, notFound } from './errors.js';

type Ev<T extends AcdEvent['type']> = Extract<AcdEvent, { type: T }>;

/** Validates a profile with the shared schema (levels 1-10, capacities in range). */
export function parseProfile(profile: AgentProfile): AgentProfile | AcdError {
  const parsed = agentProfileSchema.safeParse(profile);
  return parsed.success ? parsed.data : bad(`invalid agent profile: ${parsed.error.issues[0]?.message ?? ''}`);
}

/** A not-ready reason must be a dictionary code (letters, digits, - and _). */
export function parseReason(reasonCode: string | undefined): string | AcdError {
  return codeSchema.safeParse(reasonCode).success ? (reasonCode as string) : bad('notReady needs a reason code');
}

/** Starts a session (connected); restores held assignments when given. Refused when already logged in. */
export function agentLogin(ctx: Ctx, e: Ev<'agentLogin'>): AcdError | undefined {
  const { state, now } = ctx;
  const profile = parseProfile(e.profile);
  if ('code' in profile) return profile;
  if (state.agents.has(profile.userId)) return conflict('agent already logged in');
  const reason = e.status === 'notReady' ? parseReason(e.reasonCode) : undefined;
  if (typeof reason === 'object') return reason;
  const weights = channelWeights(profile.capacity);
  const restored = e.assigned ?? [];
  let units = 0;
  const seen = new Set<string>();
  for (const r of restored) {
    const queue = state.queues.get(r.queueId);
    if (state.interactions.has(r.interactionId) || seen.has(r.interactionId)) return conflict(`interaction ${r.interactionId} is already open`);
    seen.add(r.interactionId);
    if (!queue) return notFound(`queue ${r.queueId}`);
    if (queue.config.channel !== r.channel) return bad(`interaction ${r.interactionId} is not of the queue's channel`);
    units += weights[r.channel];
    if (weights[r.channel] === 0 || units > CAPACITY_UNITS) return invalid('restored assignments exceed the agent capacity');
  }
  const agent: AgentRt = {
    id: profile.userId,
    profile,
    skills: new Map(profile.skills.map((s) => [s.skill, s.level])),
    weights,
    connected: true,
    chosen: e.status,
    reasonCode: reason,
    units,
    offers: [],
    assigned: restored.map((r) => r.interactionId),
    wrapUps: [],
    idleSince: now,
    idle: false,
    missedInRow: 0,
    graceUntil: undefined,
    slots: new Map(),
    status: 'offline',
    statusReason: undefined,
  };
  state.agents.set(agent.id, agent);
  state.statusCounts.offline++;
  indexSkills(state, agent.id, [], agent.skills.keys());
  for (const r of restored) state.interactions.set(r.interactionId, restoredInteraction(ctx, r, agent.id));
  buildSlots(ctx, agent);
  return undefined;
}

function restoredInteraction(ctx: Ctx, r: NonNullable<Ev<'agentLogin'>['assigned']>[number], agentId: string): InteractionRt {
  return newInteraction({
    id: r.interactionId,
    channel: r.channel,
    tier: r.tier,
    customerKey: r.customerKey,
    enqueuedAt: r.enqueuedAt,
    queueId: r.queueId,
    queuedSince: ctx.now,
    state: 'assigned',
    agentId,
  });
}

/** The agent is reachable again: the grace period ends and offers can come. */
export function agentConnected(ctx: Ctx, e: Ev<'agentConnected'>): AcdError | undefined {
  const agent = ctx.state.agents.get(e.agentId);
  if (!agent) return notFound(`agent ${e.agentId}`);
  agent.connected = true;
  agent.graceUntil = undefined;
  refreshAgent(ctx, agent);
  return undefined;
}

/** Offers go at once (not counted as missed); assignments wait for the grace period. */
export function agentDisconnected(ctx: Ctx, e: Ev<'agentDisconnected'>): AcdError | undefined {
  const { state, now } = ctx;
  const agent = state.agents.get(e.agentId);
  if (!agent) return notFound(`agent ${e.agentId}`);
  if (!agent.connected) return undefined;
  agent.connected = false;
  withdrawOffers(ctx, agent);
  if (agent.assigned.length > 0) {
    agent.graceUntil = now + state.settings.disconnectGraceSeconds * 1000;
    schedule(state, agent.graceUntil, 'grace', agent.id);
  }
  refreshAgent(ctx, agent);
  return undefined;
}

/** Ends the session: offers withdrawn, assignments re-queued with a notice, wrap-ups ended, agent removed. */
export function agentLogout(ctx: Ctx, e: Ev<'agentLogout'>): AcdError | undefined {
  const { state } = ctx;
  const agent = state.agents.get(e.agentId);
  if (!agent) return notFound(`agent ${e.agentId}`);
  withdrawOffers(ctx, agent);
  loseAssignments(ctx, agent);
  endWrapUps(ctx, agent, 'logout');
  agent.connected = false;
  dropSlots(state, agent);
  indexSkills(state, agent.id, agent.skills.keys(), []);
  setStatus(ctx, agent, 'offline', undefined);
  state.statusCounts.offline--;
  state.agents.delete(agent.id);
  ctx.touched.delete(agent);
  ctx.dirtyAgents.delete(agent);
  return undefined;
}

/** Ready (the run of misses ends) or not ready with a reason (ringing offers withdrawn). */
export function agentSetStatus(ctx: Ctx, e: Ev<'agentSetStatus'>): AcdError | undefined {
  const agent = ctx.state.agents.get(e.agentId);
  if (!agent) return notFound(`agent ${e.agentId}`);
  if (e.status === 'notReady') {
    const reason = parseReason(e.reasonCode);
    if (typeof reason === 'object') return reason;
    setNotReady(ctx, agent, reason);
    return undefined;
  }
  agent.chosen = 'ready';
  agent.reasonCode = undefined;
  agent.missedInRow = 0;
  refreshAgent(ctx, agent);
  return undefined;
}
