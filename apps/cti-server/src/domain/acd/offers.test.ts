import { describe, expect, it } from 'vitest';
import { cloneState } from './create.js';
import { A, harness, ofType, offers, serialise } from './testkit.js';

function voiceDesk(agents = 1) {
  const h = harness();
  h.queue('q', { channel: 'voice', offerTimeoutSeconds: 20 });
  for (let n = 1; n <= agents; n++) h.login(n, {}, {}, 'notReady');
  return h;
}

describe('offers', () => {
  it('returns a rejected interaction to its original place and skips that agent for it', () => {
    const h = voiceDesk(2);
    h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
    h.enqueue('i1');
    h.advance(1_000);
    h.enqueue('i2');
    h.advance(1_000);
    h.enqueue('i3');
    const key = h.state.interactions.get('i1')?.key;
    const cmds = h.reject('i1');
    expect(ofType(cmds, 'offerEnded')).toMatchObject([{ interactionId: 'i1', reason: 'rejected' }]);
    expect(ofType(cmds, 'requeued')).toMatchObject([{ interactionId: 'i1', reason: 'rejected' }]);
    // A(1) is in cooldown for i1, so takes the next one.
    expect(offers(cmds)).toEqual([['i2', A(1)]]);
    expect(h.state.interactions.get('i1')?.key).toBe(key);
    // i1 kept its place ahead of i3.
    expect(offers(h.run({ type: 'agentSetStatus', agentId: A(2), status: 'ready' }))).toEqual([['i1', A(2)]]);
  });

  it('offers it to the same agent again once the cooldown is over', () => {
    const h = voiceDesk(1);
    h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
    h.enqueue('i1');
    h.reject('i1');
    expect(offers(h.advance(29_999))).toEqual([]);
    const cmds = h.advance(1);
    expect(offers(cmds)).toEqual([['i1', A(1)]]);
    expect(ofType(cmds, 'offer')[0]?.explain.skippedInCooldown).toBe(0);
  });

  it('times out an unanswered offer like a reject, and counts it as missed', () => {
    const h = voiceDesk(1);
    h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
    h.enqueue('i1');
    expect(h.advance(19_999)).toEqual([]);
    const cmds = h.advance(1);
    expect(ofType(cmds, 'offerEnded')).toMatchObject([{ interactionId: 'i1', reason: 'timeout' }]);
    expect(ofType(cmds, 'requeued')).toMatchObject([{ interactionId: 'i1', reason: 'timeout' }]);
    expect(h.state.agents.get(A(1))?.missedInRow).toBe(1);
    expect(h.state.interactions.get('i1')?.state).toBe('queued');
  });

  it('sets the agent not ready with "missedOffer" after maxMissedOffers misses in a row', () => {
    const h = voiceDesk(1);
    h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
    h.enqueue('i1');
    h.enqueue('i2');
    h.advance(20_000); // miss i1, offered i2
    const cmds = h.advance(20_000); // miss i2: second in a row
    expect(ofType(cmds, 'agentAutoNotReady')).toMatchObject([{ agentId: A(1), missedOffers: 2 }]);
    expect(ofType(cmds, 'agentStateChanged')).toMatchObject([{ agentId: A(1), status: 'notReady', reasonCode: 'missedOffer' }]);
    expect(offers(cmds)).toEqual([]);
    expect(h.state.queues.get('q')?.waiting).toBe(2);
  });

  it('resets the run of misses on an accept or a reject', () => {
    const h = voiceDesk(1);
    h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
    h.enqueue('i1');
    h.enqueue('i2');
    h.advance(20_000); // miss i1
    h.reject('i2');
    expect(offers(h.advance(30_000))).toEqual([['i1', A(1)]]); // cooldowns over
    const cmds = h.advance(20_000); // miss: only one in a row
    expect(ofType(cmds, 'agentAutoNotReady')).toEqual([]);
    expect(h.state.agents.get(A(1))?.missedInRow).toBe(1);
  });

  it('accepts idempotently: a second accept by the same agent changes nothing', () => {
    const h = voiceDesk(1);
    h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
    h.enqueue('i1');
    const offerId = h.state.interactions.get('i1')?.offerId ?? '';
    const cmds = h.run({ type: 'offerAccepted', offerId, agentId: A(1) });
    expect(ofType(cmds, 'assigned')).toMatchObject([{ interactionId: 'i1', agentId: A(1), offerId }]);
    const before = serialise(cloneState(h.state));
    const again = h.step({ type: 'offerAccepted', offerId, agentId: A(1) });
    expect(again).toMatchObject({ commands: [] });
    expect(again.error).toBeUndefined();
    expect(serialise(h.state)).toEqual(before);
    expect(h.step({ type: 'offerAccepted', offerId, agentId: A(2) }).error?.code).toBe('NOT_OWNER');
  });

  it('refuses an expired, unknown or foreign offer and leaves the state unchanged', () => {
    const h = voiceDesk(2);
    h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
    h.enqueue('i1');
    const offerId = h.state.interactions.get('i1')?.offerId ?? '';
    expect(h.step({ type: 'offerAccepted', offerId, agentId: A(2) }).error?.code).toBe('NOT_OWNER');
    expect(h.step({ type: 'offerAccepted', offerId: 'nope', agentId: A(1) }).error?.code).toBe('INVALID_STATE');
    // Expired but not yet ticked: refused all the same (the harness checks the state did not change).
    h.setNow(h.now + 20_000);
    const late = h.step({ type: 'offerAccepted', offerId, agentId: A(1) });
    expect(late).toMatchObject({ commands: [], error: { code: 'INVALID_STATE' } });
    expect(h.step({ type: 'offerRejected', offerId, agentId: A(1) }).error?.code).toBe('INVALID_STATE');
    // Once ticked, the offer is gone.
    h.advance(0);
    expect(h.step({ type: 'offerAccepted', offerId, agentId: A(1) }).error?.code).toBe('INVALID_STATE');
  });

  it('withdraws ringing offers when the agent goes not ready, without counting a miss or a cooldown', () => {
    const h = voiceDesk(1);
    h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' });
    h.enqueue('i1');
    const cmds = h.run({ type: 'agentSetStatus', agentId: A(1), status: 'notReady', reasonCode: 'break' });
    expect(ofType(cmds, 'offerEnded')).toMatchObject([{ reason: 'withdrawn' }]);
    expect(h.state.agents.get(A(1))?.missedInRow).toBe(0);
    expect(h.state.interactions.get('i1')?.declined).toEqual([]);
    expect(offers(h.run({ type: 'agentSetStatus', agentId: A(1), status: 'ready' }))).toEqual([['i1', A(1)]]);
  });

  it('refuses a not-ready without a valid reason code', () => {
    const h = voiceDesk(1);
    expect(h.step({ type: 'agentSetStatus', agentId: A(1), status: 'notReady', reasonCode: '' }).error?.code).toBe('BAD_REQUEST');
    expect(h.step({ type: 'agentSetStatus', agentId: A(9), status: 'ready' }).error?.code).toBe('NOT_FOUND');
  });
});
