import { channelCapacitySchema } from '@omnicc/shared';
import { describe, expect, it } from 'vitest';
import { CAPACITY_UNITS, channelWeights } from './capacity.js';
import { A, harness, ofType, offers } from './testkit.js';

describe('capacity units', () => {
  it('divides exactly for every capacity the schema allows', () => {
    for (let n = 1; n <= 20; n++) expect(Number.isInteger(CAPACITY_UNITS / n)).toBe(true);
    const w = channelWeights(channelCapacitySchema.parse({ voice: 1, chat: 3, email: 5, sms: 0 }));
    expect(w).toEqual({ voice: CAPACITY_UNITS, chat: CAPACITY_UNITS / 3, email: CAPACITY_UNITS / 5, sms: 0 });
    // 2 chats + 1 email = 2/3 + 1/5 = 13/15 fits; one more chat or 2 more emails do not.
    expect(2 * w.chat + w.email).toBeLessThanOrEqual(CAPACITY_UNITS);
    expect(3 * w.chat + w.email).toBeGreaterThan(CAPACITY_UNITS);
    expect(2 * w.chat + 2 * w.email).toBeGreaterThan(CAPACITY_UNITS);
  });
});

function omni() {
  const h = harness();
  h.queue('chat', { channel: 'chat' });
  h.queue('email', { channel: 'email' });
  h.queue('voice', { channel: 'voice' });
  h.queue('sms', { channel: 'sms' });
  return h;
}

describe('capacity in routing', () => {
  it('mixes channels as fractions of the agent', () => {
    const h = omni();
    h.login(1, {}, { chat: 3, email: 5 });
    expect(offers(h.enqueue('c1', { queueId: 'chat' }))).toEqual([['c1', A(1)]]);
    expect(offers(h.enqueue('c2', { queueId: 'chat' }))).toEqual([['c2', A(1)]]);
    expect(offers(h.enqueue('e1', { queueId: 'email' }))).toEqual([['e1', A(1)]]);
    // 2/3 + 1/5 + 1/5 > 1: the second email waits.
    expect(offers(h.enqueue('e2', { queueId: 'email' }))).toEqual([]);
    expect(offers(h.enqueue('c3', { queueId: 'chat' }))).toEqual([]);
    // 2/15 left and the smallest piece (email or sms) is 3/15: nothing fits, so busy.
    expect(h.state.agents.get(A(1))?.status).toBe('busy');
  });

  it('counts ringing offers against capacity and frees it when they end', () => {
    const h = omni();
    h.login(1, {}, { chat: 2 });
    h.enqueue('c1', { queueId: 'chat' });
    h.enqueue('c2', { queueId: 'chat' });
    expect(offers(h.enqueue('c3', { queueId: 'chat' }))).toEqual([]);
    expect(h.state.agents.get(A(1))?.status).toBe('busy');
    h.accept('c1');
    const cmds = h.run({ type: 'interactionEnded', interactionId: 'c1' });
    expect(offers(cmds)).toEqual([]); // wrap-up first
    expect(offers(h.run({ type: 'wrapUpDone', agentId: A(1) }))).toEqual([['c3', A(1)]]);
  });

  it('lets voice exclude every other channel, both ways', () => {
    const h = omni();
    h.login(1);
    h.enqueue('v1', { queueId: 'voice' });
    expect(h.state.agents.get(A(1))?.status).toBe('busy');
    expect(offers(h.enqueue('c1', { queueId: 'chat' }))).toEqual([]);
    expect(offers(h.enqueue('s1', { queueId: 'sms' }))).toEqual([]);
    h.reject('v1');
    // After the reject the chat and the sms can come (the call is in cooldown for this agent).
    expect(h.state.interactions.get('c1')?.state).toBe('offered');
    expect(h.state.interactions.get('s1')?.state).toBe('offered');
    const h2 = omni();
    h2.login(1);
    h2.enqueue('c1', { queueId: 'chat' });
    expect(offers(h2.enqueue('v1', { queueId: 'voice' }))).toEqual([]);
  });

  it('never offers a channel whose capacity is 0', () => {
    const h = omni();
    h.login(1, {}, { voice: 0 });
    expect(offers(h.enqueue('v1', { queueId: 'voice' }))).toEqual([]);
    expect(h.state.queues.get('voice')?.ready).toHaveLength(0);
  });

  it('refuses a capacity below what the agent holds, and out-of-range profiles', () => {
    const h = omni();
    h.login(1, {}, { chat: 3 });
    h.enqueue('c1', { queueId: 'chat' });
    h.enqueue('c2', { queueId: 'chat' });
    const p = (chat: number) => ({ userId: A(1), skills: [], capacity: { voice: 1, chat, email: 5, sms: 5 } });
    expect(h.step({ type: 'agentProfileChanged', profile: p(1) }).error?.code).toBe('INVALID_STATE');
    expect(h.step({ type: 'agentProfileChanged', profile: p(11) }).error?.code).toBe('BAD_REQUEST');
    expect(h.step({ type: 'agentProfileChanged', profile: { ...p(3), skills: [{ skill: 'x', level: 11 }] } }).error?.code).toBe('BAD_REQUEST');
    expect(ofType(h.run({ type: 'agentProfileChanged', profile: p(2) }), 'agentStateChanged')).toMatchObject([{ status: 'busy' }]);
  });
});
