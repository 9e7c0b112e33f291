import { CHANNELS, agentProfileSchema, queueConfigSchema, routingSettingsSchema, type Channel, type QueueConfig, type Tier } from '../../packages/shared/src/index.js';
import { createAcdState, decide, type AcdConfig, type AcdEvent, type AcdState } from '../../apps/cti-server/src/domain/acd/index.js';

/** Small seeded PRNG (mulberry32) so every run builds the same world. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SKILLS = 20;
export const QUEUES = 60;
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pickOne = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

/** Tiers weighted like a real customer base: few VIPs, many ordinary. */
const TIER_WEIGHTS: readonly [Tier, number][] = [
  ['vipPlatinum', 2],
  ['vipGold', 4],
  ['vipSilver', 6],
  ['loyal', 18],
  ['potential', 20],
  ['ordinary', 50],
];
export function randomTier(r: () => number): Tier {
  let x = r() * 100;
  for (const [tier, w] of TIER_WEIGHTS) if ((x -= w) < 0) return tier;
  return 'ordinary';
}

export interface World {
  state: AcdState;
  config: AcdConfig;
  queues: QueueConfig[];
  now: number;
  nextId: number;
}

function queues(r: () => number): QueueConfig[] {
  const channels: Channel[] = ['chat', 'chat', 'chat', 'voice', 'voice', 'email', 'email', 'sms'];
  return Array.from({ length: QUEUES }, (_, i) => {
    const needed = int(r, 1, 3);
    const skills = new Set<number>();
    while (skills.size < needed) skills.add(int(r, 0, SKILLS - 1));
    return queueConfigSchema.parse({
      id: `q${i}`,
      channel: channels[i % channels.length] ?? CHANNELS[0],
      nameEn: `Queue ${i}`,
      nameZh: `队列${i}`,
      requiredSkills: [...skills].map((s) => ({ skill: `s${s}`, minLevel: int(r, 1, 4) })),
      priority: int(r, 20, 80),
      offerTimeoutSeconds: 30,
      maxWaitSeconds: 86_400,
      selection: i % 2 === 0 ? 'longestIdle' : 'leastOccupied',
      wrapUpSeconds: 30,
    });
  });
}

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

/** Runs one event on the world, advancing its clock by 1 ms; returns the decision. */
export function step(world: World, event: AcdEvent) {
  world.now += 1;
  return decide(world.state, event, world.now, world.config);
}

export function enqueueEvent(world: World, r: () => number): AcdEvent {
  const q = pickOne(r, world.queues);
  return { type: 'enqueue', interactionId: `i${world.nextId++}`, queueId: q.id, channel: q.channel, tier: randomTier(r), customerKey: `c${int(r, 0, 1_000_000)}`, enqueuedAt: world.now };
}

/**
 * Builds a contact centre of `agents` ready agents (4-8 of 20 skills, levels
 * 1-10) and 60 queues needing 1-3 skills, then enqueues until `queued`
 * interactions wait (agents accept what they are offered on the way).
 */
export function buildWorld(agents: number, queued: number, seed = 42): World {
  const r = rng(seed);
  let ids = 0;
  const world: World = {
    state: createAcdState(routingSettingsSchema.parse({})),
    config: { newId: () => `o${++ids}` },
    queues: queues(r),
    now: 1_700_000_000_000,
    nextId: 0,
  };
  for (const queue of world.queues) step(world, { type: 'queueConfigChanged', queue });
  for (let n = 1; n <= agents; n++) {
    const count = int(r, 4, 8);
    const skills = new Map<string, number>();
    while (skills.size < count) skills.set(`s${int(r, 0, SKILLS - 1)}`, int(r, 1, 10));
    const profile = agentProfileSchema.parse({ userId: uuid(n), skills: [...skills].map(([skill, level]) => ({ skill, level })) });
    step(world, { type: 'agentLogin', profile, status: 'ready' });
  }
  let waiting = 0;
  while (waiting < queued) {
    // Agents accept at once while the world fills, so it starts loaded, not with thousands of offers ringing.
    for (const c of step(world, enqueueEvent(world, r)).commands) {
      if (c.type === 'offer') step(world, { type: 'offerAccepted', offerId: c.offerId, agentId: c.agentId });
    }
    waiting = 0;
    for (const q of world.state.queues.values()) waiting += q.waiting;
  }
  return world;
}
