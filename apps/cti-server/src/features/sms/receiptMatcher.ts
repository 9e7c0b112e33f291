import type { DeliveryReceipt } from './smsGateway.js';

export interface ReceiptMatcherOptions {
  /** How long an id stays known after its write, and an early receipt is kept. */
  ttlMs: number;
  /** Early receipts kept at most (the oldest go first); an SMSC sending receipts for ids we never stored must not fill memory. */
  maxEarly: number;
  now: () => number;
}

/**
 * Closes the race between a send and its receipts. The SMSC may send a
 * part's receipt before the write that stores the part's id has committed
 * (it answers submit_sm, then reports delivery a few milliseconds later),
 * so a receipt can find no row. The outbox wraps each write of accepted ids
 * in `storing`; the receipt listener asks `afterMiss` when its lookup found
 * nothing: wait for a write under way (or done lately) and look again, or
 * keep the receipt, which `storing` hands back once its ids are stored.
 * Both run on the routing owner, in the process that holds the bind; after
 * a crash the send is made again with new ids, so nothing kept here needs
 * to outlive the process.
 */
export class ReceiptMatcher {
  /** Ids whose write is under way or done within ttlMs: the write's promise (settled = committed or failed). */
  private readonly known = new Map<string, { written: Promise<unknown>; at: number }>();
  private readonly early = new Map<string, { receipts: DeliveryReceipt[]; at: number }>();

  constructor(private readonly options: ReceiptMatcherOptions) {}

  /**
   * Runs the write that stores `ids`, then returns with it the receipts that
   * came for them before (to be applied now). The ids are registered before
   * the write starts, synchronously: a receipt that misses the row after
   * this sees them and waits; one that missed before was kept, and is
   * handed back here.
   */
  async storing<T>(ids: readonly string[], write: () => Promise<T>): Promise<{ result: T; early: DeliveryReceipt[] }> {
    this.expire();
    const written = write();
    const entry = { written: written.catch(() => undefined), at: this.options.now() };
    for (const id of ids) this.known.set(id, entry);
    const result = await written;
    const early = ids.flatMap((id) => {
      const kept = this.early.get(id);
      this.early.delete(id);
      return kept?.receipts ?? [];
    });
    return { result, early };
  }

  /** Before the first lookup: the write storing this id, if one is under way (wait for it rather than miss). */
  pendingWrite(messageId: string): Promise<unknown> | undefined {
    return this.known.get(messageId)?.written;
  }

  /**
   * The receipt's lookup found no row. `retry`: its id is being or was just
   * written; look again once `written` settled. `kept`: held until a write
   * of its id hands it back (or ttlMs passes: an id we never stored).
   * Synchronous on purpose: see `storing`.
   */
  afterMiss(receipt: DeliveryReceipt): { kind: 'retry'; written: Promise<unknown> } | { kind: 'kept' } {
    this.expire();
    const known = this.known.get(receipt.messageId);
    if (known) return { kind: 'retry', written: known.written };
    const kept = this.early.get(receipt.messageId);
    if (kept) kept.receipts.push(receipt);
    else this.early.set(receipt.messageId, { receipts: [receipt], at: this.options.now() });
    while (this.early.size > this.options.maxEarly) this.early.delete(this.early.keys().next().value as string);
    return { kind: 'kept' };
  }

  /** How many receipts wait for their ids (for tests and logs). */
  get earlyCount(): number {
    return this.early.size;
  }

  /** Maps keep insertion order, so the oldest entries are first: drop them until one is young enough. */
  private expire(): void {
    const cutoff = this.options.now() - this.options.ttlMs;
    for (const map of [this.known, this.early] as Map<string, { at: number }>[]) {
      for (const [id, entry] of map) {
        if (entry.at >= cutoff) break;
        map.delete(id);
      }
    }
  }
}
