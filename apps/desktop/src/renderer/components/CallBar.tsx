import { useTranslation } from 'react-i18next';
import { ElapsedTimer } from '@omnicc/ui';
import { isCallOver, useCallStore, type CallInfo } from '../stores/callStore.js';
import { TEST_IDS } from '../testIds.js';
import { CallParty } from './CallParty.js';
import { CallTransferPicker } from './CallTransferPicker.js';
import { ConsultLine } from './ConsultLine.js';
import { DtmfKeypad } from './DtmfKeypad.js';
import { useVoice } from './VoiceContext.js';
import './CallBar.css';

/** Answer / Reject for a call that rings without a routing offer (no card in the inbox to answer it from). */
function RingingControls({ call }: { call: CallInfo }) {
  const { t } = useTranslation();
  const voice = useVoice();
  return (
    <>
      <button type="button" className="omni-button omni-button--small omni-button--primary" disabled={call.pending !== null} onClick={() => void voice.answerCall()}>
        {t('call.answer')}
      </button>
      <button type="button" className="omni-button omni-button--small" disabled={call.pending !== null} onClick={() => void voice.hangUp()}>
        {t('call.reject')}
      </button>
    </>
  );
}

/** Hold, mute, keypad, transfer, consult and hang up of a call in progress; each with its shortcut where it has one. */
function LiveControls({ call }: { call: CallInfo }) {
  const { t } = useTranslation();
  const voice = useVoice();
  const keypadOpen = useCallStore((s) => s.keypadOpen);
  const setKeypadOpen = useCallStore((s) => s.setKeypadOpen);
  const setCallPicker = useCallStore((s) => s.setCallPicker);
  const consultUp = useCallStore((s) => s.consult !== null);
  const held = call.phase === 'held';
  const live = call.phase === 'connected' || held;
  const busy = call.pending !== null;
  // Only a call routing knows (an interaction) can be handed over; and one hand-over at a time.
  const canHandOver = live && !busy && !consultUp && call.interactionId !== null;
  return (
    <>
      <button
        type="button"
        className={`omni-button omni-button--small${held ? ' is-on' : ''}`}
        aria-pressed={held}
        aria-keyshortcuts="Alt+H"
        // During a consult the customer comes back with Cancel consult, which hangs the colleague up first.
        disabled={!live || busy || consultUp}
        onClick={() => void voice.toggleHold()}
        data-testid={TEST_IDS.callHold}
      >
        {held ? t('call.resume') : t('call.hold')}
      </button>
      <button
        type="button"
        className={`omni-button omni-button--small${call.muted ? ' is-on' : ''}`}
        aria-pressed={call.muted}
        aria-keyshortcuts="Alt+M"
        disabled={!live}
        onClick={() => voice.toggleMute()}
        data-testid={TEST_IDS.callMute}
      >
        {call.muted ? t('call.unmute') : t('call.mute')}
      </button>
      <span className="call-bar__keypad-anchor">
        <button
          type="button"
          className={`omni-button omni-button--small${keypadOpen ? ' is-on' : ''}`}
          aria-expanded={keypadOpen}
          aria-keyshortcuts="Alt+K"
          disabled={call.phase !== 'connected'}
          onClick={() => setKeypadOpen(!keypadOpen)}
          data-testid={TEST_IDS.callKeypad}
        >
          {t('call.keypad')}
        </button>
        {keypadOpen && call.phase === 'connected' ? <DtmfKeypad onClose={() => setKeypadOpen(false)} /> : null}
      </span>
      <button
        type="button"
        className="omni-button omni-button--small"
        aria-haspopup="dialog"
        aria-keyshortcuts="Alt+T"
        disabled={!canHandOver}
        onClick={() => setCallPicker('transfer')}
        data-testid={TEST_IDS.callTransfer}
      >
        {t('call.transfer')}
      </button>
      <button type="button" className="omni-button omni-button--small" aria-haspopup="dialog" disabled={!canHandOver} onClick={() => setCallPicker('consult')} data-testid={TEST_IDS.callConsult}>
        {t('call.consult')}
      </button>
      <button type="button" className="omni-button omni-button--small omni-button--danger call-bar__hang-up" disabled={call.pending === 'hangUp'} onClick={() => void voice.hangUp()} data-testid={TEST_IDS.callHangUp}>
        {t('call.hangUp')}
      </button>
    </>
  );
}

/** The customer's call (or a colleague's consult call ringing in): who, state, timer, controls. */
function CallLine({ call }: { call: CallInfo }) {
  const { t } = useTranslation();
  const over = isCallOver(call);
  const consultIn = call.consultFor !== null && call.direction === 'inbound';
  return (
    <div className={`call-bar call-bar--${call.phase}`} data-testid={TEST_IDS.callBar} data-phase={call.phase} data-call-id={call.callId}>
      <span className="call-bar__icon" aria-hidden="true" />
      {consultIn ? <span className="call-bar__kind">{t('call.consultFrom')}</span> : null}
      <CallParty call={call} testId={TEST_IDS.callParty} />
      <span className="call-bar__state" role="status">
        {call.pending === 'transfer' ? t('call.transferring') : t(`call.${call.phase}`)}
        {call.muted && !over ? <span className="call-bar__muted"> · {t('call.muted')}</span> : null}
      </span>
      {call.connectedAt && !over ? <ElapsedTimer since={call.connectedAt} label={t('call.timer')} testId={TEST_IDS.callTimer} /> : null}
      <div className="call-bar__controls">{call.phase === 'ringing' ? <RingingControls call={call} /> : over ? null : <LiveControls call={call} />}</div>
    </div>
  );
}

/**
 * The call in progress (通话), one compact strip under the top bar, visible
 * whatever conversation the agent looks at, with the consult line (咨询)
 * under it while there is one. A call that rings for a routing offer is
 * answered from its card in the inbox, so its strip waits until then.
 */
export function CallBar() {
  const { t } = useTranslation();
  const call = useCallStore((s) => s.call);
  const consult = useCallStore((s) => s.consult);
  const picker = useCallStore((s) => s.callPicker);
  const shown = call && !(call.phase === 'ringing' && call.offerId);
  const pickerFor = call?.interactionId && (call.phase === 'connected' || call.phase === 'held') ? call.interactionId : null;
  return (
    <div className="call-bar-region" role="region" aria-label={t('call.bar')}>
      {shown ? <CallLine call={call} /> : null}
      {consult ? <ConsultLine consult={consult} customer={call} /> : null}
      {call && picker && pickerFor ? <CallTransferPicker key={picker} call={call} interactionId={pickerFor} kind={picker} /> : null}
    </div>
  );
}
