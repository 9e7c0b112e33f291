import type { Diagnostic } from '@omnicc/flows';
import { useDesigner } from '../DesignerContext.js';
import { FLOW_TEST_IDS } from '../testIds.js';

export interface ProblemsPanelProps {
  diagnostics: readonly Diagnostic[];
  /** Validation has not caught up with the last edit yet. */
  pending: boolean;
  /** Selects and centres what a problem concerns. */
  onReveal: (target: { nodeId?: string; edgeId?: string }) => void;
  /** A problem in a flow test case: show the tests. */
  onTest: (testId: string) => void;
}

/** Every problem validate found, errors first; a click or Enter on one shows its node or edge. */
export function ProblemsPanel({ diagnostics, pending, onReveal, onTest }: ProblemsPanelProps) {
  const { t, locale } = useDesigner();
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  return (
    <div className="fd-problems">
      <p className="fd-hint" role="status">
        {pending ? t.problems.checking : diagnostics.length === 0 ? t.problems.none : t.problems.counts(errors.length, warnings.length)}
      </p>
      <ul className="fd-problem-list" data-testid={FLOW_TEST_IDS.problemsList}>
        {[...errors, ...warnings].map((d, i) => {
          const target = d.nodeId !== undefined ? { nodeId: d.nodeId } : d.edgeId !== undefined ? { edgeId: d.edgeId } : null;
          const where = d.nodeId ?? d.edgeId ?? d.testId ?? t.problems.flow;
          return (
            <li key={`${d.code}-${where}-${i}`}>
              <button
                type="button"
                className={`fd-problem fd-problem--${d.severity}`}
                disabled={!target && d.testId === undefined}
                data-testid={FLOW_TEST_IDS.problem}
                data-code={d.code}
                data-node-id={d.nodeId}
                data-edge-id={d.edgeId}
                data-test-id={d.testId}
                onClick={() => (target ? onReveal(target) : d.testId !== undefined && onTest(d.testId))}
              >
                <span className="fd-problem__severity">{d.severity === 'error' ? t.problems.error : t.problems.warning}</span>
                <span className="fd-problem__where">{where}</span>
                <span className="fd-problem__message">{d.message[locale]}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
