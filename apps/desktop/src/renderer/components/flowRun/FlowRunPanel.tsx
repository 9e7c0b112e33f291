import { useEffect, useId, useMemo, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowRunView, Interaction } from '@omnicc/shared';
import { useFlowRunStore } from '../../stores/flowRunStore.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { TEST_IDS } from '../../testIds.js';
import { reasonText } from '../errorText.js';
import { useLocale } from '../useLocale.js';
import { CurrentStep } from './CurrentStep.js';
import { FlowPath } from './FlowPath.js';
import { kindName, outcomeText, stepDetail, waitingOf, type Naming } from './flowRunText.js';
import { useFlowCatalog, useFlowRunClient } from './useFlowRunClient.js';
import { useFlowStep } from './useFlowStep.js';
import './FlowRunPanel.css';

/** The first control of the current step, where focus goes when the agent moves on or presses Alt+F. */
const firstControl = (panel: HTMLElement | null): HTMLElement | null | undefined =>
  panel?.querySelector<HTMLElement>(`[data-testid="${TEST_IDS.flowStep}"] :is(input, select, textarea, button)`) ?? panel?.querySelector<HTMLElement>('h2[tabindex], button');

/** Kinds where a person acted; effects after the last of them are the results the current step follows. */
const PERSON_STEPS = new Set(['script', 'ask', 'waitReply']);

/** Results of the effects performed since the agent (or the customer) last acted: shown with the step that follows them. */
function latestResults(view: FlowRunView, naming: Naming) {
  const waitingSeq = view.status === 'waiting' ? view.steps.at(-1)?.seq : undefined;
  const done = view.steps.filter((s) => s.seq !== waitingSeq);
  const lastPerson = done.findLastIndex((s) => PERSON_STEPS.has(s.kind));
  return done.slice(lastPerson + 1).flatMap((s) => {
    const detail = s.kind === 'addInCall' || s.kind === 'createWorkOrder' || s.kind === 'sendMessage' ? stepDetail(s, naming) : undefined;
    return detail ? [{ seq: s.seq, kind: s.kind, ...detail }] : [];
  });
}

/** The run shown: flow and version, the results just in, the step it waits at or how it ended. */
function RunBody({ view, naming, panel }: { view: FlowRunView; naming: Naming; panel: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const client = useFlowRunClient();
  const waiting = waitingOf(view);
  const stepKey = `${view.runId}:${view.steps.length}`;
  const step = useFlowStep(client, view, stepKey, naming.language);
  const results = latestResults(view, naming);
  const outcome = outcomeText(view, naming);

  // After the agent's own step the next one takes focus, so the flow is walked from the keyboard; a push never steals it.
  const lastKey = useRef(stepKey);
  useEffect(() => {
    if (lastKey.current === stepKey) return;
    lastKey.current = stepKey;
    const active = document.activeElement;
    if (panel.current && (active === document.body || active === null || panel.current.contains(active))) firstControl(panel.current)?.focus();
  }, [stepKey, panel]);

  return (
    <>
      <p className="flow-panel__flow" data-testid={TEST_IDS.flowName}>
        {view.flowName} <span className="flow-panel__version">{t('flowRun.version', { version: view.version })}</span>
      </p>
      {step.conflict ? (
        <p className="flow-panel__notice" role="status" data-testid={TEST_IDS.flowNotice}>
          {t('flowRun.conflict')}
          <button type="button" className="omni-button omni-button--small" onClick={step.dismissConflict}>
            {t('common.dismiss')}
          </button>
        </p>
      ) : null}
      {results.map((r) => (
        <p key={r.seq} className={r.failed ? 'flow-panel__result flow-panel__result--failed' : 'flow-panel__result'} data-testid={TEST_IDS.flowResult}>
          <strong>{kindName(t, r.kind)}</strong> {r.text}
        </p>
      ))}
      {waiting ? (
        <CurrentStep
          waiting={waiting}
          stepKey={stepKey}
          naming={naming}
          sending={step.sending}
          fieldErrors={step.fieldErrors}
          refusals={step.refusals}
          formError={step.formError}
          onNext={step.next}
          onSubmit={step.submit}
        />
      ) : null}
      {outcome ? (
        <p className={view.status === 'failed' ? 'flow-panel__outcome flow-panel__outcome--failed' : 'flow-panel__outcome'} role="status" data-testid={TEST_IDS.flowOutcome} data-status={view.status}>
          {outcome}
        </p>
      ) : null}
      <FlowPath view={view} naming={naming} />
    </>
  );
}

/**
 * The service flow (服务流程) beside a conversation: the step the bound flow
 * waits at, the path so far and the outcome. Folds to a rail (Alt+F; kept
 * for the session); with no flow for the interaction it is a rail that says so.
 */
export function FlowRunPanel({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useFlowRunClient();
  const titleId = useId();
  const bodyId = useId();
  const panel = useRef<HTMLElement>(null);
  const entry = useFlowRunStore((s) => s.runs[interaction.id]);
  const collapsed = useFlowRunStore((s) => s.collapsed);
  const focusTick = useFlowRunStore((s) => s.focusTick);
  const setCollapsed = useFlowRunStore((s) => s.setCollapsed);
  const dispositions = useSessionStore((s) => s.dictionaries?.dispositions);
  const view = entry?.view;
  const catalog = useFlowCatalog(client, view !== undefined);

  // Read on every select (and so after an accept); pushes keep it current meanwhile.
  useEffect(() => {
    void client.load(interaction.id);
  }, [client, interaction.id]);

  const focusedTick = useRef(focusTick);
  useEffect(() => {
    if (focusedTick.current === focusTick) return;
    focusedTick.current = focusTick;
    firstControl(panel.current)?.focus();
  }, [focusTick]);

  const naming = useMemo<Naming>(
    () => ({ t, language: locale.language, catalog, fields: entry?.askFields ?? {}, disposition: (code) => locale.label(dispositions?.find((d) => d.code === code), code) }),
    [t, locale, catalog, entry?.askFields, dispositions],
  );

  if (!view && !entry?.error) {
    return (
      <section ref={panel} className="flow-panel flow-panel--rail" aria-labelledby={titleId} data-testid={TEST_IDS.flowPanel} data-state={entry?.none ? 'none' : 'loading'}>
        <h2 id={titleId} className="omni-visually-hidden">
          {t('flowRun.title')}
        </h2>
        <p className="flow-panel__rail-text">{entry?.none ? t('flowRun.none') : t('flowRun.loading')}</p>
      </section>
    );
  }

  if (collapsed) {
    const attention = view?.status === 'waiting' && view.waiting?.kind !== 'effect' && view.waiting?.kind !== 'waitReply';
    return (
      <section ref={panel} className="flow-panel flow-panel--rail" aria-labelledby={titleId} data-testid={TEST_IDS.flowPanel} data-state="collapsed">
        <h2 id={titleId} className="omni-visually-hidden">
          {t('flowRun.title')}
        </h2>
        <button type="button" className="flow-panel__rail-button" aria-expanded={false} aria-keyshortcuts="Alt+F" title={t('flowRun.expand')} onClick={() => setCollapsed(false)} data-testid={TEST_IDS.flowToggle}>
          <span className="omni-visually-hidden">{t('flowRun.expand')}</span>
          <span className="flow-panel__rail-text" aria-hidden="true">
            {t('flowRun.title')}
          </span>
          {attention ? <span className="flow-panel__dot" title={t('flowRun.yourTurn')} /> : null}
        </button>
      </section>
    );
  }

  return (
    <section ref={panel} className="flow-panel" aria-labelledby={titleId} data-testid={TEST_IDS.flowPanel} data-state={view?.status ?? 'error'}>
      <div className="flow-panel__head">
        <h2 id={titleId} className="flow-panel__title" tabIndex={-1}>
          {t('flowRun.title')}
        </h2>
        <button
          type="button"
          className="omni-button omni-button--small"
          aria-expanded
          aria-controls={bodyId}
          aria-keyshortcuts="Alt+F"
          title={t('flowRun.collapse')}
          onClick={() => setCollapsed(true)}
          data-testid={TEST_IDS.flowToggle}
        >
          <span aria-hidden="true">»</span>
          <span className="omni-visually-hidden">{t('flowRun.collapse')}</span>
        </button>
      </div>
      <div id={bodyId} className="flow-panel__body">
        {entry?.error ? (
          <p className="flow-panel__notice" role="status">
            {t('flowRun.loadFailed', { reason: reasonText(t, entry.error) })}
            <button type="button" className="omni-button omni-button--small" onClick={() => void client.load(interaction.id)}>
              {t('conversation.retry')}
            </button>
          </p>
        ) : null}
        {view ? <RunBody key={view.runId} view={view} naming={naming} panel={panel} /> : null}
      </div>
    </section>
  );
}
