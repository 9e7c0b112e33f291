import { describe, expect, it } from 'vitest';
import { runFlowTests } from '../testrun/runFlowTests.js';
import { validate } from '../validate/validate.js';
import { DEMO_FLOW_CATALOG, EXAMPLE_FLOWS } from './index.js';

describe.each(EXAMPLE_FLOWS.map((f) => [f.key, f] as const))('example flow %s', (_key, flow) => {
  it('validates clean against the demo catalog', () => {
    expect(validate(flow, DEMO_FLOW_CATALOG)).toEqual([]);
  });

  it('passes its own flow tests', () => {
    const report = runFlowTests(flow, DEMO_FLOW_CATALOG);
    expect(report.results.filter((r) => !r.passed).map((r) => ({ test: r.testId, path: r.path, failures: r.failures.map((f) => f.message.en) }))).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.results.length).toBeGreaterThanOrEqual(3);
  });
});
