import type { RoutingWriteRepository } from '../../store/Store.js';
import type { Db } from './db.js';
import { fencedTransaction, type FenceSource } from './fencing.js';
import { routingWriteStep } from './routingWriteSteps.js';

/** Routing's writes, many in one fenced transaction (see RoutingWriteRepository). */
export function createRoutingWritesRepo(db: Db, fence?: FenceSource): RoutingWriteRepository {
  return {
    commit: (writes) =>
      writes.length === 0
        ? Promise.resolve([])
        : fencedTransaction(db, fence, async (tx) => {
            const results = [];
            for (const write of writes) results.push(await routingWriteStep(tx, write));
            return results;
          }),
  };
}
