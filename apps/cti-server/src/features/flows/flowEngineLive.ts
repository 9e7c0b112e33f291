import { compile, diffFlows, runFlowTests, sendEvent, startRun, validate, type CompiledFlow } from '@omnicc/flows';
import type { FlowEngine } from './flowEngine.js';

/** The FlowEngine port bound to @omnicc/flows: what the server runs with. */
export const liveFlowEngine: FlowEngine<CompiledFlow> = {
  validate,
  compile: (doc, catalog) => compile(doc, catalog),
  runTests: runFlowTests,
  diff: (from, to) => ({ ...diffFlows(from, to) }),
  startRun,
  sendEvent,
};
