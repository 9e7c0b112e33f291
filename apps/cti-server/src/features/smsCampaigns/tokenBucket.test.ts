import { describe, expect, it } from 'vitest';
import { TokenBucket } from './tokenBucket.js';

describe('TokenBucket', () => {
  it('gives the rate over time, one token at the start, no more than its capacity', () => {
    const bucket = new TokenBucket(10, 5, 0);
    expect(bucket.take(100, 0)).toBe(1);
    expect(bucket.take(100, 0)).toBe(0);
    expect(bucket.take(100, 300)).toBe(3);
    expect(bucket.take(100, 10_000)).toBe(5);
    let total = 0;
    for (let t = 10_000; t <= 12_000; t += 50) total += bucket.take(100, t);
    expect(total).toBe(20);
  });

  it('slows with a new rate and takes back unused tokens', () => {
    const bucket = new TokenBucket(100, 100, 0);
    bucket.take(100, 0);
    bucket.setRate(10, 0);
    expect(bucket.take(100, 1000)).toBe(10);
    bucket.refund(4);
    expect(bucket.take(2, 1000)).toBe(2);
    expect(bucket.take(100, 1000)).toBe(2);
  });
});
