/**
 * Runs a task one at a time; asking while it runs schedules exactly one
 * more run after it (however often it was asked), so every request is
 * served by a run that started after it, without overlapping runs. Used for
 * "sync this mailbox" and "send what is due", which each read their own
 * state afresh.
 */
export class CoalescingRunner {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly task: () => Promise<void>,
    /** Checked before each run: false stops the chain (the owner is stopping). */
    private readonly active: () => boolean = () => true,
  ) {}

  /** Resolves when the run that serves this request is over. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        if (!this.active()) break;
        await this.task();
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Resolves once no run is under way. */
  async idle(): Promise<void> {
    await this.running;
  }
}
