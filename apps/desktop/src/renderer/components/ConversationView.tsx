import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '@omnicc/shared';
import { EmptyState } from '@omnicc/ui';
import { lastCustomerMessage, useInteractionsStore } from '../stores/interactionsStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { TEST_IDS } from '../testIds.js';
import { useActions } from './ActionsContext.js';
import { ConversationComposer } from './ConversationComposer.js';
import { ConversationHeader as Header } from './ConversationHeader.js';
import { CustomerCard } from './customer/CustomerCard.js';
import { EmailView } from './email/EmailView.js';
import { FlowRunPanel } from './flowRun/FlowRunPanel.js';
import { SmsView } from './sms/SmsView.js';
import { MessageList } from './MessageList.js';
import './ConversationView.css';

/** Whether the page is on screen; read receipts are only sent for what the agent can see. */
function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onChange = (): void => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return visible;
}

/** A conversation of any channel: its header, then the channel's view with the customer card and the service flow beside it. */
function ConversationFrame({ interaction, titleId, children }: { interaction: Interaction; titleId: string; children: ReactNode }) {
  return (
    <main className="conversation" aria-labelledby={titleId} data-testid={TEST_IDS.conversation} data-interaction-id={interaction.id}>
      <Header interaction={interaction} titleId={titleId} />
      <div className="conversation__body">
        <div className="conversation__column">{children}</div>
        {/* One 300 px side column: the customer card above the service flow keeps the conversation usable at 1280 px. It scrolls as one, from the keyboard too. */}
        <div className="conversation__side" tabIndex={0}>
          <CustomerCard key={interaction.id} interaction={interaction} />
          <FlowRunPanel interaction={interaction} />
        </div>
      </div>
    </main>
  );
}

/** Centre column: the active conversation, or a hint when none is selected. */
export function ConversationView() {
  const { t } = useTranslation();
  const actions = useActions();
  const titleId = useId();
  const activeId = useUiStore((s) => s.activeId);
  const interaction = useInteractionsStore((s) => (activeId ? s.byId[activeId] : undefined));
  const messages = useInteractionsStore((s) => (activeId ? s.messages[activeId] : undefined));
  const typing = useInteractionsStore((s) => (activeId ? (s.typing[activeId] ?? false) : false));
  const visible = useDocumentVisible();

  const lastFromCustomer = lastCustomerMessage(messages);
  useEffect(() => {
    if (interaction && visible && lastFromCustomer && lastFromCustomer.delivery !== 'read') actions.markRead(interaction.id, lastFromCustomer.id);
  }, [actions, interaction, visible, lastFromCustomer]);

  if (!interaction) {
    return (
      <main className="conversation conversation--empty" aria-labelledby={titleId}>
        <h2 id={titleId} className="omni-visually-hidden">
          {t('conversation.emptyTitle')}
        </h2>
        <EmptyState title={t('conversation.emptyTitle')} hint={t('conversation.emptyHint')} />
      </main>
    );
  }

  if (interaction.channel === 'voice') {
    // A call has no transcript or composer: the talking happens on the phone, driven from the call bar.
    return (
      <ConversationFrame interaction={interaction} titleId={titleId}>
        <p className="conversation__call-note" role="status">
          {interaction.state === 'wrapUp' ? t('call.noteEnded') : t('call.note', { number: interaction.customer.phone ?? interaction.customer.name })}
        </p>
      </ConversationFrame>
    );
  }

  if (interaction.channel === 'email' || interaction.channel === 'sms') {
    return (
      <ConversationFrame interaction={interaction} titleId={titleId}>
        {interaction.channel === 'email' ? <EmailView key={interaction.id} interaction={interaction} /> : <SmsView key={interaction.id} interaction={interaction} />}
      </ConversationFrame>
    );
  }

  const customerLeft = messages?.some((m) => m.sender === 'system' && m.text === 'customerLeft') ?? false;
  return (
    <ConversationFrame interaction={interaction} titleId={titleId}>
      {interaction.state === 'wrapUp' ? (
        <p className="conversation__ended" role="status">
          {customerLeft ? t('conversation.customerLeft') : t('conversation.ended')}
        </p>
      ) : null}
      <MessageList interactionId={interaction.id} customerName={interaction.customer.name} />
      <div className="conversation__typing" aria-live="polite">
        {typing ? (
          <span data-testid={TEST_IDS.typingIndicator}>
            <span className="conversation__dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {t('conversation.typing', { name: interaction.customer.name })}
          </span>
        ) : null}
      </div>
      <ConversationComposer interaction={interaction} />
    </ConversationFrame>
  );
}
