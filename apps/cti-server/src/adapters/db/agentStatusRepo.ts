import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AgentStatusRepository } from '../../store/Store.js';
import { toIso, type Db } from './db.js';
import { fencedWrite, type FenceSource } from './fencing.js';
import { isUuid } from './pgErrors.js';
import { recordStatusStep } from './routingWriteSteps.js';
import { agentStatusLog } from './schema.js';

/** Append-only agent status history; the latest row is the current status. Recording is fenced when `fence` is given. */
export function createAgentStatusRepo(db: Db, fence?: FenceSource): AgentStatusRepository {
  return {
    record: (agentId, status, reasonCode, at) => fencedWrite(db, fence, (q) => recordStatusStep(q, agentId, status, reasonCode, at)),

    async latest(agentId) {
      if (!isUuid(agentId)) return undefined;
      const [row] = await db
        .select()
        .from(agentStatusLog)
        .where(eq(agentStatusLog.agentId, agentId))
        // id breaks ties between changes recorded in the same millisecond.
        .orderBy(desc(agentStatusLog.at), desc(agentStatusLog.id))
        .limit(1);
      if (!row) return undefined;
      return { status: row.status, ...(row.reasonCode !== null ? { reasonCode: row.reasonCode } : {}), at: toIso(row.at) };
    },

    async lastChoice(agentId) {
      if (!isUuid(agentId)) return undefined;
      const [row] = await db
        .select()
        .from(agentStatusLog)
        .where(and(eq(agentStatusLog.agentId, agentId), inArray(agentStatusLog.status, ['ready', 'notReady', 'offline'])))
        .orderBy(desc(agentStatusLog.at), desc(agentStatusLog.id))
        .limit(1);
      if (!row || row.status === 'offline') return undefined;
      return row.status === 'ready' ? { status: 'ready' } : { status: 'notReady', ...(row.reasonCode !== null ? { reasonCode: row.reasonCode } : {}) };
    },
  };
}
