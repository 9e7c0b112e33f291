import { describe, expect, it } from 'vitest';
import { A, harness, ofType, offers } from './testkit.js';

function assigned() {
  const h = harness();
  h.queue('q', { channel: 'chat', wrapUpSeconds: 10 });
  h.queue('billing', { channel: 'chat', requiredSkills: [{ skill: 'billing', minLevel: 1 }] });
  h.queue('voice', { channel: 'voice' });
  h.login(1);
  h.enqueue('i1', { enqueuedAt: h.now - 7_000 });
  h.accept('i1');
  h.login(2, {}, {}, 'notReady');
  return h;
}

describe('transfer', () => {
  it('offers to the named agent only and keeps the history', () => {
    const h = assigned();
    expect(h.step({ type: 'transfer', interactionId: 'i1', agentId: A(1), to: { agentId: A(2) } }).error?.code).toBe('INVALID_STATE');
    h.run({ type: 'agentSetStatus', agentId: A(2), status: 'ready' });
    const cmds = h.run({ type: 'transfer', interactionId: 'i1', agentId: A(1), to: { agentId: A(2) } });
    expect(ofType(cmds, 'transferred')).toEqual([{ type: 'transferred', interactionId: 'i1', fromAgentId: A(1), to: { agentId: A(2) }, at: h.now }]);
    expect(offers(cmds)).toEqual([['i1', A(2)]]);
    expect(ofType(cmds, 'offer')[0]?.explain).toMatchObject({ mode: 'transfer', reason: 'transferTarget' });
    expect(h.state.agents.get(A(1))?.status).toBe('wrapUp');
    expect(h.state.interactions.get('i1')?.history).toEqual([{ at: h.now, fromAgentId: A(1), to: { agentId: A(2) } }]);
    h.accept('i1');
    expect(h.state.interactions.get('i1')).toMatchObject({ state: 'assigned', agentId: A(2) });
  });

  it('sends a refused transfer back to the queue at its place', () => {
    const h = assigned();
    h.run({ type: 'agentSetStatus', agentId: A(2), status: 'ready' });
    h.run({ type: 'transfer', interactionId: 'i1', agentId: A(1), to: { agentId: A(2) } });
    const cmds = h.reject('i1');
    expect(ofType(cmds, 'requeued')).toMatchObject([{ interactionId: 'i1', queueId: 'q' }]);
    // A(1) is in wrap-up and A(2) in cooldown: it waits.
    expect(h.state.interactions.get('i1')?.state).toBe('queued');
    expect(offers(h.run({ type: 'wrapUpDone', agentId: A(1) }))).toEqual([['i1', A(1)]]);
  });

  it('re-queues in the target queue keeping the first arrival', () => {
    const h = assigned();
    const cmds = h.run({ type: 'transfer', interactionId: 'i1', agentId: A(1), to: { queueId: 'billing' } });
    expect(ofType(cmds, 'transferred')).toMatchObject([{ to: { queueId: 'billing' } }]);
    expect(h.state.interactions.get('i1')).toMatchObject({ state: 'queued', queueId: 'billing', enqueuedAt: h.now - 7_000, queuedSince: h.now });
    expect(offers(h.login(3, { billing: 1 }))).toEqual([['i1', A(3)]]);
  });

  it('refuses transfers by a non-owner, to unknown targets or to another channel', () => {
    const h = assigned();
    const t = (to: { agentId: string } | { queueId: string }, agentId = A(1)) => h.step({ type: 'transfer', interactionId: 'i1', agentId, to }).error?.code;
    expect(t({ queueId: 'billing' }, A(2))).toBe('NOT_OWNER');
    expect(t({ queueId: 'nope' })).toBe('NOT_FOUND');
    expect(t({ agentId: A(9) })).toBe('NOT_FOUND');
    expect(t({ queueId: 'voice' })).toBe('BAD_REQUEST');
    expect(t({ agentId: A(1) })).toBe('BAD_REQUEST');
  });
});

describe('max wait and overflow', () => {
  it('overflows to the overflow queue after maxWait, counting max wait from there again', () => {
    const h = harness();
    h.queue('spill', { channel: 'chat', maxWaitSeconds: 30 });
    h.queue('q', { channel: 'chat', maxWaitSeconds: 60, overflowQueueId: 'spill' });
    h.enqueue('i1');
    expect(h.advance(59_999)).toEqual([]);
    const cmds = h.advance(1);
    expect(ofType(cmds, 'overflowed')).toEqual([{ type: 'overflowed', interactionId: 'i1', fromQueueId: 'q', toQueueId: 'spill', at: h.now }]);
    expect(h.state.interactions.get('i1')?.queueId).toBe('spill');
    // spill has no overflow target: the edge is told once.
    expect(ofType(h.advance(30_000), 'maxWaitReached')).toEqual([{ type: 'maxWaitReached', interactionId: 'i1', queueId: 'spill', waitedMs: 90_000, at: h.now }]);
    expect(h.advance(30_000)).toEqual([]);
    expect(h.state.interactions.get('i1')?.state).toBe('queued');
  });

  it('checks max wait again when an offer returns late', () => {
    const h = harness({ declineCooldownSeconds: 0 });
    h.queue('spill', { channel: 'voice' });
    h.queue('q', { channel: 'voice', maxWaitSeconds: 30, offerTimeoutSeconds: 20, overflowQueueId: 'spill' });
    h.login(1);
    h.enqueue('i1', { enqueuedAt: h.now });
    h.advance(20_000); // missed, offered again at once (no cooldown)
    expect(h.state.interactions.get('i1')?.state).toBe('offered');
    const cmds = h.advance(20_000); // max wait passed while ringing: on return it overflows
    expect(ofType(cmds, 'overflowed')).toMatchObject([{ interactionId: 'i1', toQueueId: 'spill' }]);
  });

  it('refuses an overflow into itself or into another channel', () => {
    const h = harness();
    h.queue('v', { channel: 'voice' });
    expect(h.step({ type: 'queueConfigChanged', queue: { ...h.state.queues.get('v')!.config, overflowQueueId: 'v' } }).error?.code).toBe('BAD_REQUEST');
    expect(h.step({ type: 'queueConfigChanged', queue: { ...h.state.queues.get('v')!.config, id: 'c', channel: 'chat', overflowQueueId: 'v' } }).error?.code).toBe('BAD_REQUEST');
  });
});

describe('customer leaves', () => {
  it('abandons while queued or ringing, with the wait time', () => {
    const h = harness();
    h.queue('q', { channel: 'voice' });
    h.enqueue('i1');
    h.advance(4_000);
    expect(ofType(h.run({ type: 'customerLeft', interactionId: 'i1' }), 'abandoned')).toEqual([{ type: 'abandoned', interactionId: 'i1', queueId: 'q', waitedMs: 4_000, wasOffered: false, at: h.now }]);
    h.login(1);
    h.enqueue('i2');
    const cmds = h.run({ type: 'customerLeft', interactionId: 'i2' });
    expect(ofType(cmds, 'offerEnded')).toMatchObject([{ interactionId: 'i2', reason: 'abandoned' }]);
    expect(ofType(cmds, 'abandoned')).toMatchObject([{ interactionId: 'i2', wasOffered: true }]);
    expect(h.state.agents.get(A(1))).toMatchObject({ status: 'ready', missedInRow: 0, units: 0 });
    expect(h.state.interactions.size).toBe(0);
  });

  it('ends an assigned interaction and starts wrap-up', () => {
    const h = harness();
    h.queue('q', { channel: 'voice', wrapUpSeconds: 5 });
    h.login(1);
    h.enqueue('i1');
    h.accept('i1');
    const cmds = h.run({ type: 'customerLeft', interactionId: 'i1' });
    expect(ofType(cmds, 'ended')).toMatchObject([{ interactionId: 'i1', agentId: A(1), by: 'customer' }]);
    expect(h.state.agents.get(A(1))?.status).toBe('wrapUp');
  });
});
