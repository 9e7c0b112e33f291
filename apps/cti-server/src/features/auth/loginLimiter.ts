/**
 * Slows password guessing: after `maxFailures` failed logins for one
 * username or one address within `windowMs`, further tries are refused
 * until the window passes. In memory: per node, which is enough to make
 * online guessing impractical; a shared limiter comes with scale-out.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly now: () => number,
    private readonly maxFailures = 10,
    private readonly windowMs = 5 * 60_000,
  ) {}

  isBlocked(keys: string[]): boolean {
    return keys.some((k) => {
      const f = this.failures.get(k);
      return f !== undefined && this.now() - f.since < this.windowMs && f.count >= this.maxFailures;
    });
  }

  fail(keys: string[]): void {
    for (const k of keys) {
      const f = this.failures.get(k);
      if (!f || this.now() - f.since >= this.windowMs) this.failures.set(k, { count: 1, since: this.now() });
      else f.count++;
    }
    if (this.failures.size > 100_000) this.failures.clear(); // bounded memory under a spray
  }

  succeed(keys: string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}
