import type { Clock } from '../../../clock.js';

/** closed: calls go through; open: refused at once until the cool-down ends; halfOpen: one trial call decides. */
export type BreakerState = 'closed' | 'open' | 'halfOpen';
export const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'halfOpen'];

export interface BreakerOptions {
  /** Failures within `windowMs` that open the breaker. */
  failureThreshold: number;
  windowMs: number;
  /** How long it stays open before letting one trial call through. */
  coolDownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, windowMs: 30_000, coolDownMs: 10_000 };

/**
 * A circuit breaker per add-in: after `failureThreshold` failures within
 * `windowMs` it opens, and calls fail at once (BREAKER_OPEN) instead of
 * waiting out their budget against a system that is down; after
 * `coolDownMs` one call is let through (half-open), and its result closes
 * or reopens it. Time comes from the injected clock, so tests step it.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures: number[] = [];
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private readonly clock: Clock,
    private readonly options: BreakerOptions = DEFAULT_BREAKER,
    private readonly onChange: (state: BreakerState) => void = () => {},
  ) {}

  /** The state now (an open breaker whose cool-down is over reads halfOpen). */
  get state(): BreakerState {
    if (this.current === 'open' && this.clock.now() - this.openedAt >= this.options.coolDownMs) this.set('halfOpen');
    return this.current;
  }

  /** Whether a call may start; in half-open only one trial at a time. Call `success` or `failure` after. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.trialInFlight = false;
    this.failures = [];
    if (this.current !== 'closed') this.set('closed');
  }

  failure(): void {
    const now = this.clock.now();
    this.trialInFlight = false;
    if (this.current === 'halfOpen') return this.open(now);
    this.failures = this.failures.filter((t) => now - t < this.options.windowMs);
    this.failures.push(now);
    if (this.failures.length >= this.options.failureThreshold) this.open(now);
  }

  /** A call let through that ended without saying anything about the system (our own input refused). */
  release(): void {
    this.trialInFlight = false;
  }

  private open(now: number): void {
    this.openedAt = now;
    this.failures = [];
    this.set('open');
  }

  private set(state: BreakerState): void {
    this.current = state;
    this.onChange(state);
  }
}
