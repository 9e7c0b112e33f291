import { validate, type Diagnostic, type FlowCatalog, type FlowContextValues, type FlowDocument, type RunEvent, type RunEventError, type RunState } from '@omnicc/flows';

/** validate from packages/flows, typed for a parsed document. */
export const validateFlow = (doc: FlowDocument, catalog: FlowCatalog): Diagnostic[] => validate(doc, catalog);

/** What the simulation needs from packages/flows: compile and start a run, send it events. */
export interface SimulationEngine {
  start: (doc: FlowDocument, catalog: FlowCatalog, options: { runId: string; context: FlowContextValues; now: string }) => { ok: true; state: RunState } | { ok: false; diagnostics: Diagnostic[] };
  send: (state: RunState, event: RunEvent, now: string) => { ok: true; state: RunState } | { ok: false; error: RunEventError };
}

/** The flows runtime; null until packages/flows exports compile, startRun and sendEvent. */
export const simulationEngine: SimulationEngine | null = null;
