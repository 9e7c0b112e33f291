import { describe, expect, it } from 'vitest';
import { at, ev, feed, newQueueMetrics } from './testFixtures.js';

// q1's target is 80% in T = 20 s; short abandons are under 5 s unless a test changes it.
const mixed = [
  ev.enqueued('i1', 0),
  ev.enqueued('i2', 0),
  ev.enqueued('i3', 0),
  ev.enqueued('i4', 0),
  ev.enqueued('i5', 0),
  ev.enqueued('i6', 0),
  ev.abandoned('i4', 3), // waited 3 s: short (< 5 s)
  ev.answered('i1', 10), // waited 10 s: within T
  ev.abandoned('i5', 15), // waited 15 s: abandoned within T (not short)
  ev.answered('i2', 20), // waited 20 s: within T (the boundary counts as within)
  ev.answered('i3', 30), // waited 30 s: outside T
  ev.abandoned('i6', 45), // waited 45 s: abandoned after T
  ev.enqueued('i7', 50), // still waiting at 60 s: no outcome yet
];

describe('service level, ASA and abandon rate', () => {
  it('counts answers inside and outside T, and abandons short, inside and after T', () => {
    const m = newQueueMetrics();
    feed(m, mixed);
    const s = m.queueSnapshot('q1', at(60));
    const w = s.windows['15m'];
    expect(w.offered).toBe(7); // i1..i7
    expect(w.answered).toBe(3); // i1, i2, i3
    expect(w.answeredWithinThreshold).toBe(2); // i1 (10 s), i2 (20 s)
    expect(w.shortAbandoned).toBe(1); // i4
    expect(w.abandoned).toBe(2); // i5, i6 (i4 is short)
    expect(w.abandonedWithinThreshold).toBe(1); // i5
    // SL = within / (answered + abandoned − abandoned within T) = 2 / (3 + 2 − 1) = 2/4
    expect(w.serviceLevel).toBe(0.5);
    // ASA = (10 + 20 + 30) s / 3 = 20 s
    expect(w.asaMs).toBe(20_000);
    // abandon rate = abandoned / (answered + abandoned) = 2 / (3 + 2)
    expect(w.abandonRate).toBe(0.4);
    expect(s.waiting).toBe(1); // i7
    expect(s.longestWaitMs).toBe(10_000); // 60 − 50 s
    // Every window agrees: all of it happened within the last minute, today.
    expect(s.windows['60m']).toEqual({ ...w, window: '60m', from: at(60) - 3_600_000 });
    expect(s.windows.today.serviceLevel).toBe(0.5);
  });

  it('counts every abandon when the short-abandon time is 0', () => {
    const m = newQueueMetrics({ shortAbandonMs: 0 });
    feed(m, mixed);
    const w = m.queueSnapshot('q1', at(60)).windows['15m'];
    expect(w.shortAbandoned).toBe(0);
    expect(w.abandoned).toBe(3); // i4, i5, i6
    expect(w.abandonedWithinThreshold).toBe(2); // i4 (3 s), i5 (15 s)
    // SL = 2 / (3 + 3 − 2) = 2/4; abandon rate = 3 / (3 + 3)
    expect(w.serviceLevel).toBe(0.5);
    expect(w.abandonRate).toBe(0.5);
  });

  it('leaves a longer short-abandon time out of both rates', () => {
    const m = newQueueMetrics({ shortAbandonMs: 20_000 });
    feed(m, mixed);
    const w = m.queueSnapshot('q1', at(60)).windows['15m'];
    expect(w.shortAbandoned).toBe(2); // i4 (3 s), i5 (15 s)
    expect(w.abandoned).toBe(1); // i6
    expect(w.abandonedWithinThreshold).toBe(0);
    // SL = 2 / (3 + 1 − 0) = 0.5; abandon rate = 1 / (3 + 1) = 0.25
    expect(w.serviceLevel).toBe(0.5);
    expect(w.abandonRate).toBe(0.25);
  });

  it('puts abandons after T against the service level', () => {
    const m = newQueueMetrics();
    feed(m, [
      ev.enqueued('i1', 0),
      ev.enqueued('i2', 0),
      ev.enqueued('i3', 0),
      ev.answered('i1', 5), // within
      ev.abandoned('i2', 21), // after T (21 s > 20 s)
      ev.abandoned('i3', 25), // after T
    ]);
    const w = m.queueSnapshot('q1', at(30)).windows['15m'];
    // SL = 1 / (1 + 2 − 0) = 1/3; abandon rate = 2 / 3
    expect(w.serviceLevel).toBeCloseTo(1 / 3, 12);
    expect(w.abandonRate).toBeCloseTo(2 / 3, 12);
    expect(w.asaMs).toBe(5_000);
  });

  it('reports 0, not null, when every answer was late', () => {
    const m = newQueueMetrics();
    feed(m, [ev.enqueued('i1', 0), ev.answered('i1', 21)]);
    const w = m.queueSnapshot('q1', at(30)).windows['15m'];
    expect(w.serviceLevel).toBe(0); // 0 / (1 + 0 − 0)
    expect(w.asaMs).toBe(21_000);
    expect(w.abandonRate).toBe(0); // 0 / (1 + 0)
  });

  it('uses the queue’s own threshold', () => {
    const m = newQueueMetrics();
    feed(m, [ev.enqueued('i1', 0, 'q2'), ev.answered('i1', 25)]);
    // q2's T is 30 s: 25 s is within (it would not be on q1's 20 s).
    expect(m.queueSnapshot('q2', at(30)).windows['15m'].serviceLevel).toBe(1);
  });
});

describe('AHT', () => {
  it('is talk (answer → end, hold included) plus wrap-up (end → wrapped up), over completed interactions', () => {
    const m = newQueueMetrics();
    feed(m, [
      ev.enqueued('i1', 0),
      ev.enqueued('i2', 0),
      ev.enqueued('i3', 0),
      ev.enqueued('i4', 0),
      ev.answered('i1', 10),
      ev.answered('i2', 20),
      ev.answered('i3', 30),
      ev.answered('i4', 40),
      ev.ended('i2', 80), // talk 60 s
      ev.ended('i3', 90), // still in wrap-up at 200 s: not counted yet
      ev.wrappedUp('i2', 100), // wrap 20 s → 80 s
      ev.ended('i4', 110, false), // no wrap-up: talk 70 s → 70 s
      ev.ended('i1', 130), // talk 120 s
      ev.wrappedUp('i1', 160), // wrap 30 s → 150 s
    ]);
    const w = m.queueSnapshot('q1', at(200)).windows['15m'];
    expect(w.handled).toBe(3); // i1, i2, i4
    // AHT = (150 + 80 + 70) s / 3 = 100 s
    expect(w.ahtMs).toBe(100_000);
    expect(m.retained().openInteractions).toBe(1); // i3
  });
});
