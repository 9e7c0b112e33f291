import { describe, expect, it } from 'vitest';
import { DEFAULT_CUSTOMER_SETTINGS } from './customerSettings.js';
import { scoreRfm, segmentOf } from './rfm.js';

const T = DEFAULT_CUSTOMER_SETTINGS.rfm; // recency ≤180/90/30/7, frequency ≥2/6/12/24, spend ≥300/800/2,000/5,000 CNY

describe('scoreRfm (hand-checked against the default thresholds)', () => {
  it.each([
    // recency, frequency, spend (fen) -> r, f, m, segment
    [5, 30, 600_000, 5, 5, 5, 'champion'],
    [45, 6, 80_000, 3, 3, 3, 'loyal'],
    [200, 12, 250_000, 1, 4, 4, 'atRisk'],
    [undefined, 0, 0, 1, 1, 1, 'hibernating'],
    [10, 1, 10_000, 4, 1, 1, 'promising'],
    [7, 2, 29_999, 5, 2, 1, 'promising'],
    [8, 24, 500_000, 4, 5, 5, 'champion'],
    [91, 5, 79_999, 2, 2, 2, 'hibernating'],
  ] as const)('R %s F %s M %s -> %i %i %i %s', (recencyDays, frequency, monetaryFen, r, f, m, segment) => {
    expect(scoreRfm({ recencyDays, frequency, monetaryFen }, T)).toEqual({ recencyDays: recencyDays ?? 9999, frequency, monetaryFen, r, f, m, segment });
  });

  it('takes thresholds in any order and follows a change', () => {
    const reversed = { recencyDays: [7, 30, 90, 180], frequency: [24, 12, 6, 2], monetaryFen: [500_000, 200_000, 80_000, 30_000] };
    expect(scoreRfm({ recencyDays: 45, frequency: 6, monetaryFen: 80_000 }, reversed)).toMatchObject({ r: 3, f: 3, m: 3 });
    expect(scoreRfm({ recencyDays: 45, frequency: 6, monetaryFen: 80_000 }, { ...T, frequency: [1, 2, 3, 4] })).toMatchObject({ f: 5, segment: 'loyal' });
  });

  it('segments on the scores', () => {
    expect(segmentOf(4, 4, 4)).toBe('champion');
    expect(segmentOf(4, 4, 3)).toBe('loyal');
    expect(segmentOf(2, 3, 3)).toBe('atRisk');
    expect(segmentOf(2, 3, 2)).toBe('hibernating');
    expect(segmentOf(3, 2, 5)).toBe('promising');
  });
});
