import { useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { runFlowTests, type FlowDocument, type FlowTestCase, type FlowTestReport } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import type { DesignerState } from '../model/designerStore.js';
import { nextId } from '../model/edits.js';
import { FLOW_TEST_IDS } from '../testIds.js';
import { useDocUpdate } from './editing.js';
import { TestCaseEditor } from './TestCaseEditor.js';

export interface TestsPanelProps {
  store: StoreApi<DesignerState>;
  /** Turns the current simulation run into a test case; absent while nothing is being simulated. */
  onRecord?: (() => FlowTestCase | null) | undefined;
}

/** The flow's test cases: a list to open one at a time, add, record from a simulation, remove. */
export function TestsPanel({ store, onRecord }: TestsPanelProps) {
  const { t, readOnly, catalog, locale } = useDesigner();
  const tests = useStore(store, (s) => s.doc.tests);
  const doc = useStore(store, (s) => s.doc);
  const [report, setReport] = useState<{ doc: FlowDocument; report: FlowTestReport } | null>(null);
  const resultOf = (id: string) => report?.report.results.find((r) => r.testId === id);
  const nodes = useStore(store, (s) => s.doc.nodes);
  const update = useDocUpdate(store);
  const [open, setOpen] = useState<string | null>(null);
  const add = (test: FlowTestCase) => {
    update((doc) => ({ ...doc, tests: [...doc.tests, test] }), 'test.add');
    setOpen(test.id);
  };
  const fresh = (): FlowTestCase => {
    const id = nextId(tests.map((x) => x.id), 't');
    return { id, name: t.tests.newName(tests.length + 1), context: {}, steps: [], effects: [], expect: {} };
  };
  return (
    <div className="fd-tests">
      <div className="fd-row fd-row--buttons">
        <button type="button" className="omni-button omni-button--small" disabled={readOnly} data-testid={FLOW_TEST_IDS.testAdd} onClick={() => add(fresh())}>
          {t.tests.add}
        </button>
        <button
          type="button"
          className="omni-button omni-button--small"
          disabled={readOnly || !onRecord}
          data-testid={FLOW_TEST_IDS.testRecord}
          onClick={() => {
            const recorded = onRecord?.();
            if (recorded) add({ ...recorded, id: nextId(tests.map((x) => x.id), 't') });
          }}
        >
          {t.tests.record}
        </button>
        <button type="button" className="omni-button omni-button--small omni-button--primary" disabled={tests.length === 0} data-testid={FLOW_TEST_IDS.testRun} onClick={() => setReport({ doc, report: runFlowTests(doc, catalog) })}>
          {t.tests.run}
        </button>
      </div>
      {report && (
        <p className={`fd-test-report${report.report.passed ? ' fd-test-report--passed' : ' fd-test-report--failed'}`} role="status" data-testid={FLOW_TEST_IDS.testReport}>
          {t.tests.report(report.report.results.filter((r) => !r.passed).length, report.report.results.length)}
          {report.doc !== doc && ` ${t.tests.stale}`}
        </p>
      )}
      {tests.length === 0 && <p className="fd-hint">{t.tests.empty}</p>}
      <ul className="fd-test-list">
        {tests.map((test, i) => (
          <li key={test.id} className="fd-test" data-testid={FLOW_TEST_IDS.testCase} data-test-id={test.id}>
            <div className="fd-test__head">
              <button type="button" className="fd-test__toggle" aria-expanded={open === test.id} onClick={() => setOpen(open === test.id ? null : test.id)}>
                <span className="fd-test__name">{test.name}</span>
                <span className="fd-test__summary">{t.tests.summary(test.steps.length, test.effects.length)}</span>
              </button>
              {resultOf(test.id) && (
                <span className={`fd-test__result fd-test__result--${resultOf(test.id)?.passed ? 'passed' : 'failed'}`} data-testid={FLOW_TEST_IDS.testResult} data-passed={String(resultOf(test.id)?.passed)}>
                  {resultOf(test.id)?.passed ? t.tests.passed : t.tests.failed}
                </span>
              )}
              <button
                type="button"
                className="omni-button omni-button--small"
                disabled={readOnly}
                aria-label={`${t.tests.remove}: ${test.name}`}
                data-testid={FLOW_TEST_IDS.remove}
                onClick={() => update((doc) => ({ ...doc, tests: doc.tests.filter((x) => x.id !== test.id) }), 'test.remove')}
              >
                ×
              </button>
            </div>
            {resultOf(test.id)?.failures.length ? (
              <ul className="fd-test__failures">
                {resultOf(test.id)?.failures.map((f, k) => (
                  <li key={k}>{f.message[locale]}</li>
                ))}
              </ul>
            ) : null}
            {open === test.id && <TestCaseEditor test={test} nodes={nodes} onChange={(next, field) => update((doc) => ({ ...doc, tests: doc.tests.map((x, j) => (j === i ? next : x)) }), `test.${test.id}.${field}`)} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
