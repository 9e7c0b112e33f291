import { eq, sql } from 'drizzle-orm';
import { AppError } from '@omnicc/shared';
import type { Fence } from '../../store/Store.js';
import type { Db, Tx } from './db.js';
import { leases } from './schema.js';

/** Where a fenced store reads the fence of its next write; undefined = this node holds no lease. */
export type FenceSource = () => Fence | undefined;

/**
 * Throws UNAVAILABLE unless the fence's node still holds the lease with the
 * fence's token, by the database clock. FOR SHARE keeps the lease row from
 * changing hands until this transaction ends, so the write it guards cannot
 * land after a takeover.
 */
async function checkFence(tx: Tx, source: FenceSource): Promise<void> {
  const fence = source();
  if (!fence) throw new AppError('UNAVAILABLE', 'routing lease lost');
  const [row] = await tx
    .select({ nodeId: leases.nodeId, token: leases.token, live: sql<boolean>`${leases.expiresAt} > now()` })
    .from(leases)
    .where(eq(leases.name, fence.lease))
    .for('share');
  if (!row || row.nodeId !== fence.nodeId || row.token !== fence.token || !row.live) {
    throw new AppError('UNAVAILABLE', 'routing lease lost');
  }
}

/** A transaction whose first statement checks the fence, when there is one. */
export function fencedTransaction<T>(db: Db, fence: FenceSource | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (fence) await checkFence(tx, fence);
    return work(tx);
  });
}

/**
 * A single-statement write: straight on the pool when unfenced, else in a
 * transaction after the fence check.
 */
export function fencedWrite<T>(db: Db, fence: FenceSource | undefined, work: (q: Db | Tx) => Promise<T>): Promise<T> {
  return fence ? fencedTransaction(db, fence, work) : work(db);
}
