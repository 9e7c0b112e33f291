import { describe, expect, it } from 'vitest';
import { at, ev, feed, newQueueMetrics } from './testFixtures.js';

describe('requeues', () => {
  it('a reject and a timeout neither add an offered nor restart the wait', () => {
    const m = newQueueMetrics();
    feed(m, [
      ev.enqueued('i1', 0),
      ev.offered('i1', 1, 'a1'),
      ev.requeued('i1', 21), // a1 let the offer time out
      ev.offered('i1', 22, 'a2'),
      ev.requeued('i1', 23), // a2 rejected
      ev.offered('i1', 24, 'a3'),
    ]);
    let s = m.queueSnapshot('q1', at(24));
    expect(s.waiting).toBe(1); // ringing at a3 is still waiting
    expect(s.longestWaitMs).toBe(24_000); // from the first entry, not from the requeue
    m.apply(ev.answered('i1', 25, 'a3'));
    s = m.queueSnapshot('q1', at(30));
    const w = s.windows['15m'];
    expect(w.offered).toBe(1);
    expect(w.answered).toBe(1);
    expect(w.asaMs).toBe(25_000); // 25 − 0, not 25 − 24
    expect(w.serviceLevel).toBe(0); // 25 s > T = 20 s
  });
});

describe('requeue after the answer (the agent was lost)', () => {
  it('completes the first handling, waits again from the requeue, and counts the answer once', () => {
    const m = newQueueMetrics();
    feed(m, [
      ev.enqueued('i1', 0),
      ev.answered('i1', 10, 'a1'), // wait 10 s: within T = 20 s
      ev.requeued('i1', 70), // a1 lost: handling 60 s, no wrap-up
    ]);
    let s = m.queueSnapshot('q1', at(75));
    expect(s.waiting).toBe(1);
    expect(s.longestWaitMs).toBe(5_000); // from the requeue, not from the first entry
    feed(m, [
      ev.offered('i1', 76, 'a2'),
      ev.answered('i1', 80, 'a2'), // not a second answer
      ev.ended('i1', 140), // second handling: talk 60 s
      ev.wrappedUp('i1', 150), // wrap 10 s
    ]);
    s = m.queueSnapshot('q1', at(160));
    expect(s.waiting).toBe(0);
    const w = s.windows['15m'];
    expect(w).toMatchObject({ offered: 1, answered: 1, abandoned: 0, handled: 2 });
    expect(w.asaMs).toBe(10_000);
    expect(w.serviceLevel).toBe(1);
    expect(w.ahtMs).toBe(65_000); // (60 + 0 + 60 + 10) / 2
  });

  it('a customer who leaves while waiting for the second agent is not an abandon', () => {
    const m = newQueueMetrics();
    feed(m, [ev.enqueued('i1', 0), ev.answered('i1', 5, 'a1'), ev.requeued('i1', 35), ev.abandoned('i1', 40)]);
    const s = m.queueSnapshot('q1', at(45));
    expect(s.waiting).toBe(0);
    expect(s.windows['15m']).toMatchObject({ offered: 1, answered: 1, abandoned: 0, handled: 1, abandonRate: 0 });
    // Gone from the calculator: later events of it change nothing.
    expect(m.apply(ev.answered('i1', 50, 'a2'))).toBe(false);
  });
});

describe('transfers', () => {
  it('after the answer: handled and transferred out in the first queue, offered again in the second', () => {
    const m = newQueueMetrics();
    feed(m, [
      ev.enqueued('i1', 0, 'q1'),
      ev.answered('i1', 10), // q1 wait 10 s (T 20 s: within)
      ev.toQueue('i1', 70, 'q2'), // q1 handling 70 − 10 = 60 s, no wrap-up in q1
      ev.answered('i1', 100, 'a2'), // q2 wait 100 − 70 = 30 s (T 30 s: within)
      ev.ended('i1', 160), // q2 talk 60 s
      ev.wrappedUp('i1', 170), // q2 wrap 10 s
    ]);
    const [q1, q2] = m.snapshot(at(200)).map((s) => s.windows['15m']);
    expect(q1).toMatchObject({ offered: 1, transferredIn: 0, transferredOut: 1, answered: 1, handled: 1 });
    expect(q1?.serviceLevel).toBe(1); // 1 / 1
    expect(q1?.asaMs).toBe(10_000);
    expect(q1?.ahtMs).toBe(60_000); // 70 − 10
    expect(q2).toMatchObject({ offered: 1, transferredIn: 1, transferredOut: 0, answered: 1, handled: 1 });
    expect(q2?.serviceLevel).toBe(1); // 30 s ≤ 30 s
    expect(q2?.asaMs).toBe(30_000);
    expect(q2?.ahtMs).toBe(70_000); // (160 − 100) + (170 − 160)
    // Center-wide unique contacts = Σ offered − Σ transferred in = 2 − 1.
    expect((q1?.offered ?? 0) + (q2?.offered ?? 0) - (q1?.transferredIn ?? 0) - (q2?.transferredIn ?? 0)).toBe(1);
  });

  it('before the answer (overflow): no outcome in the first queue, the wait restarts in the second', () => {
    const m = newQueueMetrics();
    feed(m, [ev.enqueued('i2', 0, 'q1'), ev.toQueue('i2', 40, 'q2')]);
    let [q1, q2] = m.snapshot(at(45));
    expect(q1?.waiting).toBe(0);
    expect(q2?.waiting).toBe(1);
    expect(q2?.longestWaitMs).toBe(5_000); // 45 − 40
    m.apply(ev.abandoned('i2', 50)); // waited 10 s in q2: not short, within q2's T (30 s)
    [q1, q2] = m.snapshot(at(60));
    expect(q1?.windows['15m']).toMatchObject({ offered: 1, transferredOut: 1, answered: 0, abandoned: 0, serviceLevel: null, abandonRate: null });
    expect(q2?.windows['15m']).toMatchObject({ offered: 1, transferredIn: 1, abandoned: 1, abandonedWithinThreshold: 1 });
    expect(q2?.windows['15m'].serviceLevel).toBeNull(); // 0 / (0 + 1 − 1)
    expect(q2?.windows['15m'].abandonRate).toBe(1); // 1 / (0 + 1)
  });

  it('to another agent: the queue keeps the interaction and its handle time runs on', () => {
    const m = newQueueMetrics();
    feed(m, [
      ev.enqueued('i3', 0),
      ev.answered('i3', 10),
      ev.toAgent('i3', 50, 'a2'),
      ev.ended('i3', 90), // talk 90 − 10 = 80 s across both agents
      ev.wrappedUp('i3', 100), // wrap 10 s
    ]);
    const w = m.queueSnapshot('q1', at(120)).windows['15m'];
    expect(w).toMatchObject({ offered: 1, answered: 1, transferredOut: 0, handled: 1 });
    expect(w.ahtMs).toBe(90_000); // 80 + 10
  });
});

describe('robustness', () => {
  it('ignores duplicates and events for unknown interactions', () => {
    const m = newQueueMetrics();
    expect(m.apply(ev.enqueued('i1', 0))).toBe(true);
    expect(m.apply(ev.enqueued('i1', 1))).toBe(false);
    expect(m.apply(ev.answered('i1', 5))).toBe(true);
    expect(m.apply(ev.answered('i1', 6))).toBe(false);
    expect(m.apply(ev.abandoned('ghost', 7))).toBe(false);
    expect(m.apply(ev.wrappedUp('ghost', 8))).toBe(false);
    const w = m.queueSnapshot('q1', at(10)).windows['15m'];
    expect(w).toMatchObject({ offered: 1, answered: 1, abandoned: 0 });
    expect(w.asaMs).toBe(5_000);
  });

  it('counts a customer who leaves after the answer as an end, not an abandon', () => {
    const m = newQueueMetrics();
    feed(m, [ev.enqueued('i1', 0), ev.answered('i1', 5), ev.abandoned('i1', 35), ev.wrappedUp('i1', 45)]);
    const w = m.queueSnapshot('q1', at(50)).windows['15m'];
    expect(w.abandoned).toBe(0);
    expect(w.ahtMs).toBe(40_000); // talk 35 − 5 = 30 s + wrap 45 − 35 = 10 s
  });

  it('counts a late event at the newest time seen, keeping every window ordered', () => {
    const m = newQueueMetrics();
    feed(m, [ev.enqueued('i1', 0), ev.enqueued('i2', 100), ev.answered('i1', 50)]);
    // i1's answer arrived after i2's entry (100 s): it is kept at 100 s, its wait stays 50 s.
    const s = m.queueSnapshot('q1', at(949));
    expect(s.windows['15m'].answered).toBe(1); // at 100 s > 949 − 900 = 49 s
    expect(s.windows['15m'].asaMs).toBe(50_000);
  });
});

describe('agents by state', () => {
  it('counts each agent once per queue and per channel they are staffed for', () => {
    const m = newQueueMetrics();
    m.apply({ type: 'agentStatus', agentId: 'a1', status: 'ready', at: at(0), queueIds: ['q1', 'q2'], channels: ['chat'] });
    m.apply({ type: 'agentStatus', agentId: 'a2', status: 'ready', at: at(0), queueIds: ['q1'], channels: ['chat', 'email'] });
    m.apply({ type: 'agentStatus', agentId: 'a3', status: 'notReady', at: at(0), queueIds: ['q2'], channels: ['voice'] });
    m.apply({ type: 'agentStatus', agentId: 'a1', status: 'busy', at: at(5), queueIds: ['q1', 'q2'], channels: ['chat'] });
    const [q1, q2] = m.snapshot(at(10));
    expect(q1?.agentsByStatus).toEqual({ offline: 0, ready: 1, notReady: 0, busy: 1, wrapUp: 0 }); // a2 ready, a1 busy
    expect(q2?.agentsByStatus).toEqual({ offline: 0, ready: 0, notReady: 1, busy: 1, wrapUp: 0 }); // a3, a1
    const byChannel = m.agentsByChannel();
    expect(byChannel.chat).toEqual({ offline: 0, ready: 1, notReady: 0, busy: 1, wrapUp: 0 }); // a2, a1
    expect(byChannel.email.ready).toBe(1); // a2
    expect(byChannel.voice.notReady).toBe(1); // a3
    expect(byChannel.sms).toEqual({ offline: 0, ready: 0, notReady: 0, busy: 0, wrapUp: 0 });
    // a2 leaves q1 for q2: the counts move with them.
    m.apply({ type: 'agentStatus', agentId: 'a2', status: 'ready', at: at(20), queueIds: ['q2'], channels: ['chat'] });
    expect(m.agentsForQueue('q1').ready).toBe(0);
    expect(m.agentsForQueue('q2').ready).toBe(1);
    expect(m.agentsByChannel().email.ready).toBe(0);
  });
});
