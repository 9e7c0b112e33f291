import type { FlowTestReport } from '@omnicc/shared';
import type { Diagnostic, FlowCatalog, FlowContextValues, FlowDocument, RunEvent, RunEventError, RunState } from '@omnicc/flows';

/** A flow compiled for running: `hash` names it (a run resumes only with the flow it started on). */
export interface CompiledFlowRef {
  hash: string;
}

/** What sendEvent answers: the new state, or the refusal with the state left as it was. */
export type EngineStep = { ok: true; state: RunState } | { ok: false; state: RunState; error: RunEventError };

/**
 * The pure core the server uses (@omnicc/flows): validation, compilation,
 * flow tests, diffs and the runtime. Behind this port so that the designer
 * routes and the run service are written against one small surface, and
 * flowEngineLive.ts binds it to the package.
 */
export interface FlowEngine<C extends CompiledFlowRef = CompiledFlowRef> {
  validate(doc: FlowDocument, catalog: FlowCatalog): Diagnostic[];
  compile(doc: FlowDocument, catalog: FlowCatalog): C;
  runTests(doc: FlowDocument, catalog: FlowCatalog): FlowTestReport;
  diff(from: FlowDocument, to: FlowDocument): Record<string, unknown>;
  startRun(compiled: C, start: { runId: string; context: FlowContextValues; now: string }): RunState;
  sendEvent(compiled: C, state: RunState, event: RunEvent, now: string): EngineStep;
}
