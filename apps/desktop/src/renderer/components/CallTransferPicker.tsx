import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferTo } from '../network/actions.js';
import { useCallStore, type CallInfo, type CallPicker } from '../stores/callStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { errorText } from './errorText.js';
import { TransferTargetPicker } from './TransferTargetPicker.js';
import { useVoice } from './VoiceContext.js';

/**
 * The call bar's target picker for the call's interaction: Transfer lists
 * queues and agents (blind transfer), Consult lists agents (it rings them).
 */
export function CallTransferPicker({ call, interactionId, kind }: { call: CallInfo; interactionId: string; kind: CallPicker }) {
  const { t } = useTranslation();
  const voice = useVoice();
  const setCallPicker = useCallStore((s) => s.setCallPicker);
  const customerName = useInteractionsStore((s) => s.byId[interactionId]?.customer.name);
  const [error, setError] = useState<string | undefined>();
  const name = customerName ?? call.name ?? call.number;

  const pick = async (to: TransferTo): Promise<boolean> => {
    const before = useUiStore.getState().notice?.id;
    setError(undefined);
    let done = false;
    if (kind === 'transfer') done = await voice.transfer(to);
    else if ('agentId' in to) done = await voice.consult(to.agentId);
    if (done) {
      setCallPicker(null);
      return true;
    }
    // The voice actions report failures as notices; here the agent looks at the dialog, so say it there (once).
    const notice = useUiStore.getState().notice;
    if (notice && notice.id !== before) {
      setError(errorText(t, notice.action, notice.code));
      useUiStore.getState().dismissNotice();
    }
    return false;
  };

  return (
    <TransferTargetPicker
      interactionId={interactionId}
      title={kind === 'transfer' ? t('call.transferTitle', { name }) : t('call.consultTitle', { name })}
      description={t('transfer.description', { channel: t('channel.voice'), contact: call.number })}
      agentsOnly={kind === 'consult'}
      error={error}
      submitLabels={kind === 'consult' ? { submit: t('call.consultSubmit'), submitting: t('call.consultSubmitting') } : undefined}
      onPick={pick}
      onCancel={() => setCallPicker(null)}
    />
  );
}
