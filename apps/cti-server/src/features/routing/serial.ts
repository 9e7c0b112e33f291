/**
 * Runs async jobs one after another. The routing state is changed only inside
 * a job, so a decision and the writes it causes never interleave with another.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    // Keep the chain alive whatever the job did; the caller sees its own outcome.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
