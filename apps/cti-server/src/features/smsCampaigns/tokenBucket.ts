/**
 * A token bucket, pure (the caller passes the time): `rate` tokens a second,
 * at most `capacity` saved up. Starts with one token, so a new campaign
 * begins at once but does not burst.
 */
export class TokenBucket {
  private tokens = 1;
  private last: number;

  constructor(
    private rate: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.last = now;
  }

  /** A new rate (a throttled SMSC slows it); tokens saved so far stay. */
  setRate(rate: number, now: number): void {
    this.refill(now);
    this.rate = rate;
  }

  /** Takes whole tokens, at most `max`; how many. */
  take(max: number, now: number): number {
    this.refill(now);
    const n = Math.max(0, Math.min(max, Math.floor(this.tokens)));
    this.tokens -= n;
    return n;
  }

  /** Gives back tokens taken but not used (a claim found fewer recipients). */
  refund(n: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + n);
  }

  private refill(now: number): void {
    if (now > this.last) this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }
}
