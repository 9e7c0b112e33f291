/**
 * At most `size` submits waiting for their response at once. SMSCs grant
 * each bind a window (often 10) and answer ESME_RTHROTTLED or stall beyond
 * it; keeping under it avoids the round trip of a refusal.
 */
export class SubmitWindow {
  private inFlight = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.inFlight++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, so the count never dips and a newcomer cannot jump the queue.
      const next = this.queue.shift();
      if (next) next();
      else this.inFlight--;
    }
  }
}
