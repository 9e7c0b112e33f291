import { useTranslation } from 'react-i18next';
import type { FlowDiagnosticView, FlowTestReport } from '@omnicc/shared';
import { Dialog } from '@omnicc/ui';
import { useLocale } from '../useLocale.js';
import { FLOWS_TEST_IDS } from './flowsTestIds.js';

/** Error diagnostics and failed flow tests, in the user's language: what blocks publishing. */
export function ProblemList({ diagnostics, report }: { diagnostics: readonly FlowDiagnosticView[]; report?: FlowTestReport | undefined }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return (
    <div className="flows-problems">
      {errors.length > 0 ? (
        <>
          <h3 className="flows-problems__title">{t('flows.errorsTitle', { count: errors.length })}</h3>
          <ul>
            {errors.map((d, i) => (
              <li key={`${d.code}-${i}`}>
                <code>{d.code}</code> {d.message[language]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report ? (
        <>
          <h3 className="flows-problems__title">
            {t('flows.testsTitle', { passed: report.results.filter((r) => r.passed).length, total: report.results.length })}
          </h3>
          {report.results.length === 0 ? <p>{t('flows.noTests')}</p> : null}
          <ul>
            {report.results.map((r) => (
              <li key={r.testId} className={r.passed ? 'flows-problems__pass' : 'flows-problems__fail'} data-test-id={r.testId} data-passed={r.passed}>
                <span className="flows-problems__mark" aria-hidden="true">
                  {r.passed ? '✓' : '✗'}
                </span>
                <span className="omni-visually-hidden">{r.passed ? t('flows.testPassed') : t('flows.testFailed')}: </span>
                {r.name}
                {r.failures.map((f, i) => (
                  <div key={i} className="flows-problems__why">
                    {f.message[language]}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** The result of "Run tests". */
export function TestReportDialog({ report, onClose }: { report: FlowTestReport; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={report.passed ? t('flows.testsPassed') : t('flows.testsFailedTitle')} onClose={onClose} closeLabel={t('common.close')} closeOnOverlay testId={FLOWS_TEST_IDS.testReport}>
      <ProblemList diagnostics={report.diagnostics} report={report} />
    </Dialog>
  );
}
