import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallStore } from '../stores/callStore.js';
import { DTMF_TONES, isDtmfTone } from '../telephony/softphone.js';
import { TEST_IDS } from '../testIds.js';
import { useVoice } from './VoiceContext.js';

/**
 * The DTMF keypad (拨号盘): for IVRs the call passes through. Typed keys
 * send too, so the agent need not reach for the mouse; Escape closes it and
 * hands focus back to the Keypad button.
 */
export function DtmfKeypad({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const voice = useVoice();
  const sent = useCallStore((s) => s.dtmfSent);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.querySelector<HTMLButtonElement>('button')?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (!e.altKey && !e.ctrlKey && !e.metaKey && isDtmfTone(e.key)) {
      e.preventDefault();
      void voice.sendDtmf(e.key);
    }
  };

  return (
    <div ref={panel} className="dtmf-keypad" role="group" aria-label={t('call.keypadTitle')} onKeyDown={onKeyDown} data-testid={TEST_IDS.dtmfKeypad}>
      <p className="dtmf-keypad__sent" aria-live="polite">
        {sent ? t('call.dtmfSent', { digits: sent }) : t('call.dtmfNone')}
      </p>
      <div className="dtmf-keypad__grid">
        {DTMF_TONES.map((tone) => (
          <button key={tone} type="button" className="omni-button dtmf-keypad__key" onClick={() => void voice.sendDtmf(tone)} data-tone={tone}>
            {tone}
          </button>
        ))}
      </div>
    </div>
  );
}
