import type { FlowRunView } from '@omnicc/shared';
import type { FlowDocument, RunWaiting } from '@omnicc/flows';
import type { StoredRun } from '../../store/FlowStore.js';

/**
 * An ask's choice fields with their options: a field that declares none
 * offers its variable's, which is what the runtime checks the answer
 * against (the runtime's waiting fields are the node's, as drawn).
 */
function withChoices(waiting: RunWaiting, variables: FlowDocument['variables']): RunWaiting {
  if (waiting.kind !== 'ask') return waiting;
  const fields = waiting.fields.map((f) => {
    const choices = f.input === 'choice' && !f.choices ? variables.find((v) => v.name === f.variable)?.choices : undefined;
    return choices ? { ...f, choices } : f;
  });
  return { ...waiting, fields };
}

/**
 * A stored run as the agent's side panel reads it: what it waits for, its
 * variables, context, path and outcome. XState's snapshot stays on the
 * server: it is the runtime's, not the desktop's.
 */
export function runView(run: StoredRun, doc: Pick<FlowDocument, 'name' | 'variables' | 'nodes'>): FlowRunView {
  const { state } = run;
  // Captions of the nodes this run passed, so the path reads in the team lead's words, not node kinds.
  const passed = new Set(state.steps.map((s) => s.nodeId));
  const nodeLabels = Object.fromEntries(doc.nodes.filter((n) => n.label !== undefined && passed.has(n.id)).map((n) => [n.id, n.label ?? '']));
  return {
    runId: run.runId,
    interactionId: run.interactionId,
    flowKey: run.flowKey,
    flowName: doc.name,
    version: run.version,
    status: run.status,
    ...(state.status === 'waiting' && state.waiting ? { waiting: withChoices(state.waiting, doc.variables) } : {}),
    variables: state.variables,
    context: state.context,
    steps: state.steps,
    nodeLabels,
    ...(state.outcome ? { outcome: state.outcome } : {}),
    ...(state.failure ? { failure: state.failure } : {}),
    ...(run.disposition === undefined ? {} : { disposition: run.disposition }),
    startedAt: run.startedAt,
    ...(run.finishedAt === undefined ? {} : { finishedAt: run.finishedAt }),
  };
}
