import { useTranslation } from 'react-i18next';
import { ElapsedTimer, MenuButton } from '@omnicc/ui';
import { useServices } from '../services.js';
import { useAgentStore } from '../stores/agentStore.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { TEST_IDS, reasonTestId } from '../testIds.js';
import { useActions } from './ActionsContext.js';
import { useLocale } from './useLocale.js';

/** Current status with its timer, and the Ready / Not ready (reason) controls (示闲 / 示忙). */
export function StatusControl() {
  const { t } = useTranslation();
  const actions = useActions();
  const { ringer, notifier } = useServices();
  const locale = useLocale();
  const { status, reasonCode, statusSince, chosen, pending } = useAgentStore();
  const reasons = useSessionStore((s) => s.dictionaries?.notReadyReasons);

  const reason = reasonCode ? locale.label(reasons?.find((r) => r.code === reasonCode), reasonCode) : null;
  const statusText = reason ? t('status.withReason', { status: t(`status.${status}`), reason }) : t(`status.${status}`);
  const offline = status === 'offline';

  return (
    <div className="status-control" role="group" aria-label={t('status.current')}>
      <span className={`status-pill status-pill--${status}`}>
        <span className="status-pill__dot" aria-hidden="true" />
        <span className="status-pill__text" data-testid={TEST_IDS.statusLabel} data-status={status}>
          {statusText}
        </span>
        <ElapsedTimer since={statusSince} label={t('status.timer')} testId={TEST_IDS.statusTimer} />
      </span>
      <div className="status-control__buttons">
        <button
          type="button"
          className={`omni-button omni-button--small status-control__ready${chosen === 'ready' ? ' is-chosen' : ''}`}
          aria-pressed={chosen === 'ready'}
          aria-keyshortcuts="Alt+S"
          disabled={pending || offline}
          onClick={() => {
            // A click is a user gesture: the moment to unlock audio and ask for notifications.
            ringer.unlock();
            notifier.requestPermission();
            void actions.setReady();
          }}
          data-testid={TEST_IDS.statusReady}
        >
          {t('status.setReady')}
        </button>
        <MenuButton
          buttonClassName={`omni-button omni-button--small status-control__not-ready${chosen === 'notReady' ? ' is-chosen' : ''}`}
          buttonTestId={TEST_IDS.statusNotReady}
          disabled={pending || offline}
          menuLabel={t('status.reasonsMenu')}
          emptyLabel={t('status.reasonsLoading')}
          items={(reasons ?? []).map((r) => ({
            id: r.code,
            label: locale.label(r, r.code),
            checked: chosen === 'notReady' && r.code === reasonCode,
            testId: reasonTestId(r.code),
          }))}
          onSelect={(code) => void actions.setNotReady(code)}
        >
          {t('status.setNotReady')}
        </MenuButton>
      </div>
    </div>
  );
}
