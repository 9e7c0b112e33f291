import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffersStore } from '../stores/offersStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { TEST_IDS } from '../testIds.js';
import { useActions } from './ActionsContext.js';
import { errorText } from './errorText.js';
import './StatusRegions.css';

/** "Reconnecting…" under the top bar while the socket is down. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useUiStore((s) => s.connection);
  return (
    <div className="banner-region" role="status">
      {connection !== 'connected' ? (
        <p className={`banner banner--${connection}`} data-testid={TEST_IDS.connectionBanner} data-connection={connection}>
          <span className="banner__spinner" aria-hidden="true" />
          {t(`connection.${connection}`)}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Toast of the oldest ringing offer. The live region is always in the DOM
 * (so the announcement is reliable) and empties itself when the offer ends.
 */
export function OfferToast() {
  const { t } = useTranslation();
  const actions = useActions();
  const offers = useOffersStore((s) => s.offers);
  const oldest = offers[0];
  return (
    <div className="toast-region" role="alert" aria-atomic="true">
      {oldest ? (
        <div className="toast" data-testid={TEST_IDS.toast} data-offer-id={oldest.offerId}>
          <span className="toast__bell" aria-hidden="true" />
          <div className="toast__body">
            <p className="toast__title">
              {t('offer.toast', { channel: t(`channel.${oldest.interaction.channel}`), name: oldest.interaction.customer.name })}
            </p>
            {offers.length > 1 ? <p className="toast__more">{t('offer.toastMore', { count: offers.length - 1 })}</p> : null}
          </div>
          <button type="button" className="omni-button omni-button--primary omni-button--small" onClick={() => void actions.acceptOffer(oldest.offerId)}>
            {oldest.interaction.channel === 'voice' ? t('call.answer') : t('offer.accept')}
            <kbd className="toast__key">Alt+A</kbd>
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** How long a failure notice stays before it fades on its own. */
const NOTICE_MS = 8000;

/** The last failed action, in words, with a dismiss button. */
export function NoticeBar() {
  const { t } = useTranslation();
  const notice = useUiStore((s) => s.notice);
  const dismiss = useUiStore((s) => s.dismissNotice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(dismiss, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  return (
    <div className="notice-region" role="status">
      {notice ? (
        <p className="notice" data-testid={TEST_IDS.errorNotice} data-code={notice.code}>
          <span>{errorText(t, notice.action, notice.code)}</span>
          <button type="button" className="notice__close" onClick={dismiss} aria-label={t('common.dismiss')}>
            <span aria-hidden="true">×</span>
          </button>
        </p>
      ) : null}
    </div>
  );
}
