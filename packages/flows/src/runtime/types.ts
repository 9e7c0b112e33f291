import type { AskField } from '../schema/nodes.js';
import type { FlowContextValues, FlowValue } from '../schema/variables.js';

/**
 * Events a run accepts from outside. The runtime is synchronous and pure:
 * it never performs I/O. When a run reaches an add-in call, a work order or
 * a message node it stops with an `effect` request; the host (the server, or
 * the designer's simulation, or runFlowTests) performs it and answers with
 * `effectResult`. So a snapshot taken while an effect is out is complete,
 * and a host that crashed re-performs the request (its `idempotencyKey`
 * makes that safe) after it restores the run.
 */
export type RunEvent =
  | { type: 'next'; nodeId: string }
  | { type: 'submit'; nodeId: string; values: Record<string, FlowValue> }
  | { type: 'reply'; nodeId: string; text: string }
  | { type: 'timeout'; nodeId: string }
  | { type: 'effectResult'; nodeId: string; result: EffectResult };

export type EffectResult =
  | { outcome: 'ok'; output?: Record<string, FlowValue> }
  | { outcome: 'timeout' }
  | { outcome: 'error'; message: string };

/** An effect the host must perform for the run to go on. Inputs are already evaluated. */
export type EffectRequest =
  | { kind: 'addInCall'; nodeId: string; idempotencyKey: string; addInId: string; operation: string; input: Record<string, FlowValue>; timeoutMs?: number }
  | { kind: 'createWorkOrder'; nodeId: string; idempotencyKey: string; workOrderType: string; fields: Record<string, FlowValue> }
  | { kind: 'sendMessage'; nodeId: string; idempotencyKey: string; channel: 'sms' | 'email'; to: string | null; subject?: string; body: string };

/** What the run waits for now, as the agent's side panel shows it. Texts are interpolated. */
export type RunWaiting =
  | { kind: 'script'; nodeId: string; text: string }
  | { kind: 'ask'; nodeId: string; prompt?: string; fields: readonly AskField[] }
  | { kind: 'waitReply'; nodeId: string; deadline: string }
  | { kind: 'effect'; nodeId: string; request: EffectRequest };

/** How a finished run ended. */
export type RunOutcome = { kind: 'ended'; nodeId: string; disposition: string } | { kind: 'transferred'; nodeId: string; queueId: string };

/** One step of the audit trail: a node the run passed, what came in there and which port it left by. */
export interface StepRecord {
  seq: number;
  nodeId: string;
  kind: string;
  /** ISO instant the run entered the node. */
  at: string;
  /** What the node received: answers, reply text, effect result; absent for automatic nodes. */
  input?: unknown;
  /** The port the run left by; absent for the node it is at and for terminal nodes. */
  port?: string;
}

/**
 * A run's whole state, JSON-serializable: persist it after every event and a
 * reload or a crash resumes at the same step. `machine` is XState's persisted
 * snapshot; the rest is ours so hosts can read it without XState.
 */
export interface RunState {
  runId: string;
  flowKey: string;
  /** Hash of the compiled flow: a state is only resumed with the flow it came from. */
  flowHash: string;
  /** `failed`: the run cannot go on (see `failure`); added with the runtime, like `failure`. */
  status: 'waiting' | 'finished' | 'failed';
  waiting?: RunWaiting;
  outcome?: RunOutcome;
  failure?: RunFailure;
  variables: Record<string, FlowValue>;
  context: FlowContextValues;
  steps: StepRecord[];
  machine: unknown;
}

/**
 * Why a run stopped without an outcome: it took STEP_LIMIT steps with nobody
 * acting (a loop validate could not see through guards), or no edge held
 * (only possible in a flow that did not validate).
 */
export interface RunFailure {
  code: 'step-limit' | 'stuck';
  nodeId: string;
  message: { en: string; 'zh-CN': string };
}

/** A refused event leaves the state as it was and says why, per field where it can. */
export interface RunEventError {
  /** `invalid-state`: the state given is not a run state of this runtime (added with the runtime). */
  code: 'wrong-node' | 'wrong-event' | 'invalid-answer' | 'run-finished' | 'flow-mismatch' | 'invalid-state';
  message: { en: string; 'zh-CN': string };
  fieldErrors?: Record<string, { en: string; 'zh-CN': string }>;
}
