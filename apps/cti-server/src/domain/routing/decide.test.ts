import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { emptyRoutingState, type RoutingEvent, type RoutingPolicy, type RoutingState } from './types.js';

function harness() {
  let n = 0;
  const policy: RoutingPolicy = {
    offerTimeoutMs: 20_000,
    declineCooldownMs: 30_000,
    capacity: { voice: 1, chat: 2, email: 5, sms: 5 },
    newOfferId: () => `offer-${++n}`,
  };
  let state: RoutingState = emptyRoutingState();
  let now = 1_000;
  const step = (event: RoutingEvent) => {
    const d = decide(state, event, now, policy);
    state = d.state;
    return d.commands;
  };
  return {
    step,
    advance: (ms: number) => {
      now += ms;
      return step({ type: 'tick' });
    },
    get state() {
      return state;
    },
  };
}

const chat = (id: string, at: number) =>
  ({ type: 'enqueued', item: { interactionId: id, queueId: 'q', channel: 'chat', enqueuedAt: at } }) as const;

describe('routing core', () => {
  it('keeps an interaction queued until an agent is ready, then offers it', () => {
    const h = harness();
    expect(h.step(chat('i1', 1))).toEqual([]);
    expect(h.state.queue).toHaveLength(1);
    h.step({ type: 'agentConnected', agentId: 'a1', holding: [], chosen: 'notReady' });
    expect(h.state.queue).toHaveLength(1);
    const cmds = h.step({ type: 'agentChose', agentId: 'a1', chosen: 'ready' });
    expect(cmds).toMatchObject([{ type: 'offer', offer: { interactionId: 'i1', agentId: 'a1', expiresAt: 21_000 } }]);
    expect(h.state.queue).toHaveLength(0);
  });

  it('prefers the least loaded agent, then the longest idle', () => {
    const h = harness();
    h.step({ type: 'agentConnected', agentId: 'a1', holding: ['x'], chosen: 'ready' });
    h.advance(10);
    h.step({ type: 'agentConnected', agentId: 'a2', holding: [], chosen: 'ready' });
    h.advance(10);
    h.step({ type: 'agentConnected', agentId: 'a3', holding: [], chosen: 'ready' });
    const cmds = h.step(chat('i1', 1));
    expect(cmds).toMatchObject([{ type: 'offer', offer: { agentId: 'a2' } }]);
  });

  it('never offers beyond capacity, counting pending offers', () => {
    const h = harness();
    h.step({ type: 'agentConnected', agentId: 'a1', holding: [], chosen: 'ready' });
    h.step(chat('i1', 1));
    h.step(chat('i2', 2));
    const third = h.step(chat('i3', 3));
    expect(third).toEqual([]);
    expect(Object.keys(h.state.offers)).toHaveLength(2);
    expect(h.state.queue.map((q) => q.interactionId)).toEqual(['i3']);
  });

  it('returns a rejected interaction to its original place and skips that agent during the cooldown', () => {
    const h = harness();
    h.step(chat('i1', 1));
    h.step(chat('i2', 2));
    h.step({ type: 'agentConnected', agentId: 'a1', holding: [], chosen: 'ready' });
    const offer = Object.values(h.state.offers).find((o) => o.interactionId === 'i1')!;
    const cmds = h.step({ type: 'offerRejected', offerId: offer.offerId });
    expect(cmds).toContainEqual(expect.objectContaining({ type: 'endOffer', reason: 'rejected' }));
    expect(h.state.queue.map((q) => q.interactionId)).toEqual(['i1']);
    expect(h.advance(29_000).filter((c) => c.type === 'offer' && c.offer.interactionId === 'i1')).toEqual([]);
    // i2's offer timed out meanwhile (20 s) and went back too; after the cooldown both come back to a1.
    const later = h.advance(60_000).filter((c) => c.type === 'offer');
    expect(later.map((c) => (c.type === 'offer' ? c.offer.interactionId : ''))).toEqual(['i1', 'i2']);
  });

  it('times out an unanswered offer and re-queues it', () => {
    const h = harness();
    h.step({ type: 'agentConnected', agentId: 'a1', holding: [], chosen: 'ready' });
    h.step(chat('i1', 1));
    expect(h.advance(19_999)).toEqual([]);
    const cmds = h.advance(1);
    expect(cmds).toMatchObject([{ type: 'endOffer', reason: 'timeout' }]);
    expect(h.state.queue).toHaveLength(1);
  });

  it('withdraws offers at once when the agent disconnects or goes not ready, without blaming them', () => {
    const h = harness();
    h.step({ type: 'agentConnected', agentId: 'a1', holding: [], chosen: 'ready' });
    h.step(chat('i1', 1));
    expect(h.step({ type: 'agentDisconnected', agentId: 'a1' })).toMatchObject([{ type: 'endOffer', reason: 'withdrawn' }]);
    expect(h.state.queue[0]?.declinedBy).toEqual([]);
    // reconnecting (a new socket) makes the agent eligible again immediately
    expect(h.step({ type: 'agentConnected', agentId: 'a1', holding: [], chosen: 'ready' })).toMatchObject([{ type: 'offer' }]);
    expect(h.step({ type: 'agentChose', agentId: 'a1', chosen: 'notReady' })).toMatchObject([{ type: 'endOffer', reason: 'withdrawn' }]);
  });

  it('keeps an agent online while another of their connections is open', () => {
    const h = harness();
    h.step({ type: 'agentConnected', agentId: 'a1', holding: [], chosen: 'ready' });
    h.step({ type: 'agentConnected', agentId: 'a1', holding: [], chosen: 'ready' });
    h.step(chat('i1', 1));
    expect(h.step({ type: 'agentDisconnected', agentId: 'a1' })).toEqual([]);
    expect(Object.keys(h.state.offers)).toHaveLength(1);
  });

  it('accepting moves the interaction into the agent holding; releasing frees the slot', () => {
    const h = harness();
    h.step({ type: 'agentConnected', agentId: 'a1', holding: [], chosen: 'ready' });
    h.step(chat('i1', 1));
    const offerId = Object.keys(h.state.offers)[0]!;
    expect(h.step({ type: 'offerAccepted', offerId })).toMatchObject([{ type: 'endOffer', reason: 'accepted' }]);
    expect(h.state.agents.a1?.holding).toEqual(['i1']);
    expect(h.step({ type: 'offerAccepted', offerId })).toEqual([]);
    h.step({ type: 'released', agentId: 'a1', interactionId: 'i1' });
    expect(h.state.agents.a1?.holding).toEqual([]);
  });

  it('drops an abandoned interaction from the queue and ends its offer', () => {
    const h = harness();
    h.step(chat('i1', 1));
    h.step({ type: 'abandoned', interactionId: 'i1' });
    expect(h.state.queue).toEqual([]);
    h.step(chat('i2', 2));
    h.step({ type: 'agentConnected', agentId: 'a1', holding: [], chosen: 'ready' });
    expect(h.step({ type: 'abandoned', interactionId: 'i2' })).toMatchObject([{ type: 'endOffer', reason: 'abandoned' }]);
    expect(h.state.offers).toEqual({});
  });

  it('ignores a duplicate enqueue of the same interaction', () => {
    const h = harness();
    h.step(chat('i1', 1));
    h.step(chat('i1', 1));
    expect(h.state.queue).toHaveLength(1);
  });
});
