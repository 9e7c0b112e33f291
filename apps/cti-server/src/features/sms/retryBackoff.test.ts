import { describe, expect, it } from 'vitest';
import { backoffDelay } from './retryBackoff.js';

describe('retry backoff', () => {
  it('doubles from the minimum up to the maximum', () => {
    const fixed = { minMs: 100, maxMs: 1000, random: () => 1 };
    expect([0, 1, 2, 3, 4, 50].map((n) => backoffDelay(n, fixed))).toStrictEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('jitters between half the step and the whole step', () => {
    expect(backoffDelay(2, { minMs: 100, maxMs: 1000, random: () => 0 })).toBe(200);
    expect(backoffDelay(2, { minMs: 100, maxMs: 1000, random: () => 0.5 })).toBe(300);
  });
});
