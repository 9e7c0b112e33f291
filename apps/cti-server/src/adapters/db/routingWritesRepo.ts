import type { RoutingWriteRepository } from '../../store/Store.js';
import type { Db } from './db.js';
import { fencedTransaction, type FenceSource } from './fencing.js';
import { commitAsOneStatement } from './routingBatchStatement.js';
import { routingWriteStep } from './routingWriteSteps.js';

/**
 * Routing's writes, many in one fenced transaction (see RoutingWriteRepository).
 * Most batches go as one statement (routingBatchStatement.ts); the others,
 * and any that statement gave up on, go a statement at a time in a
 * transaction, which also says which write was refused and why.
 */
export function createRoutingWritesRepo(db: Db, fence?: FenceSource): RoutingWriteRepository {
  return {
    async commit(writes) {
      if (writes.length === 0) return [];
      const current = fence?.();
      // No fence while fenced: not the owner; the long way says so (UNAVAILABLE).
      const fast = fence && !current ? undefined : await commitAsOneStatement(db, writes, current);
      return (
        fast ??
        fencedTransaction(db, fence, async (tx) => {
          const results = [];
          for (const write of writes) results.push(await routingWriteStep(tx, write));
          return results;
        })
      );
    },
  };
}
