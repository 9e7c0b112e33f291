import { useCallback, useMemo, useState } from 'react';
import type { CompiledFlow, Diagnostic, EffectResult, FlowCatalog, FlowContextValues, FlowDocument, FlowTestCase, RunEvent, RunEventError, RunState, ScriptedEffect, TestStep } from '@omnicc/flows';
import type { PathStatus } from '../canvas/elements.js';
import { simulationEngine, type SimulationEngine } from '../engine.js';

/** A simulation's state as the panel shows it. */
export interface Simulation {
  run: RunState | null;
  /** Errors that kept the flow from starting. */
  blocked: readonly Diagnostic[] | null;
  /** Why the last event was refused (invalid answers per field). */
  refused: RunEventError | null;
  /** The run's path for the canvas: nodes passed and the one it waits at, and edges taken. */
  path: { nodes: ReadonlyMap<string, PathStatus>; edges: ReadonlySet<string> } | null;
  context: FlowContextValues;
  setContext: (context: FlowContextValues) => void;
  start: () => void;
  stop: () => void;
  send: (event: RunEvent) => void;
  /** The run so far as a flow test case (steps, effect answers, expected path and ending). */
  toTestCase: (name: string) => FlowTestCase | null;
}

let runs = 0;

/** The test step an event is, for recording (effect results are recorded separately). */
function stepOf(event: RunEvent): TestStep | null {
  switch (event.type) {
    case 'next':
      return { action: 'next', node: event.nodeId };
    case 'submit':
      return { action: 'submit', node: event.nodeId, values: event.values };
    case 'reply':
      return { action: 'reply', node: event.nodeId, text: event.text };
    case 'timeout':
      return { action: 'timeout', node: event.nodeId };
    case 'effectResult':
      return null;
  }
}

function effectOf(nodeId: string, result: EffectResult): ScriptedEffect {
  if (result.outcome === 'ok') return result.output ? { node: nodeId, outcome: 'ok', output: result.output } : { node: nodeId, outcome: 'ok' };
  if (result.outcome === 'timeout') return { node: nodeId, outcome: 'timeout' };
  return { node: nodeId, outcome: 'error', message: result.message };
}

/** Which edges a run took: from each passed node, by the port it left, to the next node passed. */
export function runPath(doc: FlowDocument, run: RunState): NonNullable<Simulation['path']> {
  const nodes = new Map<string, PathStatus>();
  const edges = new Set<string>();
  run.steps.forEach((step, i) => {
    nodes.set(step.nodeId, 'visited');
    const next = run.steps[i + 1];
    if (!next || step.port === undefined) return;
    const edge = doc.edges.find((e) => e.source === step.nodeId && e.sourcePort === step.port && e.target === next.nodeId);
    if (edge) edges.add(edge.id);
  });
  if (run.status === 'waiting' && run.waiting) nodes.set(run.waiting.nodeId, 'current');
  return { nodes, edges };
}

/**
 * Runs the document being edited, as the agent would: start, answer each
 * step, and record what was done so it can become a flow test case. The run
 * uses the document as it was at start; restart to pick up edits.
 */
export function useSimulation(doc: FlowDocument, catalog: FlowCatalog, initialContext: FlowContextValues = {}, engine: SimulationEngine = simulationEngine): Simulation {
  const [context, setContext] = useState<FlowContextValues>(initialContext);
  const [session, setSession] = useState<{ compiled: CompiledFlow; run: RunState; steps: TestStep[]; effects: ScriptedEffect[] } | null>(null);
  const [blocked, setBlocked] = useState<readonly Diagnostic[] | null>(null);
  const [refused, setRefused] = useState<RunEventError | null>(null);

  const start = useCallback(() => {
    runs += 1;
    const result = engine.start(doc, catalog, { runId: `simulation-${runs}`, context, now: new Date().toISOString() });
    setSession(result.ok ? { compiled: result.compiled, run: result.state, steps: [], effects: [] } : null);
    setBlocked(!result.ok && 'diagnostics' in result ? result.diagnostics : null);
    setRefused(!result.ok && 'error' in result ? result.error : null);
  }, [engine, doc, catalog, context]);

  const send = useCallback(
    (event: RunEvent) => {
      if (!session) return;
      const result = engine.send(session.compiled, session.run, event, new Date().toISOString());
      if (!result.ok) {
        setRefused(result.error);
        return;
      }
      setRefused(null);
      const step = stepOf(event);
      setSession({
        ...session,
        run: result.state,
        steps: step ? [...session.steps, step] : session.steps,
        effects: event.type === 'effectResult' ? [...session.effects, effectOf(event.nodeId, event.result)] : session.effects,
      });
    },
    [engine, session],
  );

  const path = useMemo(() => (session ? runPath(session.compiled.doc, session.run) : null), [session]);

  const toTestCase = useCallback(
    (name: string): FlowTestCase | null => {
      if (!session) return null;
      const { run } = session;
      const expect: FlowTestCase['expect'] = { path: run.steps.map((s) => s.nodeId), finished: run.status === 'finished' };
      if (run.outcome) expect.disposition = run.outcome.kind === 'ended' ? run.outcome.disposition : 'transferred';
      return { id: 'recorded', name, context: { ...run.context }, steps: session.steps, effects: session.effects, expect };
    },
    [session],
  );

  return {
    run: session?.run ?? null,
    blocked,
    refused,
    path,
    context,
    setContext,
    start,
    stop: () => {
      setSession(null);
      setBlocked(null);
      setRefused(null);
    },
    send,
    toTestCase,
  };
}
