import { useTranslation } from 'react-i18next';
import type { Channel, Interaction } from '@omnicc/shared';
import { useUiStore } from '../stores/uiStore.js';
import { TEST_IDS } from '../testIds.js';
import { useActions } from './ActionsContext.js';
import { CallCustomerButton } from './CallCustomerButton.js';
import { CreateWorkOrderButton } from './workOrders/CreateWorkOrderButton.js';

/** What ending the interaction is called on each channel. */
const END_LABEL: Record<Channel, 'conversation.hangUp' | 'conversation.endChat' | 'conversation.finish'> = {
  voice: 'conversation.hangUp',
  chat: 'conversation.endChat',
  email: 'conversation.finish',
  sms: 'conversation.finish',
};

/** Who the conversation is with, its state, and what the agent can do with it now. */
export function ConversationHeader({ interaction, titleId }: { interaction: Interaction; titleId: string }) {
  const { t } = useTranslation();
  const actions = useActions();
  const openWrapUp = useUiStore((s) => s.openWrapUp);
  const openTransfer = useUiStore((s) => s.openTransfer);
  const contact = [interaction.customer.phone, interaction.customer.email].filter(Boolean).join(' · ');
  const voice = interaction.channel === 'voice';
  return (
    <div className="conversation__header">
      <div className="conversation__who">
        <h2 id={titleId} className="conversation__name">
          {interaction.customer.name}
        </h2>
        <div className="conversation__meta">
          <span>{t(`channel.${interaction.channel}`)}</span>
          {contact ? <span>{contact}</span> : null}
          {!voice && interaction.state === 'assigned' && interaction.customer.phone ? <CallCustomerButton phone={interaction.customer.phone} /> : null}
          <span className={`conversation__state conversation__state--${interaction.state}`}>{t(`interactionState.${interaction.state}`)}</span>
        </div>
      </div>
      {interaction.state === 'assigned' ? (
        <div className="conversation__actions">
          <CreateWorkOrderButton interaction={interaction} />
          {voice ? null : (
            <button
              type="button"
              className="omni-button"
              aria-haspopup="dialog"
              aria-keyshortcuts="Alt+T"
              onClick={() => openTransfer(interaction.id)}
              data-testid={TEST_IDS.transferOpen}
            >
              {t('conversation.transfer')}
            </button>
          )}
          <button type="button" className="omni-button omni-button--danger" aria-keyshortcuts="Alt+E" onClick={() => void actions.endChat(interaction.id)} data-testid={TEST_IDS.endChat}>
            {t(END_LABEL[interaction.channel])}
          </button>
        </div>
      ) : (
        <button type="button" className="omni-button omni-button--primary" aria-keyshortcuts="Alt+W" onClick={() => openWrapUp(interaction.id)} data-testid={TEST_IDS.openWrapUp}>
          {t('conversation.wrapUp')}
        </button>
      )}
    </div>
  );
}

