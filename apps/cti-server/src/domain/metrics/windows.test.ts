import { describe, expect, it } from 'vitest';
import { QueueMetrics } from './queueMetrics.js';
import { at, ev, feed, newQueueMetrics, T0 } from './testFixtures.js';

describe('sliding windows', () => {
  const events = [
    ev.enqueued('i1', 0),
    ev.answered('i1', 10), // wait 10 s: within T (20 s)
    ev.enqueued('i2', 600),
    ev.answered('i2', 640), // wait 40 s: outside T
  ];

  it('drops a fact once it is 15 minutes old, keeps it in 60m and today', () => {
    const m = newQueueMetrics();
    feed(m, events);

    // now = 909.999 s: the 15m edge is 9.999 s, so i1's answer (10 s) is in, its entry (0 s) is out.
    let s = m.queueSnapshot('q1', at(909.999));
    expect(s.windows['15m'].offered).toBe(1); // i2
    expect(s.windows['15m'].answered).toBe(2); // i1, i2
    expect(s.windows['15m'].asaMs).toBe(25_000); // (10 + 40) / 2

    // now = 910 s: the edge is 10 s and a fact exactly on the edge is out: i1's answer leaves.
    s = m.queueSnapshot('q1', at(910));
    expect(s.windows['15m'].from).toBe(at(10));
    expect(s.windows['15m'].answered).toBe(1); // i2
    expect(s.windows['15m'].serviceLevel).toBe(0); // 0 within / 1
    expect(s.windows['15m'].asaMs).toBe(40_000);
    expect(s.windows['60m'].offered).toBe(2);
    expect(s.windows['60m'].answered).toBe(2);
    expect(s.windows['60m'].serviceLevel).toBe(0.5); // 1 within (i1) / 2
    expect(s.windows['60m'].asaMs).toBe(25_000); // (10 + 40) / 2
    expect(s.windows.today.answered).toBe(2);

    // now = 3610 s: the 60m edge is 10 s: i1 leaves 60m too; 15m is empty.
    s = m.queueSnapshot('q1', at(3610));
    expect(s.windows['60m'].offered).toBe(1); // i2 at 600 s
    expect(s.windows['60m'].answered).toBe(1);
    expect(s.windows['60m'].asaMs).toBe(40_000);
    expect(s.windows['15m'].answered).toBe(0);
    expect(s.windows.today.offered).toBe(2);
    expect(s.windows.today.serviceLevel).toBe(0.5);
  });

  it('reports null, never NaN, for the ratios of an empty window', () => {
    const m = newQueueMetrics();
    const s = m.queueSnapshot('q1', at(0));
    for (const w of Object.values(s.windows)) {
      expect(w).toMatchObject({ offered: 0, answered: 0, abandoned: 0, handled: 0 });
      expect(w.serviceLevel).toBeNull();
      expect(w.asaMs).toBeNull();
      expect(w.ahtMs).toBeNull();
      expect(w.abandonRate).toBeNull();
    }
    expect(s.waiting).toBe(0);
    expect(s.longestWaitMs).toBe(0);
    expect(s.serviceLevelTarget).toEqual({ percent: 80, seconds: 20 });
  });

  it('has no service level or abandon rate when the only outcomes are short abandons', () => {
    const m = newQueueMetrics();
    feed(m, [ev.enqueued('i1', 0), ev.abandoned('i1', 2)]);
    const w = m.queueSnapshot('q1', at(10)).windows['15m'];
    expect(w.shortAbandoned).toBe(1);
    expect(w.serviceLevel).toBeNull(); // 0 / (0 + 0 − 0)
    expect(w.abandonRate).toBeNull(); // 0 / (0 + 0)
  });

  it('keeps only the last hour of samples in memory', () => {
    const m = newQueueMetrics();
    // 3,000 interactions, one every 4 s for 12,000 s (3 h 20 min): i enters at 4i s, is answered at 4i + 2,
    // and ends with no wrap-up when i + 15 is answered (58 s later).
    for (let i = 0; i < 3000; i++) {
      const id = `i${i}`;
      feed(m, [ev.enqueued(id, i * 4), ev.answered(id, i * 4 + 2)]);
      if (i >= 15) feed(m, [ev.ended(`i${i - 15}`, i * 4 + 2, false)]);
    }
    const now = at(12_000);
    const s = m.queueSnapshot('q1', now);
    // 60m edge = 12,000 − 3,600 = 8,400 s. Entries at 4i > 8,400 → i ≥ 2101 → 899 (2101..2999).
    expect(s.windows['60m'].offered).toBe(899);
    // Kept: 899 entries + answers at 4i + 2 > 8,400 (i ≥ 2100: 900) + ends at 4i + 2 (i ≥ 2100: 900) = 2,699.
    expect(m.retained().samples).toBe(2699);
    expect(m.retained().openInteractions).toBe(15); // the last 15 answered, not yet ended
    expect(s.windows.today.offered).toBe(3000);
    // Two hours later every window but today is empty and so is the deque.
    m.queueSnapshot('q1', now + 2 * 3_600_000);
    expect(m.retained().samples).toBe(0);
  });
});

describe('today in the operator’s time zone', () => {
  const lateEvening = Date.parse('2024-03-09T23:59:50+08:00'); // 15:59:50 UTC

  it('counts each fact on the local day it happened: offered before midnight, answered after', () => {
    const m = newQueueMetrics();
    m.apply(ev.enqueued('i1', 0, 'q1', lateEvening));
    let s = m.queueSnapshot('q1', lateEvening + 9_000); // 23:59:59
    expect(s.windows.today.from).toBe(Date.parse('2024-03-09T00:00:00+08:00'));
    expect(s.windows.today.offered).toBe(1);
    expect(s.windows.today.answered).toBe(0);
    expect(s.longestWaitMs).toBe(9_000);

    m.apply(ev.answered('i1', 25, 'a1', lateEvening)); // 00:00:15 on the 10th: waited 25 s (> T = 20 s)
    s = m.queueSnapshot('q1', lateEvening + 40_000); // 00:00:30
    expect(s.windows.today.from).toBe(Date.parse('2024-03-10T00:00:00+08:00')); // = 2024-03-09T16:00Z
    expect(s.windows.today.offered).toBe(0); // it was offered yesterday
    expect(s.windows.today.answered).toBe(1);
    expect(s.windows.today.serviceLevel).toBe(0); // 0 within / 1 answered
    expect(s.windows.today.asaMs).toBe(25_000);
    // The sliding windows do not care about midnight.
    expect(s.windows['15m'].offered).toBe(1);
    expect(s.windows['15m'].answered).toBe(1);
  });

  it('starts today at Shanghai midnight, not at UTC midnight', () => {
    const m = newQueueMetrics();
    // 00:10 on the 10th in Shanghai is still the 9th in UTC (16:10Z).
    feed(m, [ev.enqueued('i1', 0, 'q1', Date.parse('2024-03-10T00:10:00+08:00'))]);
    const s = m.queueSnapshot('q1', Date.parse('2024-03-10T09:00:00+08:00'));
    expect(s.windows.today.offered).toBe(1); // a UTC day (from 08:00 Shanghai) would say 0
    expect(s.windows['60m'].offered).toBe(0);
  });

  it('follows a configured zone', () => {
    const m = new QueueMetrics({ timeZone: 'UTC' }, [{ id: 'q1', serviceLevel: { percent: 80, seconds: 20 } }]);
    feed(m, [ev.enqueued('i1', 0, 'q1', Date.parse('2024-03-10T00:10:00+08:00'))]);
    expect(m.queueSnapshot('q1', Date.parse('2024-03-10T09:00:00+08:00')).windows.today.offered).toBe(0);
  });

  it('rejects an unknown zone', () => {
    expect(() => new QueueMetrics({ timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });

  it('restarts today after several quiet days', () => {
    const m = newQueueMetrics();
    feed(m, [ev.enqueued('i1', 0)]);
    expect(m.queueSnapshot('q1', T0 + 3 * 86_400_000).windows.today).toMatchObject({
      from: Date.parse('2024-03-12T00:00:00+08:00'),
      offered: 0,
    });
  });
});
