import { TIERS } from '@omnicc/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AcdCommand } from './commands.js';
import type { AcdEvent } from './events.js';
import { loadFraction, priorityViolations, stuckPairs } from './oracle.js';
import { A, harness, profile, type Harness } from './testkit.js';

/** A small contact centre: two chat queues (one overflowing into the other), voice and email, skills s1-s3. */
function world(cooldown: number, grace: number): Harness {
  const h = harness({ declineCooldownSeconds: cooldown, disconnectGraceSeconds: grace, maxMissedOffers: 2 });
  h.queue('c2', { channel: 'chat', requiredSkills: [{ skill: 's2', minLevel: 1 }], priority: 40, selection: 'leastOccupied', maxWaitSeconds: 120, wrapUpSeconds: 0 });
  h.queue('c1', { channel: 'chat', requiredSkills: [{ skill: 's1', minLevel: 2 }], overflowQueueId: 'c2', maxWaitSeconds: 60, offerTimeoutSeconds: 10, wrapUpSeconds: 5, stickySeconds: 300 });
  h.queue('v', { channel: 'voice', priority: 70, maxWaitSeconds: 90, offerTimeoutSeconds: 15, wrapUpSeconds: 10 });
  h.queue('e', { channel: 'email', priority: 20, requiredSkills: [{ skill: 's1', minLevel: 1 }, { skill: 's3', minLevel: 3 }] });
  return h;
}
const QUEUES = ['c1', 'c2', 'v', 'e'] as const;

const level = fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined });
const skills = fc.record({ s1: level, s2: level, s3: level });
const capacity = fc.record({ voice: fc.integer({ min: 0, max: 1 }), chat: fc.integer({ min: 0, max: 3 }), email: fc.integer({ min: 0, max: 5 }), sms: fc.constant(5) });
const agent = fc.integer({ min: 1, max: 6 });
const pick = fc.nat(50);

const op = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('login' as const), a: agent, skills, capacity, ready: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('logout' as const, 'connect' as const, 'disconnect' as const), a: agent }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('ready' as const, 'notReady' as const, 'wrapUpDone' as const), a: agent }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('profile' as const), a: agent, skills, capacity }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('enqueue' as const), q: fc.constantFrom(...QUEUES), tier: fc.constantFrom(...TIERS), customer: fc.integer({ min: 0, max: 4 }), back: fc.nat(200_000) }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constantFrom('accept' as const, 'accept' as const, 'reject' as const, 'end' as const, 'end' as const, 'leave' as const), n: pick }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('transferAgent' as const), n: pick, a: agent }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('transferQueue' as const), n: pick, q: fc.constantFrom(...QUEUES) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('tick' as const), ms: fc.oneof(fc.nat(3_000), fc.nat(40_000)) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('queuePriority' as const), q: fc.constantFrom(...QUEUES), priority: fc.integer({ min: 0, max: 100 }) }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const skillList = (s: { s1?: number | undefined; s2?: number | undefined; s3?: number | undefined }): Record<string, number> =>
  Object.fromEntries(Object.entries(s).filter((e): e is [string, number] => e[1] !== undefined));

const nth = <T>(items: Iterable<T>, n: number): T | undefined => {
  const list = [...items];
  return list.length === 0 ? undefined : list[n % list.length];
};

/** Turns an abstract op into an event against the current state (undefined when it has no target). */
function toEvent(h: Harness, o: Op, next: () => string): AcdEvent | undefined {
  const s = h.state;
  switch (o.k) {
    case 'login':
      return o.ready
        ? { type: 'agentLogin', profile: profile(o.a, skillList(o.skills), o.capacity), status: 'ready' }
        : { type: 'agentLogin', profile: profile(o.a, skillList(o.skills), o.capacity), status: 'notReady', reasonCode: 'login' };
    case 'logout':
      return { type: 'agentLogout', agentId: A(o.a) };
    case 'connect':
      return { type: 'agentConnected', agentId: A(o.a) };
    case 'disconnect':
      return { type: 'agentDisconnected', agentId: A(o.a) };
    case 'ready':
      return { type: 'agentSetStatus', agentId: A(o.a), status: 'ready' };
    case 'notReady':
      return { type: 'agentSetStatus', agentId: A(o.a), status: 'notReady', reasonCode: 'break' };
    case 'wrapUpDone':
      return { type: 'wrapUpDone', agentId: A(o.a) };
    case 'profile':
      return { type: 'agentProfileChanged', profile: profile(o.a, skillList(o.skills), o.capacity) };
    case 'enqueue': {
      const channel = s.queues.get(o.q)?.config.channel ?? 'chat';
      const base = { type: 'enqueue' as const, interactionId: next(), queueId: o.q, channel, tier: o.tier, enqueuedAt: h.now - o.back };
      return o.customer < 4 ? { ...base, customerKey: `k${o.customer}` } : base;
    }
    case 'accept':
    case 'reject': {
      const offer = nth(s.offers.values(), o.n);
      return offer && { type: o.k === 'accept' ? 'offerAccepted' : 'offerRejected', offerId: offer.offerId, agentId: offer.agentId };
    }
    case 'end': {
      const ix = nth([...s.interactions.values()].filter((i) => i.state === 'assigned'), o.n);
      return ix && { type: 'interactionEnded', interactionId: ix.id };
    }
    case 'leave': {
      const ix = nth(s.interactions.values(), o.n);
      return ix && { type: 'customerLeft', interactionId: ix.id };
    }
    case 'transferAgent':
    case 'transferQueue': {
      const ix = nth([...s.interactions.values()].filter((i) => i.state === 'assigned'), o.n);
      if (!ix?.agentId) return undefined;
      return { type: 'transfer', interactionId: ix.id, agentId: ix.agentId, to: o.k === 'transferAgent' ? { agentId: A(o.a) } : { queueId: o.q } };
    }
    case 'tick':
      h.setNow(h.now + o.ms);
      return { type: 'tick' };
    case 'queuePriority': {
      const queue = s.queues.get(o.q);
      return queue && { type: 'queueConfigChanged', queue: { ...queue.config, priority: o.priority } };
    }
  }
}

/** Runs the ops and checks the properties after every step; returns all commands (for determinism). */
function simulate(ops: readonly Op[], cooldown: number, grace: number): AcdCommand[] {
  const h = world(cooldown, grace);
  let ids = 0;
  const enqueued = new Set<string>();
  const finished = new Set<string>();
  const all: AcdCommand[] = [];
  for (const o of ops) {
    const event = toEvent(h, o, () => `i${++ids}`);
    if (!event) continue;
    const d = h.step(event); // the harness throws when checkInvariants finds anything, or a refusal changed the state
    all.push(...d.commands);
    if (event.type === 'enqueue' && !d.error) enqueued.add(event.interactionId);
    for (const c of d.commands) {
      if (c.type !== 'abandoned' && c.type !== 'ended') continue;
      if (finished.has(c.interactionId)) throw new Error(`${c.interactionId} finished twice`);
      finished.add(c.interactionId);
    }
    const open = [...enqueued].filter((id) => !finished.has(id) && !id.startsWith('r'));
    expect([...h.state.interactions.keys()].sort()).toEqual(open.sort());
    for (const a of h.state.agents.values()) expect(loadFraction(h.state, a)).toBeLessThanOrEqual(1 + 1e-9);
    expect(priorityViolations(h.state, d.commands, h.now)).toEqual([]);
    expect(stuckPairs(h.state, h.now)).toEqual([]);
  }
  return all;
}

const settingsArb = fc.record({ cooldown: fc.constantFrom(0, 30), grace: fc.constantFrom(0, 60) });

describe('ACD properties over random event sequences', () => {
  it('loses and duplicates nothing, keeps capacity, priority order and the watchdog, and leaves nothing stuck', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 150, size: 'max' }), settingsArb, (ops, { cooldown, grace }) => {
        simulate(ops, cooldown, grace);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same events give the same commands', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80, size: 'max' }), settingsArb, (ops, { cooldown, grace }) => {
        expect(simulate(ops, cooldown, grace)).toEqual(simulate(ops, cooldown, grace));
      }),
      { numRuns: 50 },
    );
  });
});
