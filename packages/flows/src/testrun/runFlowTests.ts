import type { FlowCatalog } from '../catalog.js';
import { canonicalJson } from '../compile/hash.js';
import { compile, FlowCompileError, type CompiledFlow } from '../compile/compile.js';
import { sendEvent, startRun } from '../runtime/run.js';
import type { EffectResult, RunEvent, RunOutcome, RunState } from '../runtime/types.js';
import type { FlowDocument } from '../schema/flowDocument.js';
import type { FlowTestCase, TestStep } from '../schema/tests.js';
import type { FlowValue } from '../schema/variables.js';
import type { Diagnostic } from '../validate/diagnostic.js';

/** Why a flow test failed, by stable code, with a message in both languages. */
export interface FlowTestFailure {
  code:
    | 'flow-invalid'
    | 'test-invalid'
    | 'invalid-context'
    | 'steps-ran-out'
    | 'step-mismatch'
    | 'event-refused'
    | 'effects-ran-out'
    | 'effect-mismatch'
    | 'steps-left'
    | 'effects-left'
    | 'run-failed'
    | 'path-differs'
    | 'variable-differs'
    | 'disposition-differs'
    | 'finished-differs';
  message: { en: string; 'zh-CN': string };
}

/** One test's result: what the run did and what did not match. */
export interface FlowTestResult {
  testId: string;
  name: string;
  passed: boolean;
  /** Node ids the run passed through, start first. */
  path: string[];
  variables: Record<string, FlowValue>;
  status: RunState['status'] | 'not-run';
  outcome?: RunOutcome;
  failures: FlowTestFailure[];
}

/** All tests of a flow. `passed` only when the flow compiles and every test passes (what publishing asks). */
export interface FlowTestReport {
  passed: boolean;
  results: FlowTestResult[];
  /** The flow's errors when it does not compile (every test then fails with flow-invalid). */
  diagnostics: Diagnostic[];
}

const fail = (code: FlowTestFailure['code'], en: string, zh: string): FlowTestFailure => ({ code, message: { en, 'zh-CN': zh } });
/** Test runs start at a fixed instant and take a second per event, so results never depend on the clock. */
const TEST_EPOCH = Date.parse('2026-01-01T00:00:00.000Z');

function eventOf(step: TestStep): RunEvent {
  switch (step.action) {
    case 'next':
      return { type: 'next', nodeId: step.node };
    case 'submit':
      return { type: 'submit', nodeId: step.node, values: step.values };
    case 'reply':
      return { type: 'reply', nodeId: step.node, text: step.text };
    case 'timeout':
      return { type: 'timeout', nodeId: step.node };
  }
}

const resultOf = (effect: FlowTestCase['effects'][number]): EffectResult =>
  effect.outcome === 'ok' ? { outcome: 'ok', ...(effect.output ? { output: effect.output } : {}) } : effect.outcome === 'timeout' ? { outcome: 'timeout' } : { outcome: 'error', message: effect.message ?? 'error' };

/** Drives one run with the test's scripted steps and effect answers; returns the last state and what went wrong on the way. */
function drive(compiled: CompiledFlow, test: FlowTestCase, failures: FlowTestFailure[]): RunState | undefined {
  let state: RunState;
  try {
    state = startRun(compiled, { runId: `test:${test.id}`, context: test.context, now: TEST_EPOCH });
  } catch (e) {
    failures.push(fail('invalid-context', `The test's context is refused: ${(e as Error).message}`, `测试用例的上下文无效：${(e as Error).message}`));
    return undefined;
  }
  let step = 0;
  let effect = 0;
  for (let tick = 1; state.status === 'waiting' && state.waiting; tick++) {
    const waiting = state.waiting;
    let event: RunEvent;
    if (waiting.kind === 'effect') {
      const answer = test.effects[effect];
      if (!answer) {
        failures.push(fail('effects-ran-out', `The run waits for the result of "${waiting.nodeId}", but the test scripts no more results`, `流程在等待节点 "${waiting.nodeId}" 的结果，但测试用例没有更多的预设结果`));
        break;
      }
      if (answer.node !== waiting.nodeId) {
        failures.push(fail('effect-mismatch', `Scripted result ${effect + 1} is for "${answer.node}", but the run waits at "${waiting.nodeId}"`, `第 ${effect + 1} 个预设结果针对 "${answer.node}"，但流程停在 "${waiting.nodeId}"`));
        break;
      }
      effect++;
      event = { type: 'effectResult', nodeId: answer.node, result: resultOf(answer) };
    } else {
      const next = test.steps[step];
      if (!next) {
        if (test.expect.finished !== false) failures.push(fail('steps-ran-out', `The steps ran out while the run waits at "${waiting.nodeId}"`, `测试步骤已用完，流程仍停在 "${waiting.nodeId}"`));
        break;
      }
      if (next.node !== waiting.nodeId) {
        failures.push(fail('step-mismatch', `Step ${step + 1} acts at "${next.node}", but the run waits at "${waiting.nodeId}"`, `第 ${step + 1} 步操作节点 "${next.node}"，但流程停在 "${waiting.nodeId}"`));
        break;
      }
      step++;
      event = eventOf(next);
    }
    const r = sendEvent(compiled, state, event, TEST_EPOCH + tick * 1000);
    if (!r.ok) {
      const fields = Object.entries(r.error.fieldErrors ?? {});
      failures.push(
        fail(
          'event-refused',
          `At "${waiting.nodeId}" the run refused ${event.type}: ${r.error.message.en}${fields.map(([k, m]) => `; ${k}: ${m.en}`).join('')}`,
          `在 "${waiting.nodeId}" 流程拒绝了 ${event.type}：${r.error.message['zh-CN']}${fields.map(([k, m]) => `；${k}：${m['zh-CN']}`).join('')}`,
        ),
      );
      break;
    }
    state = r.state;
  }
  if (failures.length === 0 && step < test.steps.length) failures.push(fail('steps-left', `${test.steps.length - step} step(s) were not used`, `有 ${test.steps.length - step} 个测试步骤未被使用`));
  if (failures.length === 0 && effect < test.effects.length) failures.push(fail('effects-left', `${test.effects.length - effect} scripted result(s) were not used`, `有 ${test.effects.length - effect} 个预设结果未被使用`));
  if (state.failure) failures.push(fail('run-failed', state.failure.message.en, state.failure.message['zh-CN']));
  return state;
}

/** Compares a finished drive with what the test expects. */
function compare(test: FlowTestCase, state: RunState, path: string[], failures: FlowTestFailure[]): void {
  const want = test.expect;
  if (want.path && canonicalJson(want.path) !== canonicalJson(path))
    failures.push(fail('path-differs', `The path was ${path.join(' → ')}, expected ${want.path.join(' → ')}`, `实际路径为 ${path.join(' → ')}，预期为 ${want.path.join(' → ')}`));
  for (const [name, value] of Object.entries(want.variables ?? {})) {
    const actual = Object.hasOwn(state.variables, name) ? state.variables[name] : undefined;
    if (actual !== value) failures.push(fail('variable-differs', `"${name}" is ${JSON.stringify(actual ?? null)}, expected ${JSON.stringify(value)}`, `变量 "${name}" 实际为 ${JSON.stringify(actual ?? null)}，预期为 ${JSON.stringify(value)}`));
  }
  const disposition = state.outcome?.kind === 'ended' ? state.outcome.disposition : state.outcome?.kind === 'transferred' ? 'transferred' : undefined;
  if (want.disposition !== undefined && want.disposition !== disposition)
    failures.push(fail('disposition-differs', `The run ended with ${disposition ?? 'no outcome'}, expected ${want.disposition}`, `流程结束结果为 ${disposition ?? '无'}，预期为 ${want.disposition}`));
  const finished = state.status === 'finished';
  if (want.finished !== undefined && want.finished !== finished)
    failures.push(fail('finished-differs', finished ? 'The run finished, expected it to be still waiting' : 'The run is still waiting, expected it to finish', finished ? '流程已结束，预期应仍在等待' : '流程仍在等待，预期应已结束'));
}

/**
 * Runs a flow's tests headless on the runtime: each starts a run with the
 * test's context, answers each waiting node with the next scripted step
 * (or, at effect nodes, the next scripted result), and compares the path,
 * variables, disposition and whether it finished. Takes a FlowDocument
 * or anything (a stored JSON): a document that does not compile fails
 * every test with flow-invalid. Never throws.
 */
export function runFlowTests(doc: unknown, catalog: FlowCatalog): FlowTestReport {
  let compiled: CompiledFlow;
  try {
    compiled = compile(doc, catalog);
  } catch (e) {
    if (!(e instanceof FlowCompileError)) throw e;
    const tests = (doc as Partial<FlowDocument> | null)?.tests;
    const results: FlowTestResult[] = (Array.isArray(tests) ? tests : []).map((t: Partial<FlowTestCase>) => ({
      testId: String(t.id),
      name: String(t.name),
      passed: false,
      path: [],
      variables: {},
      status: 'not-run' as const,
      failures: [fail('flow-invalid', 'The flow has errors and cannot run', '流程有错误，无法运行')],
    }));
    return { passed: false, results, diagnostics: e.diagnostics };
  }
  const results = compiled.doc.tests.map((test): FlowTestResult => {
    const failures: FlowTestFailure[] = compiled.diagnostics
      .filter((d) => d.testId === test.id && d.severity === 'error')
      .map((d) => fail('test-invalid', `The test is invalid: ${d.message.en}`, `测试用例无效：${d.message['zh-CN']}`));
    if (failures.length > 0) return { testId: test.id, name: test.name, passed: false, path: [], variables: {}, status: 'not-run', failures };
    const state = drive(compiled, test, failures);
    if (!state) return { testId: test.id, name: test.name, passed: false, path: [], variables: {}, status: 'not-run', failures };
    const path = state.steps.map((s) => s.nodeId);
    if (failures.length === 0) compare(test, state, path, failures);
    return { testId: test.id, name: test.name, passed: failures.length === 0, path, variables: state.variables, status: state.status, ...(state.outcome ? { outcome: state.outcome } : {}), failures };
  });
  return { passed: results.every((r) => r.passed), results, diagnostics: [] };
}
