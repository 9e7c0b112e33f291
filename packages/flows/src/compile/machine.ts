import { assign, setup } from 'xstate';
import type { FlowDocument } from '../schema/flowDocument.js';
import { NODE_PORTS, type FlowNode } from '../schema/nodes.js';
import type { FlowContextValues, FlowValue } from '../schema/variables.js';
import type { RunFailure, RunOutcome, StepRecord } from '../runtime/types.js';
import type { FlowGraph } from '../validate/graph.js';
import { applyInput, assignAll, evaluate, portOf, valuesOf, type FlowProgram, type NodeInput } from './program.js';

/** Steps a run may take on its own (automatic nodes and effects) between two events from a person. */
export const STEP_LIMIT = 10_000;

/** The state a run goes to when it cannot go on (step limit, or no edge holds). Not a node id: ids have no `$`. */
export const FAILED_STATE = '$failed';

/** Events a person or the host answers a waiting node with, stamped with the time. */
export type FlowMachineEvent = NodeInput & { nodeId: string; at: string };

/**
 * The machine's context. Variables are the run's; `auto` counts steps since a
 * person last acted. `steps` holds only the tail of the path, from the step
 * of the node the run waited at when the event came (`seqBase` is its seq):
 * XState copies and walks the whole context on every restore and persist,
 * so the full path in here made each event cost as much as the path was long.
 */
export interface FlowMachineContext {
  runId: string;
  vars: Record<string, FlowValue>;
  context: FlowContextValues;
  steps: StepRecord[];
  seqBase: number;
  /** ISO time of the event being handled (of the start, at first). */
  at: string;
  auto: number;
  outcome: RunOutcome | null;
  failure: RunFailure | null;
}

export interface FlowMachineInput {
  runId: string;
  vars: Record<string, FlowValue>;
  context: FlowContextValues;
  at: string;
}

const AUTOMATIC = new Set<FlowNode['kind']>(['start', 'decision', 'setVariable']);
const PERSON = new Set(['next', 'submit', 'reply', 'timeout']);
/** The events each waiting node kind takes (the runtime refuses others before the machine sees them). */
export const EVENTS_OF_KIND: Partial<Record<FlowNode['kind'], readonly FlowMachineEvent['type'][]>> = {
  script: ['next'],
  ask: ['submit'],
  waitReply: ['reply', 'timeout'],
  addInCall: ['effectResult'],
  createWorkOrder: ['effectResult'],
  sendMessage: ['effectResult'],
};

const inputOf = (e: FlowMachineEvent): NodeInput => {
  const { nodeId: _n, at: _a, ...input } = e;
  return input;
};

/** The machine's guards and actions, bound to one flow's program. Configs name them with JSON params only. */
function flowSetup(program: FlowProgram) {
  return setup({
    types: {
      context: {} as FlowMachineContext,
      events: {} as FlowMachineEvent,
      input: {} as FlowMachineInput,
      output: {} as RunOutcome | RunFailure | null,
    },
    guards: {
      edge: ({ context, event }, params: { nodeId: string; edgeId: string; port: string; fromEvent: boolean }) => {
        const person = params.fromEvent && PERSON.has(event.type);
        if (!person && context.auto >= STEP_LIMIT) return false;
        if (params.fromEvent && portOf(inputOf(event)) !== params.port) return false;
        const guard = program.edges.get(params.edgeId)?.guard;
        if (guard === undefined) return true;
        const node = program.nodes.get(params.nodeId)!;
        const vars = params.fromEvent ? applyInput(node, context.vars, inputOf(event)) : context.vars;
        return evaluate(program, guard, valuesOf(vars, context.context)) === true;
      },
    },
    actions: {
      enter: assign(({ context }, params: { nodeId: string; kind: FlowNode['kind'] }) => {
        const step: StepRecord = { seq: context.seqBase + context.steps.length, nodeId: params.nodeId, kind: params.kind, at: context.at };
        const node = program.nodes.get(params.nodeId)!;
        const vars = params.kind === 'setVariable' ? assignAll(program, node, context.vars, context.context) : context.vars;
        return { steps: [...context.steps, step], auto: context.auto + 1, vars };
      }),
      leave: assign(({ context, event }, params: { nodeId: string; port: string; fromEvent: boolean }) => {
        const steps = [...context.steps];
        const last = steps.length - 1;
        if (!params.fromEvent) {
          steps[last] = { ...steps[last]!, port: params.port };
          return { steps };
        }
        const input = inputOf(event);
        const { type: _t, ...recorded } = input;
        steps[last] = { ...steps[last]!, port: params.port, ...(Object.keys(recorded).length > 0 ? { input: recorded } : {}) };
        const vars = applyInput(program.nodes.get(params.nodeId)!, context.vars, input);
        return { steps, vars, at: event.at, auto: PERSON.has(event.type) ? 0 : context.auto };
      }),
      finish: assign((_, params: { outcome: RunOutcome }) => ({ outcome: params.outcome })),
      fail: assign(({ context }, params: { nodeId: string }) => {
        const limit = context.auto >= STEP_LIMIT;
        const failure: RunFailure = {
          code: limit ? 'step-limit' : 'stuck',
          nodeId: params.nodeId,
          message: limit
            ? { en: `The run took ${STEP_LIMIT} steps without anyone acting and was stopped`, 'zh-CN': `流程在无人操作的情况下执行了 ${STEP_LIMIT} 步，已被终止` }
            : { en: 'No edge leaving this node holds: the run cannot go on', 'zh-CN': '此节点没有可走的连线，流程无法继续' },
        };
        return { failure };
      }),
    },
  });
}

type MachineConfig = Parameters<ReturnType<typeof flowSetup>['createMachine']>[0];
type StateConfig = NonNullable<MachineConfig['states']>[string];
// Not generic, so its return type is the concrete machine (ReturnType of the generic createMachine is not).
const createFlowMachine = (program: FlowProgram, config: MachineConfig) => flowSetup(program).createMachine(config);
/** The XState machine of a compiled flow. */
export type FlowMachine = ReturnType<typeof createFlowMachine>;

/** The transitions of a node's ports, in trial order, then the way to the failed state. */
function transitions(graph: FlowGraph, i: number, fromEvent: boolean, ports: readonly string[]) {
  const node = graph.nodes[i]!;
  const edges = ports.flatMap((p) => graph.ports[i]!.get(p) ?? []);
  return [
    ...edges.map((e) => ({
      target: e.target,
      reenter: true,
      guard: { type: 'edge' as const, params: { nodeId: node.id, edgeId: e.id, port: e.sourcePort, fromEvent } },
      actions: [{ type: 'leave' as const, params: { nodeId: node.id, port: e.sourcePort, fromEvent } }],
    })),
    { target: FAILED_STATE, actions: [{ type: 'fail' as const, params: { nodeId: node.id } }] },
  ];
}

function stateOf(graph: FlowGraph, i: number): StateConfig {
  const node = graph.nodes[i]!;
  const entry = [{ type: 'enter' as const, params: { nodeId: node.id, kind: node.kind } }];
  if (node.kind === 'end' || node.kind === 'transfer') {
    const outcome: RunOutcome = node.kind === 'end' ? { kind: 'ended', nodeId: node.id, disposition: node.disposition } : { kind: 'transferred', nodeId: node.id, queueId: node.queueId };
    return { type: 'final', entry: [...entry, { type: 'finish' as const, params: { outcome } }] };
  }
  if (AUTOMATIC.has(node.kind)) return { entry, always: transitions(graph, i, false, NODE_PORTS[node.kind]) };
  const on: Record<string, ReturnType<typeof transitions>> = {};
  const events = EVENTS_OF_KIND[node.kind] ?? [];
  for (const type of events) on[type] = transitions(graph, i, true, type === 'effectResult' ? NODE_PORTS[node.kind] : [type === 'reply' || type === 'timeout' ? type : 'out']);
  return { entry, on };
}

/**
 * The XState v5 machine of a (valid) flow: one state per node, named by its
 * id, in document order. Automatic nodes move on with `always` transitions;
 * the others wait for their event; end and transfer are final. Guards and
 * actions are named, with JSON params, so the config is plain data and the
 * same document gives the same config.
 */
export function buildMachine(doc: FlowDocument, graph: FlowGraph, program: FlowProgram): FlowMachine {
  const states: Record<string, StateConfig> = {};
  graph.nodes.forEach((node, i) => (states[node.id] = stateOf(graph, i)));
  states[FAILED_STATE] = { type: 'final' };
  const start = graph.nodes.find((n) => n.kind === 'start')?.id ?? FAILED_STATE;
  return createFlowMachine(program, {
    id: `flow:${doc.key}`,
    initial: start,
    context: ({ input }) => ({ runId: input.runId, vars: input.vars, context: input.context, steps: [], seqBase: 0, at: input.at, auto: 0, outcome: null, failure: null }),
    states,
    output: ({ context }) => context.outcome ?? context.failure,
  });
}
