import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { AppError } from '@omnicc/shared';
import type { RunState } from '@omnicc/flows';
import type { FlowRuns, StoredRun } from '../../store/FlowStore.js';
import { fromIso, toIso, type Db, type Tx } from './db.js';
import { flowRuns, flowRunSteps } from './flowSchema.js';
import { isUuid } from './pgErrors.js';

type RunRow = typeof flowRuns.$inferSelect;

function toRun(row: RunRow): StoredRun {
  return {
    runId: row.id,
    interactionId: row.interactionId,
    flowKey: row.flowKey,
    version: row.version,
    ...(row.agentId === null ? {} : { agentId: row.agentId }),
    state: row.state as RunState,
    status: row.status,
    stepCount: row.stepCount,
    startedAt: toIso(row.startedAt),
    updatedAt: toIso(row.updatedAt),
    ...(row.finishedAt === null ? {} : { finishedAt: toIso(row.finishedAt) }),
    ...(row.disposition === null ? {} : { disposition: row.disposition }),
  };
}

/** The columns a run's state decides: what it waits for, its deadline, how it ended. */
function stateColumns(state: RunState, at: string) {
  const waiting = state.status === 'waiting' ? state.waiting : undefined;
  const outcome = state.status === 'finished' ? state.outcome : undefined;
  return {
    state,
    status: state.status,
    waitingKind: waiting?.kind ?? null,
    deadline: waiting?.kind === 'waitReply' ? fromIso(waiting.deadline) : null,
    stepCount: state.steps.length,
    updatedAt: fromIso(at),
    finishedAt: state.status === 'waiting' ? null : fromIso(at),
    disposition: outcome?.kind === 'ended' ? outcome.disposition : null,
    outcome: outcome ?? null,
  };
}

/** Writes the steps from index `from` on: new ones are inserted, the one the run just left gets its port (and input). */
async function writeSteps(tx: Tx, runId: string, state: RunState, from: number): Promise<void> {
  const steps = state.steps.slice(Math.max(0, from));
  if (steps.length === 0) return;
  await tx
    .insert(flowRunSteps)
    .values(steps.map((s) => ({ runId, seq: s.seq, nodeId: s.nodeId, kind: s.kind, at: fromIso(s.at), input: s.input ?? null, port: s.port ?? null })))
    .onConflictDoUpdate({ target: [flowRunSteps.runId, flowRunSteps.seq], set: { port: sql`excluded.port`, input: sql`excluded.input` } });
}

/** Flow runs on PostgreSQL (FlowRuns' rules). */
export function createFlowRunsRepo(db: Db): FlowRuns {
  const get = async (runId: string) => {
    if (!isUuid(runId)) return undefined;
    const [row] = await db.select().from(flowRuns).where(eq(flowRuns.id, runId));
    return row && toRun(row);
  };
  const waiting = eq(flowRuns.status, 'waiting');
  return {
    start: (run) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(flowRuns)
          .values({
            id: run.runId,
            interactionId: run.interactionId,
            flowKey: run.flowKey,
            version: run.version,
            agentId: run.agentId ?? null,
            startedAt: fromIso(run.at),
            ...stateColumns(run.state, run.at),
          })
          .onConflictDoNothing({ target: [flowRuns.interactionId, flowRuns.flowKey] })
          .returning();
        if (!row) {
          const [existing] = await tx.select().from(flowRuns).where(and(eq(flowRuns.interactionId, run.interactionId), eq(flowRuns.flowKey, run.flowKey)));
          if (!existing) throw new AppError('CONFLICT', 'run insert lost a race it cannot see');
          return { run: toRun(existing), created: false };
        }
        await writeSteps(tx, row.id, run.state, 0);
        return { run: toRun(row), created: true };
      }),

    get,

    async latestFor(interactionId) {
      if (!isUuid(interactionId)) return undefined;
      const [row] = await db.select().from(flowRuns).where(eq(flowRuns.interactionId, interactionId)).orderBy(desc(flowRuns.startedAt), desc(flowRuns.id)).limit(1);
      return row && toRun(row);
    },

    save: (runId, expectedStepCount, state, at) =>
      db.transaction(async (tx) => {
        if (!isUuid(runId)) throw new AppError('NOT_FOUND', `flow run ${runId} not found`);
        const [row] = await tx
          .update(flowRuns)
          .set(stateColumns(state, at))
          .where(and(eq(flowRuns.id, runId), eq(flowRuns.stepCount, expectedStepCount)))
          .returning();
        if (!row) {
          const [current] = await tx.select({ stepCount: flowRuns.stepCount }).from(flowRuns).where(eq(flowRuns.id, runId));
          if (!current) throw new AppError('NOT_FOUND', `flow run ${runId} not found`);
          throw new AppError('CONFLICT', `the flow run moved on (${current.stepCount} steps, not ${expectedStepCount}): reload it`);
        }
        // The step the run was at when loaded is the one it just left: its port is written now.
        await writeSteps(tx, runId, state, expectedStepCount - 1);
        return toRun(row);
      }),

    async waitingForReply(interactionId) {
      if (!isUuid(interactionId)) return [];
      return (await db.select().from(flowRuns).where(and(eq(flowRuns.interactionId, interactionId), waiting, eq(flowRuns.waitingKind, 'waitReply')))).map(toRun);
    },

    async replyDeadlinesDue(at, limit) {
      const rows = await db
        .select()
        .from(flowRuns)
        .where(and(waiting, eq(flowRuns.waitingKind, 'waitReply'), lte(flowRuns.deadline, fromIso(at))))
        .orderBy(asc(flowRuns.deadline))
        .limit(limit);
      return rows.map(toRun);
    },

    async effectsPending(limit) {
      return (await db.select().from(flowRuns).where(and(waiting, eq(flowRuns.waitingKind, 'effect'))).orderBy(asc(flowRuns.updatedAt)).limit(limit)).map(toRun);
    },
  };
}
