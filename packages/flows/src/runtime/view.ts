import type { SnapshotFrom } from 'xstate';
import type { CompiledFlow } from '../compile/compile.js';
import type { FlowMachine, FlowMachineContext } from '../compile/machine.js';
import { evaluate, valuesOf } from '../compile/program.js';
import { interpolate } from '../expr/interpolate.js';
import type { FlowNode } from '../schema/nodes.js';
import type { FlowValue } from '../schema/variables.js';
import type { EffectRequest, RunState, RunWaiting, StepRecord } from './types.js';

/** The part of the machine's context a RunState keeps inside `machine`; the rest lives in the RunState's own fields. */
export type KeptContext = Pick<FlowMachineContext, 'at' | 'auto' | 'outcome' | 'failure'>;

/** The request an effect node makes, its inputs evaluated now; the key is the run id and the node's step number. */
export function effectRequest(node: FlowNode, ctx: FlowMachineContext, compiled: CompiledFlow, seq: number): EffectRequest | undefined {
  const values = valuesOf(ctx.vars, ctx.context);
  const idempotencyKey = `${ctx.runId}:${seq}`;
  const evalAll = (m: Readonly<Record<string, string>>) => {
    const out: Record<string, FlowValue> = {};
    for (const [k, src] of Object.entries(m)) out[k] = evaluate(compiled.program, src, values);
    return out;
  };
  switch (node.kind) {
    case 'addInCall':
      return { kind: 'addInCall', nodeId: node.id, idempotencyKey, addInId: node.addInId, operation: node.operation, input: evalAll(node.input), ...(node.timeoutMs === undefined ? {} : { timeoutMs: node.timeoutMs }) };
    case 'createWorkOrder':
      return { kind: 'createWorkOrder', nodeId: node.id, idempotencyKey, workOrderType: node.workOrderType, fields: evalAll(node.fields) };
    case 'sendMessage': {
      const to = node.to !== undefined ? evaluate(compiled.program, node.to, values) : (ctx.context[node.channel === 'sms' ? 'customer.phone' : 'customer.email'] ?? null);
      return {
        kind: 'sendMessage',
        nodeId: node.id,
        idempotencyKey,
        channel: node.channel,
        to: typeof to === 'string' && to !== '' ? to : null,
        ...(node.subject === undefined ? {} : { subject: interpolate(node.subject, values) }),
        body: interpolate(node.body, values),
      };
    }
    default:
      return undefined;
  }
}

/** What a run at `node` waits for, texts interpolated with the current variables. */
function waitingAt(node: FlowNode, ctx: FlowMachineContext, compiled: CompiledFlow): RunWaiting | undefined {
  const values = valuesOf(ctx.vars, ctx.context);
  const here = ctx.steps[ctx.steps.length - 1]!;
  switch (node.kind) {
    case 'script':
      return { kind: 'script', nodeId: node.id, text: interpolate(node.text, values) };
    case 'ask':
      return { kind: 'ask', nodeId: node.id, ...(node.prompt === undefined ? {} : { prompt: interpolate(node.prompt, values) }), fields: node.fields };
    case 'waitReply':
      return { kind: 'waitReply', nodeId: node.id, deadline: new Date(Date.parse(here.at) + node.timeoutSeconds * 1000).toISOString() };
    default: {
      const request = effectRequest(node, ctx, compiled, here.seq);
      return request && { kind: 'effect', nodeId: node.id, request };
    }
  }
}

/**
 * The RunState of a machine snapshot. Variables, context and steps are
 * kept once, in the RunState's own fields; `machine` is XState's persisted
 * snapshot with only the rest of the context in it.
 */
export function runStateOf(compiled: CompiledFlow, snapshot: SnapshotFrom<FlowMachine>, persisted: object, earlierSteps: readonly StepRecord[] = []): RunState {
  const ctx = snapshot.context;
  const kept: KeptContext = { at: ctx.at, auto: ctx.auto, outcome: ctx.outcome, failure: ctx.failure };
  const state: RunState = {
    runId: ctx.runId,
    flowKey: compiled.doc.key,
    flowHash: compiled.hash,
    status: snapshot.status === 'done' ? (ctx.failure ? 'failed' : 'finished') : 'waiting',
    variables: ctx.vars,
    context: ctx.context,
    steps: earlierSteps.length === 0 ? ctx.steps : [...earlierSteps, ...ctx.steps],
    machine: { ...persisted, context: kept },
  };
  if (ctx.outcome) state.outcome = ctx.outcome;
  if (ctx.failure) state.failure = ctx.failure;
  if (snapshot.status !== 'done') {
    const node = compiled.program.nodes.get(typeof snapshot.value === 'string' ? snapshot.value : '');
    const waiting = node && waitingAt(node, ctx, compiled);
    if (waiting) state.waiting = waiting;
  }
  return state;
}
