import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ElapsedTimer } from '@omnicc/ui';
import { useCallStore, type CallInfo } from '../stores/callStore.js';
import { TEST_IDS } from '../testIds.js';
import { DtmfKeypad } from './DtmfKeypad.js';
import { NumberDialog } from './NumberDialog.js';
import { useVoice } from './VoiceContext.js';
import './CallBar.css';

/** Who the agent talks to: the caller's name when known, with the number. */
function Party({ call }: { call: CallInfo }) {
  return (
    <span className="call-bar__party">
      <span className="call-bar__name" data-testid={TEST_IDS.callParty}>
        {call.name ?? call.number}
      </span>
      {call.name ? <span className="call-bar__number">{call.number}</span> : null}
    </span>
  );
}

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

/** Hold, mute, keypad, transfer and hang up of a call in progress; each with its shortcut. */
function LiveControls({ call }: { call: CallInfo }) {
  const { t } = useTranslation();
  const voice = useVoice();
  const keypadOpen = useCallStore((s) => s.keypadOpen);
  const setKeypadOpen = useCallStore((s) => s.setKeypadOpen);
  const [transferring, setTransferring] = useState(false);
  const held = call.phase === 'held';
  const live = call.phase === 'connected' || held;
  const busy = call.pending !== null;
  return (
    <>
      <button
        type="button"
        className={`omni-button omni-button--small${held ? ' is-on' : ''}`}
        aria-pressed={held}
        aria-keyshortcuts="Alt+H"
        disabled={!live || busy}
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
      <button type="button" className="omni-button omni-button--small" aria-haspopup="dialog" disabled={!live || busy} onClick={() => setTransferring(true)} data-testid={TEST_IDS.callTransfer}>
        {t('call.transfer')}
      </button>
      <button type="button" className="omni-button omni-button--small omni-button--danger call-bar__hang-up" disabled={call.pending === 'hangUp'} onClick={() => void voice.hangUp()} data-testid={TEST_IDS.callHangUp}>
        {t('call.hangUp')}
      </button>
      {transferring ? (
        <NumberDialog
          title={t('call.transferTitle')}
          fieldLabel={t('call.transferTarget')}
          submitLabel={t('call.transferSubmit')}
          onSubmit={(target) => voice.transfer(target)}
          onClose={() => setTransferring(false)}
          testId={TEST_IDS.callTransferDialog}
        />
      ) : null}
    </>
  );
}

/**
 * The call in progress (通话), one compact strip under the top bar, visible
 * whatever conversation the agent looks at. A call that rings for a routing
 * offer is answered from its card in the inbox, so the bar waits until then.
 */
export function CallBar() {
  const { t } = useTranslation();
  const call = useCallStore((s) => s.call);
  const region = (
    <div className="call-bar-region" role="region" aria-label={t('call.bar')}>
      {call && !(call.phase === 'ringing' && call.offerId) ? (
        <div className={`call-bar call-bar--${call.phase}`} data-testid={TEST_IDS.callBar} data-phase={call.phase} data-call-id={call.callId}>
          <span className="call-bar__icon" aria-hidden="true" />
          <Party call={call} />
          <span className="call-bar__state" role="status">
            {t(`call.${call.phase}`)}
            {call.muted && call.phase !== 'ended' ? <span className="call-bar__muted"> · {t('call.muted')}</span> : null}
          </span>
          {call.connectedAt && call.phase !== 'ended' ? <ElapsedTimer since={call.connectedAt} label={t('call.timer')} testId={TEST_IDS.callTimer} /> : null}
          <div className="call-bar__controls">
            {call.phase === 'ringing' ? <RingingControls call={call} /> : call.phase === 'ended' ? null : <LiveControls call={call} />}
          </div>
        </div>
      ) : null}
    </div>
  );
  return region;
}
