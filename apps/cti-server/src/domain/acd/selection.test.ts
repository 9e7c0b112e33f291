import { describe, expect, it } from 'vitest';
import { A, harness, ofType, offers } from './testkit.js';

const billing = { requiredSkills: [{ skill: 'billing', minLevel: 3 }, { skill: 'mandarin', minLevel: 1 }] };

describe('agent selection', () => {
  it('offers only to agents with every required skill at its minimum level', () => {
    const h = harness();
    h.queue('q', billing);
    h.login(1, { billing: 9 }); // no mandarin
    h.login(2, { billing: 2, mandarin: 5 }); // billing below 3
    h.login(3, { sales: 9, mandarin: 9 });
    expect(offers(h.enqueue('i1'))).toEqual([]);
    expect(offers(h.login(4, { billing: 3, mandarin: 1 }))).toEqual([['i1', A(4)]]);
  });

  it('prefers the best skill score (sum of the required levels)', () => {
    const h = harness();
    h.queue('q', billing);
    h.login(1, { billing: 5, mandarin: 5 }); // 10
    h.login(2, { billing: 9, mandarin: 3, sales: 10 }); // 12; other skills do not count
    h.login(3, { billing: 4, mandarin: 4 }); // 8
    const cmds = h.enqueue('i1');
    expect(offers(cmds)).toEqual([['i1', A(2)]]);
    const offer = ofType(cmds, 'offer')[0];
    expect(offer?.explain).toMatchObject({
      mode: 'bestAgent',
      reason: 'higherSkill',
      chosenAgentId: A(2),
      candidates: [
        { agentId: A(2), skillScore: 12 },
        { agentId: A(1), skillScore: 10 },
        { agentId: A(3), skillScore: 8 },
      ],
    });
  });

  it('breaks skill ties by longest idle', () => {
    const h = harness();
    h.queue('q', { channel: 'voice' });
    h.login(1);
    h.advance(5_000);
    h.login(2);
    h.advance(5_000);
    const cmds = h.enqueue('i1');
    expect(offers(cmds)).toEqual([['i1', A(1)]]);
    expect(ofType(cmds, 'offer')[0]?.explain).toMatchObject({ reason: 'longerIdle', candidates: [{ idleMs: 10_000 }, { idleMs: 5_000 }] });
    // A(1) just got work, so A(2) is now the longest idle.
    expect(offers(h.enqueue('i2'))).toEqual([['i2', A(2)]]);
  });

  it('breaks skill ties by lowest load in leastOccupied queues', () => {
    const h = harness();
    h.queue('q', { selection: 'leastOccupied' });
    h.login(1, {}, { chat: 3 });
    h.enqueue('warm-up'); // A(1) has one chat
    h.advance(1_000);
    h.login(2, {}, { chat: 3 }); // idle for less time, but empty
    const cmds = h.enqueue('i1');
    expect(offers(cmds)).toEqual([['i1', A(2)]]);
    expect(ofType(cmds, 'offer')[0]?.explain).toMatchObject({ reason: 'lowerLoad', selection: 'leastOccupied' });
    const h2 = harness();
    h2.queue('q', { selection: 'longestIdle' });
    h2.login(1, {}, { chat: 3 });
    h2.advance(1_000);
    h2.login(2, {}, { chat: 3 });
    h2.advance(1_000);
    h2.enqueue('warm-up'); // to A(1), whose idle stamp becomes now
    h2.advance(1_000);
    expect(offers(h2.enqueue('i1'))).toEqual([['i1', A(2)]]);
  });

  it('finds the agent through the queue index, not the skill-less crowd', () => {
    const h = harness();
    h.queue('q', billing);
    for (let n = 1; n <= 200; n++) h.login(n, { sales: 5 });
    h.login(999, { billing: 5, mandarin: 5 });
    expect(h.state.queues.get('q')?.ready.map((s) => s.agent.id)).toEqual([A(999)]);
    expect(offers(h.enqueue('i1'))).toEqual([['i1', A(999)]]);
  });

  it('re-derives who qualifies when a queue changes its requirements', () => {
    const h = harness();
    h.queue('q', billing);
    h.login(1, { sales: 5 });
    h.enqueue('i1');
    expect(offers(h.queue('q', { requiredSkills: [{ skill: 'sales', minLevel: 5 }] }))).toEqual([['i1', A(1)]]);
  });

  it('keeps the explanation readable after the offer is accepted', () => {
    const h = harness();
    h.queue('q');
    h.login(1);
    h.enqueue('i1');
    h.accept('i1');
    expect(h.state.interactions.get('i1')?.explain).toMatchObject({ chosenAgentId: A(1), reason: 'onlyCandidate', priority: { queue: 50, tierBonus: 0 } });
  });
});

describe('sticky routing', () => {
  function served() {
    const h = harness();
    h.queue('q', { stickySeconds: 600, wrapUpSeconds: 0 });
    h.login(1);
    h.advance(1_000);
    h.login(2);
    h.advance(1_000);
    h.enqueue('first', { customerKey: 'cust-1' });
    expect(h.state.interactions.get('first')?.agentId).toBe(A(1));
    h.accept('first');
    h.run({ type: 'interactionEnded', interactionId: 'first' });
    h.advance(1_000);
    return h;
  }

  it('sends a returning customer to their last agent within the window', () => {
    const h = served();
    // A(2) has been idle longer now, yet the customer goes back to A(1).
    const cmds = h.enqueue('again', { customerKey: 'cust-1' });
    expect(offers(cmds)).toEqual([['again', A(1)]]);
    expect(ofType(cmds, 'offer')[0]?.explain).toMatchObject({ mode: 'sticky', reason: 'stickyLastAgent' });
    expect(offers(served().enqueue('other', { customerKey: 'cust-2' }))).toEqual([['other', A(2)]]);
  });

  it('routes normally after the window or when the last agent cannot take it', () => {
    const late = served();
    late.advance(600_000);
    expect(offers(late.enqueue('again', { customerKey: 'cust-1' }))).toEqual([['again', A(2)]]);
    const away = served();
    away.run({ type: 'agentSetStatus', agentId: A(1), status: 'notReady', reasonCode: 'lunch' });
    expect(offers(away.enqueue('again', { customerKey: 'cust-1' }))).toEqual([['again', A(2)]]);
  });
});
