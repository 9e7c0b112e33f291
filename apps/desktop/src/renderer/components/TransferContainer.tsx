import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '@omnicc/shared';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { useActions } from './ActionsContext.js';
import { errorText } from './errorText.js';
import { TransferTargetPicker } from './TransferTargetPicker.js';

/** The transfer dialog (转接) of the interaction in ui.transferFor, while it is in progress. */
function TransferPanel({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const actions = useActions();
  const transferErrorCode = useUiStore((s) => s.transferErrorCode);
  const closeTransfer = useUiStore((s) => s.closeTransfer);
  const contact = interaction.customer.phone ?? interaction.customer.email;
  const channel = t(`channel.${interaction.channel}`);
  return (
    <TransferTargetPicker
      interactionId={interaction.id}
      title={t('transfer.title', { name: interaction.customer.name })}
      description={contact ? t('transfer.description', { channel, contact }) : channel}
      error={transferErrorCode ? errorText(t, 'transfer', transferErrorCode) : undefined}
      onPick={(to) => actions.transfer(interaction.id, to)}
      onCancel={closeTransfer}
    />
  );
}

/** Shows the transfer dialog for ui.transferFor, and drops it once that interaction is no longer in progress. */
export function TransferContainer() {
  const transferFor = useUiStore((s) => s.transferFor);
  const closeTransfer = useUiStore((s) => s.closeTransfer);
  const interaction = useInteractionsStore((s) => (transferFor ? s.byId[transferFor] : undefined));
  const inProgress = interaction?.state === 'assigned';
  useEffect(() => {
    // The customer left or the server moved it meanwhile: nothing to transfer any more.
    if (transferFor !== null && !inProgress) closeTransfer();
  }, [transferFor, inProgress, closeTransfer]);
  return interaction && inProgress ? <TransferPanel key={interaction.id} interaction={interaction} /> : null;
}
