import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowRunView } from '@omnicc/shared';
import { TEST_IDS } from '../../testIds.js';
import { useLocale } from '../useLocale.js';
import { kindName, stepDetail, type Naming } from './flowRunText.js';

/** Steps the agent need not see in the path: they only pass the run on. */
const SILENT = new Set(['start']);

/**
 * The path taken so far, oldest first: each node passed with what was
 * given there (answers, an add-in's outputs, a failed work order's reason,
 * the customer's reply). The step the run waits at is shown above, not here.
 */
export function FlowPath({ view, naming }: { view: FlowRunView; naming: Naming }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const headingId = useId();
  const waitingSeq = view.status === 'waiting' ? view.steps.at(-1)?.seq : undefined;
  const steps = view.steps.filter((s) => !SILENT.has(s.kind) && s.seq !== waitingSeq);
  if (steps.length === 0) return null;
  return (
    <section className="flow-path" aria-labelledby={headingId}>
      <h3 id={headingId} className="flow-panel__subhead">
        {t('flowRun.path')}
      </h3>
      <ol className="flow-path__list" data-testid={TEST_IDS.flowPath}>
        {steps.map((s) => {
          const detail = stepDetail(s, naming);
          return (
            <li key={s.seq} className="flow-path__step" data-node-id={s.nodeId} data-kind={s.kind}>
              <span className="flow-path__head">
                <span className="flow-path__kind">{view.nodeLabels[s.nodeId] ?? kindName(t, s.kind)}</span>
                <time className="flow-path__time" dateTime={s.at}>
                  {locale.formatTime(s.at)}
                </time>
              </span>
              {detail ? <span className={detail.failed ? 'flow-path__detail flow-path__detail--failed' : 'flow-path__detail'}>{detail.text}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
