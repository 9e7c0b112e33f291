/**
 * Service-flow engine figures (issue 7): validate and compile time for flows
 * of 50, 500 and 2,000 nodes, and runtime transitions per second, with and
 * without the JSON round trip the server does to persist every step.
 * Prints a table, then JSON. Figures only: nothing here asserts a time.
 *
 *   pnpm bench:flows              (from the repo root)
 */
import { performance } from 'node:perf_hooks';
import { DEMO_FLOW_CATALOG, compile, sendEvent, startRun, validate, type CompiledFlow, type RunState } from '../../packages/flows/src/index.js';
import { largeFlow } from './largeFlow.js';

const SIZES = [50, 500, 2_000];
const RUNS = 30;

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Times `fn` RUNS times after a warm-up; p50/p99/max in ms. */
function timeIt(fn: () => void): { p50: number; p99: number; max: number } {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: round(quantile(times, 0.5)), p99: round(quantile(times, 0.99)), max: round(times.at(-1) ?? Number.NaN) };
}

/** Drives one run to its end: answers every ask (alternately above and below 5, so both branches run) and every script. */
function runToEnd(compiled: CompiledFlow, persist: boolean): { events: number; steps: number } {
  let state: RunState = startRun(compiled, { runId: 'bench', context: {}, now: 0 });
  let events = 0;
  while (state.status === 'waiting' && state.waiting) {
    const w = state.waiting;
    const event =
      w.kind === 'ask'
        ? { type: 'submit' as const, nodeId: w.nodeId, values: { [w.fields[0]?.variable ?? '']: events % 2 === 0 ? 7 : 3 } }
        : { type: 'next' as const, nodeId: w.nodeId };
    const result = sendEvent(compiled, state, event, events);
    if (!result.ok) throw new Error(`refused at ${w.nodeId}: ${result.error.code}`);
    // The server stores the state after every event and reads it back on the next.
    state = persist ? (JSON.parse(JSON.stringify(result.state)) as RunState) : result.state;
    events++;
  }
  if (state.status !== 'finished') throw new Error(`run ended ${state.status}`);
  return { events, steps: state.steps.length };
}

interface SizeRow {
  nodes: number;
  edges: number;
  validateP50Ms: number;
  validateP99Ms: number;
  compileP50Ms: number;
  compileP99Ms: number;
  diagnostics: number;
}

const sizeRows: SizeRow[] = [];
for (const size of SIZES) {
  const doc = largeFlow(size);
  const diagnostics = validate(doc, DEMO_FLOW_CATALOG);
  if (diagnostics.some((d) => d.severity === 'error')) throw new Error(`bench flow ${size} does not validate: ${diagnostics[0]?.code}`);
  const v = timeIt(() => validate(doc, DEMO_FLOW_CATALOG));
  const c = timeIt(() => compile(doc, DEMO_FLOW_CATALOG));
  sizeRows.push({ nodes: doc.nodes.length, edges: doc.edges.length, validateP50Ms: v.p50, validateP99Ms: v.p99, compileP50Ms: c.p50, compileP99Ms: c.p99, diagnostics: diagnostics.length });
}

interface RuntimeRow {
  nodes: number;
  persist: boolean;
  eventsPerRun: number;
  stepsPerRun: number;
  eventsPerSec: number;
  transitionsPerSec: number;
  usPerEvent: number;
}

const runtimeRows: RuntimeRow[] = [];
for (const size of [50, 500]) {
  const compiled = compile(largeFlow(size), DEMO_FLOW_CATALOG);
  for (const persist of [false, true]) {
    runToEnd(compiled, persist);
    const t0 = performance.now();
    let events = 0;
    let steps = 0;
    let runs = 0;
    while (performance.now() - t0 < 3_000 && runs < 10_000) {
      const r = runToEnd(compiled, persist);
      events += r.events;
      steps += r.steps;
      runs++;
    }
    const seconds = (performance.now() - t0) / 1000;
    runtimeRows.push({
      nodes: size,
      persist,
      eventsPerRun: events / runs,
      stepsPerRun: steps / runs,
      eventsPerSec: Math.round(events / seconds),
      transitionsPerSec: Math.round(steps / seconds),
      usPerEvent: Math.round((seconds * 1e6) / events),
    });
  }
}

console.log('\nvalidate and compile (ms; compile includes validation and hashing)');
console.table(sizeRows);
console.log('runtime (a transition is a node entered; "persist" adds the JSON round trip of the state per event)');
console.table(runtimeRows);
console.log(JSON.stringify({ bench: 'flows-engine', runs: RUNS, sizes: sizeRows, runtime: runtimeRows, rssMB: Math.round(process.memoryUsage().rss / 2 ** 20) }));
