export interface BackoffOptions {
  /** Delay before the first retry. */
  minMs: number;
  /** No delay grows past this. */
  maxMs: number;
  /** [0, 1); Math.random in production, fixed in tests. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): doubling from `minMs` up
 * to `maxMs`, then "equal jitter" (half fixed, half random), so many
 * gateways or nodes that lost one SMSC at once do not all come back in the
 * same millisecond, while none retries sooner than half its step.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const step = Math.min(options.maxMs, options.minMs * 2 ** Math.min(attempt, 30));
  const random = (options.random ?? Math.random)();
  return Math.round(step / 2 + (step / 2) * random);
}
