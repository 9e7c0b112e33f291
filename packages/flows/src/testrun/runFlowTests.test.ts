import { describe, expect, it } from 'vitest';
import { BROADBAND_FAULT_FLOW } from '../examples/broadbandFault.js';
import { DEMO_FLOW_CATALOG } from '../examples/demoCatalog.js';
import type { FlowDocument } from '../schema/flowDocument.js';
import type { FlowTestCase } from '../schema/tests.js';
import { runFlowTests } from './runFlowTests.js';

const base = BROADBAND_FAULT_FLOW.tests[0]!;
const withTest = (change: (t: FlowTestCase) => void): FlowDocument => {
  const t = JSON.parse(JSON.stringify(base)) as FlowTestCase;
  change(t);
  return { ...BROADBAND_FAULT_FLOW, tests: [t] };
};
const failureOf = (doc: FlowDocument) => runFlowTests(doc, DEMO_FLOW_CATALOG).results[0]!.failures.map((f) => f.code);

describe('runFlowTests', () => {
  it('reports the path, variables and outcome of a passing test', () => {
    const r = runFlowTests(withTest(() => undefined), DEMO_FLOW_CATALOG);
    expect(r.passed).toBe(true);
    expect(r.results[0]).toMatchObject({ passed: true, status: 'finished', outcome: { disposition: 'faultReport' }, variables: { ticket: 'FR-20260001' } });
  });

  it.each<[string, (t: FlowTestCase) => void, string]>([
    ['a wrong expected path', (t) => (t.expect.path = ['start']), 'path-differs'],
    ['a wrong expected variable', (t) => (t.expect.variables = { ticket: 'X' }), 'variable-differs'],
    ['a wrong disposition', (t) => (t.expect.disposition = 'resolved'), 'disposition-differs'],
    ['a wrong finished flag', (t) => (t.expect.finished = false), 'finished-differs'],
    ['steps that run out', (t) => t.steps.pop(), 'steps-ran-out'],
    ['a step at the wrong node', (t) => (t.steps[1]!.node = 'askModem'), 'step-mismatch'],
    ['results that run out', (t) => t.effects.pop(), 'effects-ran-out'],
    ['a result for the wrong node', (t) => t.effects.reverse(), 'effect-mismatch'],
    ['an answer the form refuses', (t) => ((t.steps[1] as { values: Record<string, unknown> }).values.account = '!'), 'event-refused'],
    ['steps left over', (t) => t.steps.push({ action: 'next', node: 'confirm' }), 'steps-left'],
    ['results left over', (t) => t.effects.push({ node: 'notify', outcome: 'ok' }), 'effects-left'],
    ['an unknown context field', (t) => (t.context = { 'customer.shoe': 1 }), 'test-invalid'],
    ['a step at an unknown node', (t) => (t.steps[0]!.node = 'nowhere'), 'test-invalid'],
  ])('fails on %s', (_what, change, code) => {
    const report = runFlowTests(withTest(change), DEMO_FLOW_CATALOG);
    expect(report.passed).toBe(false);
    expect(failureOf(withTest(change))).toContain(code);
    for (const f of report.results[0]!.failures) expect(f.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('fails every test of a flow that does not compile, with its diagnostics', () => {
    const doc = { ...BROADBAND_FAULT_FLOW, edges: BROADBAND_FAULT_FLOW.edges.slice(1) };
    const report = runFlowTests(doc, DEMO_FLOW_CATALOG);
    expect(report.passed).toBe(false);
    expect(report.diagnostics.map((d) => d.code)).toContain('port-not-connected');
    expect(report.results.map((r) => r.failures[0]?.code)).toEqual(['flow-invalid', 'flow-invalid', 'flow-invalid']);
    expect(runFlowTests(null, DEMO_FLOW_CATALOG)).toMatchObject({ passed: false, results: [] });
  });
});
