import { agentProfileSchema, queueConfigSchema, routingSettingsSchema, type AgentProfile, type Channel, type ChannelCapacity, type QueueConfig, type RoutingSettings, type Tier } from '@omnicc/shared';
import type { AcdCommand } from './commands.js';
import { cloneState, createAcdState } from './create.js';
import { decide, type AcdDecision } from './decide.js';
import type { AcdEvent } from './events.js';
import { checkInvariants } from './invariants.js';
import type { AcdState } from './state.js';

/** Agent ids must be UUIDs (AgentProfile.userId); A(7) is agent number 7. */
export const A = (n: number): string => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export function queueConfig(id: string, over: Partial<QueueConfig> = {}): QueueConfig {
  return queueConfigSchema.parse({ id, channel: 'chat', nameEn: id, nameZh: id, ...over });
}

export function profile(n: number, skills: Record<string, number> = {}, capacity: Partial<ChannelCapacity> = {}): AgentProfile {
  return agentProfileSchema.parse({
    userId: A(n),
    skills: Object.entries(skills).map(([skill, level]) => ({ skill, level })),
    capacity: { voice: 1, chat: 3, email: 5, sms: 5, ...capacity },
  });
}

export interface EnqueueOptions {
  queueId?: string;
  channel?: Channel;
  tier?: Tier;
  customerKey?: string;
  enqueuedAt?: number;
}

/**
 * A simulated clock around `decide`: every step checks the invariants (the
 * watchdog) and, with `pure: true`, that a refused event left the state
 * exactly as it was.
 */
export function harness(settings: Partial<RoutingSettings> = {}, start = 1_000_000) {
  let ids = 0;
  const config = { newId: () => `o${++ids}` };
  let state: AcdState = createAcdState(routingSettingsSchema.parse(settings));
  let now = start;
  const h = {
    get state() {
      return state;
    },
    get now() {
      return now;
    },
    step(event: AcdEvent): AcdDecision {
      const before = cloneState(state);
      const d = decide(state, event, now, config);
      state = d.state;
      if (d.error) expectSame(before, state, event);
      const problems = checkInvariants(state);
      if (problems.length > 0) throw new Error(`invariants broken after ${event.type}: ${problems.join('; ')}`);
      return d;
    },
    /** The commands of one step; throws on a refused event. */
    run(event: AcdEvent): AcdCommand[] {
      const d = h.step(event);
      if (d.error) throw new Error(`${event.type} refused: ${d.error.code} ${d.error.message}`);
      return d.commands;
    },
    advance(ms: number): AcdCommand[] {
      now += ms;
      return h.run({ type: 'tick' });
    },
    /** Moves the clock without an event (the next event sees the new time). */
    setNow(ms: number): void {
      now = ms;
    },
    queue(id: string, over: Partial<QueueConfig> = {}): AcdCommand[] {
      return h.run({ type: 'queueConfigChanged', queue: queueConfig(id, over) });
    },
    login(n: number, skills: Record<string, number> = {}, capacity: Partial<ChannelCapacity> = {}, status: 'ready' | 'notReady' = 'ready'): AcdCommand[] {
      const p = profile(n, skills, capacity);
      return h.run(status === 'ready' ? { type: 'agentLogin', profile: p, status } : { type: 'agentLogin', profile: p, status, reasonCode: 'login' });
    },
    enqueue(id: string, o: EnqueueOptions = {}): AcdCommand[] {
      const queueId = o.queueId ?? 'q';
      const channel = o.channel ?? state.queues.get(queueId)?.config.channel ?? 'chat';
      const event: AcdEvent = { type: 'enqueue', interactionId: id, queueId, channel, tier: o.tier ?? 'ordinary', enqueuedAt: o.enqueuedAt ?? now };
      return h.run(o.customerKey === undefined ? event : { ...event, customerKey: o.customerKey });
    },
    /** Accepts the offer ringing for `interactionId`. */
    accept(interactionId: string): AcdCommand[] {
      const ix = state.interactions.get(interactionId);
      if (ix?.offerId === undefined || ix.agentId === undefined || ix.state !== 'offered') throw new Error(`${interactionId} is not offered`);
      return h.run({ type: 'offerAccepted', offerId: ix.offerId, agentId: ix.agentId });
    },
    reject(interactionId: string): AcdCommand[] {
      const ix = state.interactions.get(interactionId);
      if (ix?.offerId === undefined || ix.agentId === undefined || ix.state !== 'offered') throw new Error(`${interactionId} is not offered`);
      return h.run({ type: 'offerRejected', offerId: ix.offerId, agentId: ix.agentId });
    },
  };
  return h;
}

export type Harness = ReturnType<typeof harness>;

/** Offers in a command list, as [interactionId, agentId] pairs. */
export const offers = (commands: readonly AcdCommand[]): [string, string][] =>
  commands.flatMap((c) => (c.type === 'offer' ? [[c.interactionId, c.agentId] as [string, string]] : []));

export const ofType = <T extends AcdCommand['type']>(commands: readonly AcdCommand[], type: T): Extract<AcdCommand, { type: T }>[] =>
  commands.filter((c): c is Extract<AcdCommand, { type: T }> => c.type === type);

function expectSame(before: AcdState, after: AcdState, event: AcdEvent): void {
  const a = JSON.stringify(serialise(before));
  const b = JSON.stringify(serialise(after));
  if (a !== b) throw new Error(`refused ${event.type} changed the state`);
}

/** A comparable form of the state (Maps and Sets as arrays; agent back-references cut). */
export function serialise(state: AcdState): unknown {
  return JSON.parse(
    JSON.stringify(state, (key, value: unknown) => {
      if (key === 'agent' && typeof value === 'object' && value !== null && 'id' in value) return (value as { id: string }).id;
      if (value instanceof Map) return [...(value as Map<unknown, unknown>).entries()];
      if (value instanceof Set) return [...(value as Set<unknown>).values()];
      return value;
    }),
  ) as unknown;
}
