import { useTranslation } from 'react-i18next';
import { useCallStore } from '../stores/callStore.js';
import { TEST_IDS } from '../testIds.js';
import { useVoice } from './VoiceContext.js';

/**
 * Click-to-call on the customer card: calls the customer's number from the
 * desk's softphone. Only there while the phone is registered and free, so it
 * never offers a second call; the call becomes an interaction of the agent's.
 */
export function CallCustomerButton({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const voice = useVoice();
  const ready = useCallStore((s) => s.registration === 'registered' && s.call === null);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="omni-button omni-button--small"
      aria-label={t('call.callCustomer', { number: phone })}
      onClick={() => void voice.dial(phone)}
      data-testid={TEST_IDS.customerCall}
    >
      {t('call.dialSubmit')}
    </button>
  );
}
