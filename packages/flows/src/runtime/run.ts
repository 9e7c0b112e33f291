import { createActor, type Snapshot } from 'xstate';
import type { CompiledFlow } from '../compile/compile.js';
import { EVENTS_OF_KIND, type FlowMachineEvent } from '../compile/machine.js';
import { WORK_ORDER_NUMBER_OUTPUT } from '../compile/program.js';
import { NODE_PORTS } from '../schema/nodes.js';
import { CONTEXT_FIELDS, flowValueSchema, type FlowContextValues, type VariableDecl } from '../schema/variables.js';
import { checkAnswers, checkOutputs } from './answers.js';
import { runEventSchema } from './eventSchema.js';
import type { RunEvent, RunEventError, RunState } from './types.js';
import { runStateOf, type KeptContext } from './view.js';

/** A time as the host has it: a Date, epoch milliseconds or an ISO string. */
export type Instant = Date | number | string;

/** Thrown by startRun for a bad start: an unknown context field, a value that is not a flow value, or a bad time. */
export class FlowRunError extends Error {
  constructor(
    readonly code: 'invalid-context' | 'invalid-time',
    message: string,
  ) {
    super(message);
    this.name = 'FlowRunError';
  }
}

function iso(now: Instant): string {
  const t = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(t)) throw new FlowRunError('invalid-time', `Not a time: ${String(now)}`);
  return new Date(t).toISOString();
}

const variablesOf = (compiled: CompiledFlow): ReadonlyMap<string, VariableDecl> => new Map(compiled.doc.variables.map((v) => [v.name, v]));

/**
 * Starts a run of a compiled flow for one interaction: it runs the automatic
 * nodes from the start and stops at the first node that waits (or ends).
 * `context` holds the read-only fields (customer, interaction, today).
 */
export function startRun(compiled: CompiledFlow, options: { runId: string; context: FlowContextValues; now: Instant }): RunState {
  for (const [k, v] of Object.entries(options.context)) {
    if (!Object.hasOwn(CONTEXT_FIELDS, k)) throw new FlowRunError('invalid-context', `"${k}" is not a context field (${Object.keys(CONTEXT_FIELDS).join(', ')})`);
    if (!flowValueSchema.safeParse(v).success) throw new FlowRunError('invalid-context', `The context field "${k}" holds a value that is not text, a finite number, a boolean or null`);
  }
  const input = { runId: options.runId, vars: { ...compiled.program.initial }, context: { ...options.context }, at: iso(options.now) };
  const actor = createActor(compiled.machine, { input }).start();
  return runStateOf(compiled, actor.getSnapshot(), actor.getPersistedSnapshot());
}

const refuse = (state: RunState, code: RunEventError['code'], en: string, zh: string, fieldErrors?: RunEventError['fieldErrors']) => ({
  ok: false as const,
  state,
  error: { code, message: { en, 'zh-CN': zh }, ...(fieldErrors ? { fieldErrors } : {}) },
});

function looksLikeRunState(state: unknown): state is RunState {
  if (typeof state !== 'object' || state === null) return false;
  const s = state as Partial<RunState>;
  const m = s.machine as { value?: unknown; context?: unknown } | undefined;
  return typeof s.runId === 'string' && Array.isArray(s.steps) && typeof s.variables === 'object' && s.variables !== null && typeof s.context === 'object' && s.context !== null && typeof m === 'object' && m !== null && typeof m.value === 'string';
}

/**
 * Hands one event to a run. A refused event (wrong node, wrong kind of
 * event, invalid answers, a finished run, a state of another flow) leaves
 * the state as it was and says why, per field where it can. The state may
 * come straight from JSON: a run resumes at the same step after a reload
 * or a crash.
 */
export function sendEvent(compiled: CompiledFlow, state: RunState, event: RunEvent, now: Instant): { ok: true; state: RunState } | { ok: false; error: RunEventError; state: RunState } {
  if (!looksLikeRunState(state)) return refuse(state, 'invalid-state', 'This is not a run state', '这不是有效的流程运行状态');
  const parsed = runEventSchema.safeParse(event);
  if (!parsed.success) return refuse(state, 'wrong-event', `The event is malformed: ${parsed.error.issues[0]?.message ?? ''}`, `事件格式不正确：${parsed.error.issues[0]?.message ?? ''}`);
  event = parsed.data;
  if (state.flowHash !== compiled.hash) return refuse(state, 'flow-mismatch', 'The run belongs to another version of the flow', '该运行属于流程的其他版本');
  const machine = state.machine as { value: string; status?: string; context: KeptContext };
  if (state.status !== 'waiting' || machine.status === 'done') return refuse(state, 'run-finished', 'The run has finished', '流程已结束');
  const node = compiled.program.nodes.get(machine.value);
  if (!node) return refuse(state, 'invalid-state', 'The run is at a node this flow does not have', '运行停在本流程不存在的节点上');
  if (event.nodeId !== node.id) return refuse(state, 'wrong-node', `The run waits at "${node.id}", not "${event.nodeId}"`, `流程当前停在 "${node.id}"，不是 "${event.nodeId}"`);
  if (!(EVENTS_OF_KIND[node.kind] ?? []).includes(event.type)) return refuse(state, 'wrong-event', `A ${node.kind} node does not take "${event.type}"`, `${node.kind} 节点不接受 "${event.type}" 事件`);
  const variables = variablesOf(compiled);
  let machineEvent: FlowMachineEvent;
  const at = iso(now);
  if (event.type === 'submit' && node.kind === 'ask') {
    const checked = checkAnswers(node, variables, event.values);
    if (!checked.ok) return refuse(state, 'invalid-answer', 'Some answers are not valid', '部分答案不符合要求', checked.fieldErrors);
    machineEvent = { type: 'submit', nodeId: node.id, values: checked.values, at };
  } else if (event.type === 'effectResult' && (node.kind === 'addInCall' || node.kind === 'createWorkOrder' || node.kind === 'sendMessage')) {
    if (!NODE_PORTS[node.kind].includes(event.result.outcome))
      return refuse(state, 'invalid-answer', `A ${node.kind} node answers ${NODE_PORTS[node.kind].join(' or ')}, not ${event.result.outcome}`, `${node.kind} 节点的结果只能是 ${NODE_PORTS[node.kind].join(' 或 ')}，不能是 ${event.result.outcome}`);
    const errors = event.result.outcome === 'ok' ? checkOutputs(node, variables, event.result.output ?? {}, WORK_ORDER_NUMBER_OUTPUT) : {};
    if (Object.keys(errors).length > 0) return refuse(state, 'invalid-answer', 'The result does not fit the flow', '返回结果与流程不符', errors);
    machineEvent = { type: 'effectResult', nodeId: node.id, result: event.result, at };
  } else machineEvent = { ...(event as Extract<RunEvent, { type: 'next' | 'reply' | 'timeout' }>), at };
  try {
    // Only the waiting node's step goes into the machine; the earlier path is joined back after (see FlowMachineContext).
    const tail = state.steps.slice(-1);
    const seqBase = Math.max(0, state.steps.length - 1);
    const snapshot = { ...machine, context: { ...machine.context, runId: state.runId, vars: state.variables, context: state.context, steps: tail, seqBase } } as unknown as Snapshot<unknown>;
    // The input is ignored when a snapshot is given; XState's types still ask for one.
    const input = { runId: state.runId, vars: state.variables, context: state.context, at };
    const actor = createActor(compiled.machine, { snapshot, input }).start();
    actor.send(machineEvent);
    return { ok: true, state: runStateOf(compiled, actor.getSnapshot(), actor.getPersistedSnapshot(), state.steps.slice(0, seqBase)) };
  } catch {
    return refuse(state, 'invalid-state', 'The run state could not be restored', '无法恢复流程运行状态');
  }
}
