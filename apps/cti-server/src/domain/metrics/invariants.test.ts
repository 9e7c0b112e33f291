import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySample, emptyTally, type Sample } from './tally.js';
import { TimeIntegrals } from './timeIntegrals.js';
import { SLIDING_WINDOWS_MS } from './types.js';
import { WaitingSet } from './waitingSet.js';
import { WindowedTally } from './windowedTally.js';

/**
 * The incremental structures against brute force over random inputs: the
 * hand-checked fixtures pin the definitions, these pin the bookkeeping
 * (cursors, expiry, heap order) on inputs nobody would write by hand.
 */
const T0 = Date.parse('2024-03-09T10:00:00+08:00');

describe('incremental = brute force', () => {
  it('WaitingSet.oldest() is the minimum of what was added and not removed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 1000 }))), (ops) => {
        const set = new WaitingSet();
        const naive = new Map<string, number>();
        for (const [add, n, since] of ops) {
          const id = `i${n}`;
          if (add) {
            set.add(id, since);
            if (!naive.has(id)) naive.set(id, since);
          } else {
            set.remove(id);
            naive.delete(id);
          }
          expect(set.size).toBe(naive.size);
          expect(set.oldest()).toBe(naive.size ? Math.min(...naive.values()) : undefined);
        }
      }),
    );
  });

  it('WindowedTally sums exactly the samples inside each window', () => {
    const step = fc.record({
      gapMs: fc.integer({ min: 0, max: 10 * 60_000 }),
      waitMs: fc.integer({ min: 0, max: 60_000 }),
      read: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const windowed = new WindowedTally('Asia/Shanghai');
        const all: Sample[] = [];
        let now = T0;
        for (const s of steps) {
          now += s.gapMs;
          const sample: Sample = { kind: 'answered', at: now, waitMs: s.waitMs, withinThreshold: s.waitMs <= 20_000 };
          windowed.add(sample);
          all.push(sample);
          if (!s.read) continue;
          const got = windowed.read(now);
          for (const [name, span] of Object.entries(SLIDING_WINDOWS_MS) as [keyof typeof SLIDING_WINDOWS_MS, number][]) {
            const expected = emptyTally();
            for (const x of all) if (x.at > now - span) applySample(expected, x, 1);
            expect(got[name].answered).toBe(expected.answered);
            expect(got[name].answeredWithinThreshold).toBe(expected.answeredWithinThreshold);
            expect(got[name].asaMs).toBe(expected.answered ? expected.waitSumMs / expected.answered : null);
          }
        }
      }),
    );
  });

  it('TimeIntegrals integrates a step signal like a brute-force sum', () => {
    const step = fc.record({
      gapMs: fc.integer({ min: 0, max: 20 * 60_000 }),
      work: fc.constantFrom(0, 0.2, 1 / 3, 2 / 3, 1),
      available: fc.constantFrom(0, 1),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 90 * 60_000 }), (steps, tailMs) => {
        const integrals = new TimeIntegrals('Asia/Shanghai');
        const changes: { at: number; work: number; available: number }[] = [];
        let t = T0;
        for (const s of steps) {
          t += s.gapMs;
          integrals.set(t, s);
          changes.push({ at: t, ...s });
        }
        const now = t + tailMs;
        const got = integrals.read(now);
        for (const [name, span] of Object.entries(SLIDING_WINDOWS_MS) as [keyof typeof SLIDING_WINDOWS_MS, number][]) {
          let work = 0;
          let available = 0;
          changes.forEach((c, i) => {
            const end = changes[i + 1]?.at ?? now;
            const d = Math.max(0, end - Math.max(c.at, now - span));
            work += c.work * d;
            available += c.available * d;
          });
          expect(got[name].workMs).toBeCloseTo(work, 3);
          expect(got[name].availableMs).toBeCloseTo(available, 3);
        }
      }),
    );
  });
});
