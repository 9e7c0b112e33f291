import { createDataset, DEFAULT_SUBSCRIBERS } from '@omnicc/bss-sim/data';
import type { Queryable } from '../features/customers/identity.js';
import { customerFromSubscriber, upsertSeedCustomers, type SeedCustomer } from './customerRows.js';

/** How many and from which generator. */
export interface BulkCustomerOptions {
  count: number;
  /** Rows per statement group (default 5,000). */
  batch?: number;
  /** The BSS simulator's seed and day: the same as the simulator the card's add-in reads, so the numbers match. */
  seed?: number;
  asOf?: string;
  /** Index of the first subscriber (default 0). */
  from?: number;
  onProgress?: (done: number, elapsedMs: number) => void;
}

/**
 * Seeds customers 0 … count-1 of the BSS simulator's base (lines, tiers,
 * managers, churn hints, contact points) with multi-row upserts, batch by
 * batch; building the next batch overlaps the database writing the last.
 * Idempotent: ids derive from the numbers, so a rerun updates in place.
 * Returns rows per second.
 */
export async function seedBulkCustomers(db: Queryable, options: BulkCustomerOptions): Promise<{ customers: number; ms: number; perSecond: number }> {
  const batch = options.batch ?? 5_000;
  const from = options.from ?? 0;
  const dataset = createDataset({ subscribers: Math.max(DEFAULT_SUBSCRIBERS, from + options.count), ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.asOf ? { asOf: options.asOf } : {}) });
  const at = new Date().toISOString();
  const started = Date.now();
  const build = (start: number): SeedCustomer[] => {
    const rows: SeedCustomer[] = [];
    for (let i = start; i < Math.min(from + options.count, start + batch); i++) rows.push(customerFromSubscriber(dataset, i));
    return rows;
  };
  let pending: Promise<void> = Promise.resolve();
  for (let start = from; start < from + options.count; start += batch) {
    const rows = build(start);
    await pending;
    options.onProgress?.(start - from, Date.now() - started);
    pending = upsertSeedCustomers(db, rows, at);
  }
  await pending;
  const ms = Date.now() - started;
  return { customers: options.count, ms, perSecond: Math.round((options.count / Math.max(1, ms)) * 1000) };
}
