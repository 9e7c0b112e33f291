import { useTranslation } from 'react-i18next';
import { ElapsedTimer } from '@omnicc/ui';
import type { CallInfo } from '../stores/callStore.js';
import { TEST_IDS } from '../testIds.js';
import { CallParty } from './CallParty.js';
import { useVoice } from './VoiceContext.js';

/**
 * The consult line (咨询) under the call bar. On the consulting agent's desk:
 * the colleague being consulted while the customer waits on hold, with
 * Complete transfer and Cancel consult. On the colleague's desk, once the
 * customer's call came over: the consult call still up, with End consult.
 */
export function ConsultLine({ consult, customer }: { consult: CallInfo; customer: CallInfo | null }) {
  const { t } = useTranslation();
  const voice = useVoice();
  const ours = consult.direction === 'outbound';
  const customerBusy = customer !== null && customer.pending !== null;
  return (
    <div
      className={`call-bar call-bar--consult call-bar--${consult.phase}`}
      role="group"
      aria-label={t('call.consultLine')}
      data-testid={TEST_IDS.callConsultBar}
      data-phase={consult.phase}
      data-call-id={consult.callId}
    >
      <span className="call-bar__icon" aria-hidden="true" />
      <span className="call-bar__kind">{ours ? t('call.consultWith') : t('call.consultFrom')}</span>
      <CallParty call={consult} />
      <span className="call-bar__state" role="status">
        {consult.pending === 'transfer' ? t('call.transferring') : t(`call.${consult.phase}`)}
      </span>
      {consult.connectedAt && consult.phase === 'connected' ? <ElapsedTimer since={consult.connectedAt} label={t('call.timer')} /> : null}
      <div className="call-bar__controls">
        {ours ? (
          <button
            type="button"
            className="omni-button omni-button--small omni-button--primary"
            // The colleague must have answered: they agree to take the customer by talking to us first.
            disabled={consult.phase !== 'connected' || consult.pending !== null || customerBusy}
            onClick={() => void voice.completeConsult()}
            data-testid={TEST_IDS.callConsultComplete}
          >
            {t('call.completeConsult')}
          </button>
        ) : null}
        <button
          type="button"
          className="omni-button omni-button--small"
          disabled={consult.pending !== null}
          onClick={() => void voice.cancelConsult()}
          data-testid={TEST_IDS.callConsultCancel}
        >
          {ours ? t('call.cancelConsult') : t('call.endConsult')}
        </button>
      </div>
    </div>
  );
}
