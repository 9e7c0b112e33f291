import { AppError, type Interaction } from '@omnicc/shared';
import type { RoutingWrite } from '../../store/Store.js';

/** How one write ended: its result, or the store's refusal of it (the others of its batch stand). */
export type WriteOutcome = { ok: true; value: Interaction | undefined } | { ok: false; error: AppError };

/**
 * One step of a decision's aftermath: a write (optional) and what to do
 * once it is settled, e.g. push to a desktop. `settled` runs only after the
 * whole batch holding it committed, in submission order; it must not throw.
 */
export interface CommitItem {
  write?: RoutingWrite;
  settled: (outcome: WriteOutcome) => void;
}

/** A refusal by the stored state: the write is wrong, not the database. Anything else fails the batch. */
const isRefusal = (err: unknown): err is AppError =>
  err instanceof AppError && (err.code === 'INVALID_STATE' || err.code === 'NOT_FOUND' || err.code === 'CONFLICT' || err.code === 'BAD_REQUEST');

interface Batch {
  items: CommitItem[];
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch nobody awaits (e.g. a tick's) must not become an unhandled rejection; onFailure reports it.
  done.catch(() => undefined);
  return { items: [], done, resolve, reject };
}

/**
 * Group commit for the routing owner. Decisions are made one at a time in
 * memory (microseconds); their writes queue here and commit together: while
 * one batch is in the database, the next collects everything decided
 * meanwhile, so a busy owner pays one fence check and one WAL flush for many
 * decisions instead of one each. Batches run one after another, so the store
 * sees writes in decision order.
 *
 * A refusal (the stored interaction moved on) rolls the batch back; its writes
 * then run one per transaction, so only the refused one fails. Any other
 * failure (database down, lease lost) fails the whole batch: nothing of it is
 * written, its items are not settled, and `onFailure` is told (the owner gives
 * routing up and whoever takes it rebuilds from the store).
 */
export class GroupCommit {
  private next: Batch | undefined;
  private running: Batch | undefined;

  constructor(
    private readonly commit: (writes: readonly RoutingWrite[]) => Promise<(Interaction | undefined)[]>,
    private readonly onFailure: (err: unknown) => void,
  ) {}

  /** Queues items behind everything submitted before; resolves once their batch committed and settled them, rejects if it failed. */
  submit(items: readonly CommitItem[]): Promise<void> {
    this.next ??= newBatch();
    this.next.items.push(...items);
    const { done } = this.next;
    if (!this.running) void this.drain();
    return done;
  }

  /** Resolves once everything submitted so far has committed or failed. */
  idle(): Promise<void> {
    const last = this.next ?? this.running;
    return last ? last.done.catch(() => undefined) : Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.next) {
      const batch = (this.running = this.next);
      this.next = undefined;
      try {
        await this.runBatch(batch.items);
        batch.resolve();
      } catch (err) {
        this.onFailure(err);
        batch.reject(err);
      }
    }
    this.running = undefined;
  }

  private async runBatch(items: readonly CommitItem[]): Promise<void> {
    const writes = items.flatMap((i) => (i.write ? [i.write] : []));
    let results: (Interaction | undefined)[];
    try {
      results = await this.commit(writes);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      // A lone write's refusal is its own; among several, find out whose it was.
      if (writes.length === 1) return this.settleAll(items, (item) => (item.write ? { ok: false, error: err } : { ok: true, value: undefined }));
      return this.oneByOne(items);
    }
    let next = 0;
    this.settleAll(items, (item) => ({ ok: true, value: item.write ? results[next++] : undefined }));
  }

  /** After a refusal: each write in its own transaction, so the others still commit. */
  private async oneByOne(items: readonly CommitItem[]): Promise<void> {
    const outcomes: WriteOutcome[] = [];
    for (const item of items) {
      if (!item.write) {
        outcomes.push({ ok: true, value: undefined });
        continue;
      }
      try {
        const [value] = await this.commit([item.write]);
        outcomes.push({ ok: true, value });
      } catch (err) {
        if (!isRefusal(err)) throw err;
        outcomes.push({ ok: false, error: err });
      }
    }
    let i = 0;
    this.settleAll(items, () => outcomes[i++] ?? { ok: true, value: undefined });
  }

  private settleAll(items: readonly CommitItem[], outcome: (item: CommitItem) => WriteOutcome): void {
    for (const item of items) item.settled(outcome(item));
  }
}
