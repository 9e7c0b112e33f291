import { useTranslation } from 'react-i18next';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { TEST_IDS } from '../testIds.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { SoftphoneStatus } from './SoftphoneStatus.js';
import { StatusControl } from './StatusControl.js';
import { WorkspaceNav } from './WorkspaceNav.js';
import './TopBar.css';

/** Product, status, agent, language, help and sign-out: always in view. */
export function TopBar({ onLogout }: { onLogout: () => void }) {
  const { t } = useTranslation();
  const user = useSessionStore((s) => s.session?.user);
  const openCount = useInteractionsStore((s) => s.order.length);
  const setHelpOpen = useUiStore((s) => s.setHelpOpen);

  return (
    <header className="topbar">
      <h1 className="topbar__product">
        <span className="topbar__logo" aria-hidden="true">
          OC
        </span>
        <span className="topbar__product-name">{t('app.name')}</span>
      </h1>
      <WorkspaceNav />
      <StatusControl />
      <div className="topbar__end">
        <SoftphoneStatus />
        <span className="topbar__agent" title={user?.username}>
          <span className="omni-visually-hidden">{t('topBar.agent')}: </span>
          <span className="topbar__avatar" aria-hidden="true">
            {user?.displayName.slice(0, 1)}
          </span>
          {user?.displayName}
        </span>
        <LanguageSwitch />
        <button
          type="button"
          className="omni-button omni-button--small topbar__icon-button"
          onClick={() => setHelpOpen(true)}
          aria-keyshortcuts="?"
          aria-label={t('topBar.shortcuts')}
          title={t('topBar.shortcuts')}
          data-testid={TEST_IDS.shortcutsButton}
        >
          <span aria-hidden="true">?</span>
        </button>
        <button
          type="button"
          className="omni-button omni-button--small"
          onClick={() => {
            if (openCount === 0 || window.confirm(t('topBar.confirmLogout', { count: openCount }))) onLogout();
          }}
          data-testid={TEST_IDS.logout}
        >
          {t('topBar.logout')}
        </button>
      </div>
    </header>
  );
}
