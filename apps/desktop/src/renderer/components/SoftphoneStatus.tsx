import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallStore } from '../stores/callStore.js';
import { TEST_IDS } from '../testIds.js';
import { NumberDialog } from './NumberDialog.js';
import { useVoice } from './VoiceContext.js';

/**
 * The phone's state in the top bar: a dot and a word, calm unless something
 * is wrong, and "Call out" while the phone is free. A server without voice
 * shows nothing: there is no phone to speak of there.
 */
export function SoftphoneStatus() {
  const { t } = useTranslation();
  const voice = useVoice();
  const registration = useCallStore((s) => s.registration);
  const idle = useCallStore((s) => s.call === null);
  const [dialing, setDialing] = useState(false);
  if (registration === 'off' || registration === 'unavailable') return null;

  return (
    <div className="softphone-status" role="group" aria-label={t('softphone.label')}>
      <span className={`softphone-status__state softphone-status__state--${registration}`} role="status" data-testid={TEST_IDS.softphoneStatus} data-registration={registration}>
        <span className="softphone-status__dot" aria-hidden="true" />
        {t(`softphone.${registration}`)}
      </span>
      {registration === 'registered' && idle ? (
        <button type="button" className="omni-button omni-button--small" aria-haspopup="dialog" onClick={() => setDialing(true)} data-testid={TEST_IDS.dialOpen}>
          {t('softphone.dial')}
        </button>
      ) : null}
      {dialing ? (
        <NumberDialog
          title={t('call.dialTitle')}
          fieldLabel={t('call.dialNumber')}
          submitLabel={t('call.dialSubmit')}
          onSubmit={(number) => voice.dial(number)}
          onClose={() => setDialing(false)}
          testId={TEST_IDS.dialDialog}
        />
      ) : null}
    </div>
  );
}
