import {
  FlowCompileError,
  FlowRunError,
  compile,
  sendEvent,
  startRun,
  validate,
  type CompiledFlow,
  type Diagnostic,
  type FlowCatalog,
  type FlowContextValues,
  type FlowDocument,
  type RunEvent,
  type RunEventError,
  type RunState,
} from '@omnicc/flows';

/** validate from packages/flows, typed for a parsed document. */
export const validateFlow = (doc: FlowDocument, catalog: FlowCatalog): Diagnostic[] => validate(doc, catalog);

/** Why a simulation could not start: the flow's errors, or a context the runtime refused. */
export type StartRefusal = { ok: false; diagnostics: Diagnostic[] } | { ok: false; error: RunEventError };

/** What the simulation needs from packages/flows: compile and start a run, send it events. */
export interface SimulationEngine {
  start: (doc: FlowDocument, catalog: FlowCatalog, options: { runId: string; context: FlowContextValues; now: string }) => { ok: true; compiled: CompiledFlow; state: RunState } | StartRefusal;
  send: (compiled: CompiledFlow, state: RunState, event: RunEvent, now: string) => { ok: true; state: RunState } | { ok: false; error: RunEventError };
}

/** The flows runtime, run in the designer as the server runs it for an agent. */
export const simulationEngine: SimulationEngine = {
  start: (doc, catalog, options) => {
    try {
      const compiled = compile(doc, catalog);
      return { ok: true, compiled, state: startRun(compiled, options) };
    } catch (e) {
      if (e instanceof FlowCompileError) return { ok: false, diagnostics: e.diagnostics };
      // A context value the runtime refuses (an unknown field, a value that is not a flow value).
      if (e instanceof FlowRunError) return { ok: false, error: { code: 'invalid-state', message: { en: e.message, 'zh-CN': `上下文取值无效：${e.message}` } } };
      throw e;
    }
  },
  send: (compiled, state, event, now) => sendEvent(compiled, state, event, now),
};
