import { useTranslation } from 'react-i18next';
import { formatElapsed, useNow } from '@omnicc/ui';
import type { RunWaiting } from '@omnicc/flows';
import { TEST_IDS } from '../../testIds.js';
import { AskForm, StepError, type FieldErrors } from './AskForm.js';
import { effectText, kindName, type Naming } from './flowRunText.js';

/** The countdown to a reply's deadline; the server takes the time-out branch itself when it passes. */
function Countdown({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const left = Date.parse(deadline) - now;
  return (
    <p className="flow-panel__countdown" data-testid={TEST_IDS.flowCountdown}>
      {left > 0 ? t('flowRun.timeLeft', { time: formatElapsed(left) }) : t('flowRun.timeUp')}
    </p>
  );
}

export interface CurrentStepProps {
  waiting: RunWaiting;
  /** Names this visit of the node (a flow may come back to a form): a new visit starts an empty form. */
  stepKey: string;
  naming: Naming;
  sending: boolean;
  fieldErrors: FieldErrors;
  refusals: number;
  formError: string | undefined;
  onNext: () => void;
  onSubmit: (values: Record<string, string>) => void;
}

/**
 * The one step the run waits at: a script to read and go on from, a form,
 * the customer's reply (with its deadline), or an effect the server is
 * performing now. Texts come interpolated from the server.
 */
export function CurrentStep({ waiting, stepKey, naming, sending, fieldErrors, refusals, formError, onNext, onSubmit }: CurrentStepProps) {
  const { t } = useTranslation();
  return (
    <div className="flow-panel__step" data-testid={TEST_IDS.flowStep} data-kind={waiting.kind} data-node-id={waiting.nodeId}>
      <p className="flow-panel__kind">{waiting.kind === 'effect' ? kindName(t, waiting.request.kind) : kindName(t, waiting.kind)}</p>
      {waiting.kind === 'script' ? (
        <>
          <p className="flow-panel__text flow-panel__script">{waiting.text}</p>
          <StepError message={formError} />
          <div className="flow-panel__actions">
            <button type="button" className="omni-button omni-button--primary" aria-disabled={sending || undefined} onClick={() => !sending && onNext()} data-testid={TEST_IDS.flowNext}>
              {sending ? t('flowRun.saving') : t('flowRun.next')}
            </button>
          </div>
        </>
      ) : waiting.kind === 'ask' ? (
        // Keyed by the visit: the next form starts empty, a refused one keeps what the agent typed.
        <AskForm key={stepKey} prompt={waiting.prompt} fields={waiting.fields} errors={fieldErrors} refusals={refusals} formError={formError} sending={sending} onSubmit={onSubmit} />
      ) : waiting.kind === 'waitReply' ? (
        <>
          <p className="flow-panel__text">{t('flowRun.waitReply')}</p>
          <Countdown deadline={waiting.deadline} />
        </>
      ) : (
        <p className="flow-panel__text flow-panel__busy" role="status">
          <span className="flow-panel__spinner" aria-hidden="true" />
          {effectText(waiting.request, naming)}
        </p>
      )}
    </div>
  );
}
