import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startOfferAlerts } from '../alerts/offerAlerts.js';
import { useDeskShortcuts } from '../keyboard/useDeskShortcuts.js';
import { signOut, startAgentConnection, type AgentConnection } from '../network/connection.js';
import { setBadgeCount } from '../platform/desktop.js';
import { useServices } from '../services.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { ActionsContext } from './ActionsContext.js';
import { CallBar } from './CallBar.js';
import { CannedContainer } from './canned/CannedResponsePicker.js';
import { KnowledgeContainer } from './knowledge/KnowledgePanel.js';
import { ConversationView } from './ConversationView.js';
import { ScreenPopRegion } from './customer/ScreenPopCard.js';
import { FlowsWorkspace } from './flows/FlowsWorkspace.js';
import { WorkOrdersWorkspace } from './workOrders/WorkOrdersWorkspace.js';
import { EmailDeskContext } from './email/EmailDeskContext.js';
import { SmsDeskContext } from './sms/SmsDeskContext.js';
import { Inbox } from './Inbox.js';
import { ShortcutHelp } from './ShortcutHelp.js';
import { ConnectionBanner, NoticeBar, OfferToast } from './StatusRegions.js';
import { TopBar } from './TopBar.js';
import { TransferContainer } from './TransferContainer.js';
import { VoiceContext } from './VoiceContext.js';
import { WrapUpContainer } from './WrapUpContainer.js';
import './MainScreen.css';

/** Ring, notifications and badge follow the offers store while the desk is open. */
function useOfferAlerts(): void {
  const { t } = useTranslation();
  const { ringer, notifier } = useServices();
  // Read through a ref so a language switch does not restart (and re-ring) the alerts.
  const tRef = useRef(t);
  tRef.current = t;
  useEffect(
    () =>
      startOfferAlerts({
        ringer,
        notifier,
        isHidden: () => document.hidden,
        setBadge: setBadgeCount,
        describe: (offer) => ({
          title: tRef.current('offer.notificationTitle', { channel: tRef.current(`channel.${offer.interaction.channel}`) }),
          body: tRef.current('offer.notificationBody', { name: offer.interaction.customer.name }),
        }),
      }),
    [ringer, notifier],
  );
  // After a reload no click has happened yet: unlock audio on the agent's first gesture.
  useEffect(() => {
    const unlock = (): void => ringer.unlock();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [ringer]);
}

/** Shows a conversation whenever there is one and none is selected; counts offers in the tab title. */
function useDeskHousekeeping(): void {
  const { t } = useTranslation();
  const order = useInteractionsStore((s) => s.order);
  const activeId = useUiStore((s) => s.activeId);
  const select = useUiStore((s) => s.select);
  const ringing = useOffersStore((s) => s.offers.length);
  useEffect(() => {
    if ((activeId === null || !order.includes(activeId)) && order[0] !== undefined) select(order[0]);
  }, [activeId, order, select]);
  useEffect(() => {
    document.title = ringing > 0 ? `(${ringing}) ${t('app.name')}` : t('app.name');
  }, [ringing, t]);
}

/** The signed-in desk: top bar, inbox, conversation, and the dialogs over them. */
export function MainScreen() {
  const { api, openSocket, createSoftphone } = useServices();
  const [connection, setConnection] = useState<AgentConnection | null>(null);
  const helpOpen = useUiStore((s) => s.helpOpen);
  const workspace = useUiStore((s) => s.workspace);

  useEffect(() => {
    const started = startAgentConnection({ api, openSocket, createSoftphone });
    setConnection(started);
    return () => started.stop();
  }, [api, openSocket, createSoftphone]);
  useOfferAlerts();
  useDeskHousekeeping();
  useDeskShortcuts(connection?.actions ?? null, connection?.voice ?? null);

  if (!connection) return null;
  return (
    <ActionsContext.Provider value={connection.actions}>
      <VoiceContext.Provider value={connection.voice}>
      <EmailDeskContext.Provider value={connection.email}>
      <SmsDeskContext.Provider value={connection.sms}>
      <div className="desk">
        <TopBar
          onLogout={() => {
            connection.stop();
            signOut('signedOut');
          }}
        />
        <ConnectionBanner />
        <CallBar />
        {/* The desk stays mounted under the designer: drafts, scroll and focus are where the agent left them. */}
        <div className="desk__workspace" hidden={workspace !== 'desk'}>
          <Inbox />
          <ConversationView />
        </div>
        {workspace === 'flows' ? <FlowsWorkspace /> : null}
        {workspace === 'workOrders' ? <WorkOrdersWorkspace /> : null}
        {/* The ringing offer's customer card sits under its toast. */}
        <div className="offer-stack">
          <OfferToast />
          <ScreenPopRegion />
        </div>
      </div>
      <NoticeBar />
      <WrapUpContainer />
      <TransferContainer />
      <CannedContainer />
      <KnowledgeContainer />
      {helpOpen ? <ShortcutHelp /> : null}
      </SmsDeskContext.Provider>
      </EmailDeskContext.Provider>
      </VoiceContext.Provider>
    </ActionsContext.Provider>
  );
}
