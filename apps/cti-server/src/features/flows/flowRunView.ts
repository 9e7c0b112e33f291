import type { FlowRunView } from '@omnicc/shared';
import type { StoredRun } from '../../store/FlowStore.js';

/**
 * A stored run as the agent's side panel reads it: what it waits for, its
 * variables, context, path and outcome. XState's snapshot stays on the
 * server: it is the runtime's, not the desktop's.
 */
export function runView(run: StoredRun, flowName: string): FlowRunView {
  const { state } = run;
  return {
    runId: run.runId,
    interactionId: run.interactionId,
    flowKey: run.flowKey,
    flowName,
    version: run.version,
    status: run.status,
    ...(state.status === 'waiting' && state.waiting ? { waiting: state.waiting } : {}),
    variables: state.variables,
    context: state.context,
    steps: state.steps,
    ...(state.outcome ? { outcome: state.outcome } : {}),
    ...(state.failure ? { failure: state.failure } : {}),
    ...(run.disposition === undefined ? {} : { disposition: run.disposition }),
    startedAt: run.startedAt,
    ...(run.finishedAt === undefined ? {} : { finishedAt: run.finishedAt }),
  };
}
