/**
 * Sleeps that can be cut short: a reconnect backoff or a wait for the link
 * ends at once on close, so close() never waits out a 30 s backoff.
 */
export class WakeableSleeps {
  private readonly sleepers = new Set<() => void>();

  /** Resolves after `ms`, or earlier on `wakeAll`. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.sleepers.add(done);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }
}
