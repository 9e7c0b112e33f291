import { describe, expect, it } from 'vitest';
import { agentsByStatusPerQueue, readModel } from './readModel.js';
import { A, harness, ofType, offers, profile } from './testkit.js';

const states = (cmds: ReturnType<ReturnType<typeof harness>['run']>) =>
  ofType(cmds, 'agentStateChanged').map((c) => (c.reasonCode === undefined ? c.status : `${c.status}:${c.reasonCode}`));

describe('agent states', () => {
  it('emits every status change with its time', () => {
    const h = harness();
    h.queue('q', { channel: 'voice', wrapUpSeconds: 30 });
    expect(ofType(h.login(1, {}, {}, 'notReady'), 'agentStateChanged')).toEqual([{ type: 'agentStateChanged', agentId: A(1), status: 'notReady', reasonCode: 'login', at: h.now }]);
    expect(states(h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' }))).toEqual(['ready']);
    expect(states(h.enqueue('i1'))).toEqual(['busy']);
    expect(states(h.accept('i1'))).toEqual([]);
    expect(states(h.run({ type: 'interactionEnded', interactionId: 'i1' }))).toEqual(['wrapUp']);
    expect(states(h.advance(29_999))).toEqual([]);
    const cmds = h.advance(1);
    expect(states(cmds)).toEqual(['ready']);
    expect(ofType(cmds, 'wrapUpEnded')).toMatchObject([{ interactionId: 'i1', reason: 'timer' }]);
    expect(states(h.run({ type: 'agentSetStatus', agentId: A(1), status: 'notReady', reasonCode: 'lunch' }))).toEqual(['notReady:lunch']);
    expect(states(h.run({ type: 'agentSetStatus', agentId: A(1), status: 'notReady', reasonCode: 'meeting' }))).toEqual(['notReady:meeting']);
    expect(states(h.run({ type: 'agentLogout', agentId: A(1) }))).toEqual(['offline']);
    expect(h.state.agents.size).toBe(0);
  });

  it('makes no offers during wrap-up, and ends it early on wrapUpDone', () => {
    const h = harness();
    h.queue('q', { channel: 'chat', wrapUpSeconds: 60 });
    h.login(1);
    h.enqueue('i1');
    h.accept('i1');
    h.run({ type: 'interactionEnded', interactionId: 'i1', agentId: A(1) });
    expect(offers(h.enqueue('i2'))).toEqual([]);
    expect(h.step({ type: 'wrapUpDone', agentId: A(1), interactionId: 'other' }).error?.code).toBe('INVALID_STATE');
    const cmds = h.run({ type: 'wrapUpDone', agentId: A(1) });
    expect(ofType(cmds, 'wrapUpEnded')).toMatchObject([{ interactionId: 'i1', reason: 'done' }]);
    expect(offers(cmds)).toEqual([['i2', A(1)]]);
    // The old wrap-up timer fires later and is ignored.
    expect(ofType(h.advance(60_000), 'wrapUpEnded')).toEqual([]);
  });

  it('skips wrap-up when the queue has none', () => {
    const h = harness();
    h.queue('q', { channel: 'voice', wrapUpSeconds: 0 });
    h.login(1);
    h.enqueue('i1');
    h.enqueue('i2');
    h.accept('i1');
    expect(offers(h.run({ type: 'interactionEnded', interactionId: 'i1' }))).toEqual([['i2', A(1)]]);
  });

  it('refuses duplicate logins and events for unknown agents or interactions', () => {
    const h = harness();
    h.queue('q');
    h.login(1);
    expect(h.step({ type: 'agentLogin', profile: profile(1), status: 'ready' }).error?.code).toBe('CONFLICT');
    expect(h.step({ type: 'agentConnected', agentId: A(2) }).error?.code).toBe('NOT_FOUND');
    expect(h.step({ type: 'interactionEnded', interactionId: 'x' }).error?.code).toBe('NOT_FOUND');
    expect(h.step({ type: 'customerLeft', interactionId: 'x' }).error?.code).toBe('NOT_FOUND');
    h.enqueue('i1');
    expect(h.step({ type: 'enqueue', interactionId: 'i1', queueId: 'q', channel: 'chat', tier: 'ordinary', enqueuedAt: 0 }).error?.code).toBe('CONFLICT');
    expect(h.step({ type: 'enqueue', interactionId: 'i2', queueId: 'q', channel: 'voice', tier: 'ordinary', enqueuedAt: 0 }).error?.code).toBe('BAD_REQUEST');
    expect(h.step({ type: 'enqueue', interactionId: 'i2', queueId: 'nope', channel: 'chat', tier: 'ordinary', enqueuedAt: 0 }).error?.code).toBe('NOT_FOUND');
    expect(h.step({ type: 'interactionEnded', interactionId: 'i1' }).error?.code).toBe('INVALID_STATE');
    h.accept('i1');
    expect(h.step({ type: 'interactionEnded', interactionId: 'i1', agentId: A(2) }).error?.code).toBe('NOT_OWNER');
  });

  it('restores assignments handed back at login (recovery)', () => {
    const h = harness();
    h.queue('q', { channel: 'chat' });
    const restored = { interactionId: 'r1', queueId: 'q', channel: 'chat' as const, tier: 'ordinary' as const, enqueuedAt: 0 };
    h.run({ type: 'agentLogin', profile: profile(1, {}, { chat: 1 }), status: 'ready', assigned: [restored] });
    expect(h.state.agents.get(A(1))?.status).toBe('busy');
    expect(offers(h.enqueue('i1'))).toEqual([]);
    expect(h.step({ type: 'agentLogin', profile: profile(2, {}, { chat: 1 }), status: 'ready', assigned: [restored] }).error?.code).toBe('CONFLICT');
    const two = [{ ...restored, interactionId: 'r2' }, { ...restored, interactionId: 'r3' }];
    expect(h.step({ type: 'agentLogin', profile: profile(2, {}, { chat: 1 }), status: 'ready', assigned: two }).error?.code).toBe('INVALID_STATE');
    expect(offers(h.run({ type: 'interactionEnded', interactionId: 'r1' }))).toEqual([]);
  });

  it('keeps agents by status in the read model', () => {
    const h = harness();
    h.queue('q', { channel: 'voice' });
    h.login(1);
    h.login(2, {}, {}, 'notReady');
    h.login(3);
    h.enqueue('i1');
    h.run({ type: 'agentDisconnected', agentId: A(3) });
    const model = readModel(h.state);
    expect(model.agentsByStatus).toEqual({ offline: 1, ready: 0, notReady: 1, busy: 1, wrapUp: 0 });
    expect(model.queues).toEqual([{ queueId: 'q', channel: 'voice', waiting: 0, oldestEnqueuedAt: undefined, readyAgents: 0 }]);
    h.enqueue('i2', { enqueuedAt: h.now - 5_000 });
    h.enqueue('i3', { tier: 'vipGold' });
    expect(readModel(h.state).queues[0]).toMatchObject({ waiting: 2, oldestEnqueuedAt: h.now - 5_000 });
    h.queue('skilled', { channel: 'voice', requiredSkills: [{ skill: 'x', minLevel: 1 }] });
    h.login(4, { x: 1 }, {}, 'notReady');
    expect(Object.fromEntries(agentsByStatusPerQueue(h.state))).toEqual({
      q: { offline: 1, ready: 0, notReady: 2, busy: 1, wrapUp: 0 },
      skilled: { offline: 0, ready: 0, notReady: 1, busy: 0, wrapUp: 0 },
    });
  });
});

describe('disconnects', () => {
  function connected() {
    const h = harness({ disconnectGraceSeconds: 60 });
    h.queue('q', { channel: 'chat' });
    h.login(1);
    h.enqueue('held');
    h.accept('held');
    h.enqueue('ringing');
    return h;
  }

  it('withdraws offers at once, without a miss, and keeps assignments during the grace period', () => {
    const h = connected();
    const cmds = h.run({ type: 'agentDisconnected', agentId: A(1) });
    expect(ofType(cmds, 'offerEnded')).toMatchObject([{ interactionId: 'ringing', reason: 'withdrawn' }]);
    expect(states(cmds)).toEqual(['offline']);
    expect(h.state.agents.get(A(1))?.missedInRow).toBe(0);
    expect(h.state.interactions.get('held')?.state).toBe('assigned');
    h.advance(59_999);
    expect(h.state.interactions.get('held')?.state).toBe('assigned');
    // Back in time: nothing is lost, the waiting chat is offered again.
    const back = h.run({ type: 'agentConnected', agentId: A(1) });
    expect(offers(back)).toEqual([['ringing', A(1)]]);
    expect(h.advance(60_000).filter((c) => c.type === 'customerNotice')).toEqual([]);
  });

  it('re-queues assignments with a customer notice when the agent is not back in time', () => {
    const h = connected();
    h.login(2, {}, {}, 'notReady');
    h.run({ type: 'agentDisconnected', agentId: A(1) });
    const cmds = h.advance(60_000);
    expect(ofType(cmds, 'requeued')).toMatchObject([{ interactionId: 'held', reason: 'agentLost' }]);
    expect(ofType(cmds, 'customerNotice')).toEqual([{ type: 'customerNotice', interactionId: 'held', reason: 'agentLost', at: h.now }]);
    expect(h.state.agents.get(A(1))?.assigned).toEqual([]);
    // The lost chat kept its first arrival, so it is ahead of the one that was ringing.
    expect(offers(h.run({ type: 'agentSetStatus', agentId: A(2), status: 'ready' }))).toEqual([['held', A(2)], ['ringing', A(2)]]);
  });

  it('re-queues at once on logout', () => {
    const h = connected();
    const cmds = h.run({ type: 'agentLogout', agentId: A(1) });
    expect(ofType(cmds, 'customerNotice')).toMatchObject([{ interactionId: 'held' }]);
    expect(h.state.queues.get('q')?.waiting).toBe(2);
  });
});
