import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, OfferItem } from '@omnicc/ui';
import type { Offer } from '@omnicc/shared';
import { useAgentStore } from '../stores/agentStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { TEST_IDS } from '../testIds.js';
import { useActions } from './ActionsContext.js';
import { InboxItem } from './InboxItem.js';
import './Inbox.css';

function RingingOffer({ offer, first }: { offer: Offer; first: boolean }) {
  const { t } = useTranslation();
  const actions = useActions();
  const busy = useOffersStore((s) => s.pending[offer.offerId] !== undefined);
  const { customer, channel } = offer.interaction;
  return (
    <li>
      <OfferItem
        offerId={offer.offerId}
        channel={channel}
        customerName={customer.name}
        detail={customer.phone ?? customer.email}
        expiresAt={offer.expiresAt}
        busy={busy}
        labels={{
          channel: t(`channel.${channel}`),
          accept: channel === 'voice' ? t('call.answer') : t('offer.accept'),
          reject: channel === 'voice' ? t('call.reject') : t('offer.reject'),
          secondsLeft: (count) => t('offer.secondsLeft', { count }),
          secondsShort: (count) => t('offer.secondsShort', { count }),
        }}
        acceptShortcut={first ? 'Alt+A' : undefined}
        rejectShortcut={first ? 'Alt+R' : undefined}
        onAccept={() => void actions.acceptOffer(offer.offerId)}
        onReject={() => void actions.rejectOffer(offer.offerId)}
        testIds={{ root: TEST_IDS.offerItem, accept: TEST_IDS.offerAccept, reject: TEST_IDS.offerReject }}
      />
    </li>
  );
}

/** Left column: ringing offers on top, then the conversations on the desk. */
export function Inbox() {
  const { t } = useTranslation();
  const offers = useOffersStore((s) => s.offers);
  const order = useInteractionsStore((s) => s.order);
  const ready = useAgentStore((s) => (s.chosen ?? s.status) === 'ready');
  const ringingId = useId();
  const listId = useId();

  return (
    <nav className="inbox" aria-label={t('inbox.title')}>
      {offers.length > 0 ? (
        <section className="inbox__section" aria-labelledby={ringingId}>
          <h2 id={ringingId} className="inbox__heading">
            {t('inbox.ringing')}
            <span className="inbox__count">{offers.length}</span>
          </h2>
          <ul className="inbox__offers">
            {offers.map((offer, i) => (
              <RingingOffer key={offer.offerId} offer={offer} first={i === 0} />
            ))}
          </ul>
        </section>
      ) : null}
      <section className="inbox__section inbox__section--grow" aria-labelledby={listId}>
        <h2 id={listId} className="inbox__heading">
          {t('inbox.conversations')}
          <span className="inbox__count">{order.length}</span>
        </h2>
        {order.length === 0 ? (
          <EmptyState title={t('inbox.emptyTitle')} hint={ready ? t('inbox.emptyHintReady') : t('inbox.emptyHintNotReady')} />
        ) : (
          <ul className="inbox__list">
            {order.map((id, index) => (
              <InboxItem key={id} interactionId={id} index={index} />
            ))}
          </ul>
        )}
      </section>
    </nav>
  );
}
