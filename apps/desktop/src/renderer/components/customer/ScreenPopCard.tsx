import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Offer } from '@omnicc/shared';
import { markScreenPop } from '../../network/screenPopMarks.js';
import { useCustomerStore, type CustomerCardEntry } from '../../stores/customerStore.js';
import { useOffersStore } from '../../stores/offersStore.js';
import { TEST_IDS } from '../../testIds.js';
import { useLocale } from '../useLocale.js';
import type { Language } from '../../i18n/index.js';
import { CustomerIdentity } from './CustomerCard.js';
import { warningLines } from './customerText.js';
import { PromotionBox } from './PromotionBox.js';
import { useCustomerCardClient, useScreenPop } from './useCustomerCardClient.js';
import { WarningList } from './WarningList.js';

/** What a screen reader hears once when the card pops: who, how valuable, what to watch, what to offer. */
function announcement(t: TFunction, entry: CustomerCardEntry, language: Language): string {
  if (entry.status === 'unknown') return t('customer.announceUnknown', { name: entry.unknown?.name ?? '' });
  const view = entry.view;
  if (!view) return '';
  const parts = [t('customer.announce', { name: view.customer.name, tier: t(`customer.tier.${view.customer.tier}`) })];
  for (const w of warningLines(t, view.warnings, undefined, language)) parts.push(w.text);
  if (view.promotion) parts.push(`${t('customer.promotion')}: ${view.promotion.name[language]}`);
  return parts.join('. ');
}

/** The compact card of the ringing offer: painted as soon as its data is in, marked for the timing. */
function RingingCard({ offer, entry }: { offer: Offer; entry: CustomerCardEntry | undefined }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const id = offer.interaction.id;
  const ready = entry?.status === 'known' || entry?.status === 'unknown';
  useEffect(() => {
    if (!ready) return;
    // rAF runs before the frame is drawn; a task queued from it runs after: that is "painted".
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => markScreenPop('painted', id), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, id]);
  const warnings = useMemo(() => (entry?.view ? warningLines(t, entry.view.warnings, undefined, language) : []), [t, entry?.view, language]);

  return (
    <section className="screen-pop" aria-label={t('customer.popTitle')} data-testid={TEST_IDS.screenPop} data-interaction-id={id} data-status={entry?.status ?? 'loading'}>
      {!entry || entry.status === 'loading' ? <p className="customer-card__loading">{t('customer.loading')}</p> : null}
      {entry?.status === 'error' ? <p className="customer-card__muted">{t('customer.popFailed')}</p> : null}
      {entry?.status === 'unknown' && entry.unknown ? (
        <p className="customer-card__identity">
          <span className="customer-card__name">{entry.unknown.name}</span>
          <span className="customer-card__muted customer-card__block">{t('customer.unknownHint')}</span>
        </p>
      ) : null}
      {entry?.status === 'known' && entry.view ? (
        <>
          <CustomerIdentity view={entry.view} />
          <WarningList lines={warnings.slice(0, 3)} />
          {entry.view.promotion ? <PromotionBox promotion={entry.view.promotion} moment={entry.promotionMoment} compact /> : null}
        </>
      ) : null}
    </section>
  );
}

/**
 * The screen-pop (来电弹屏) next to the offer toast: the oldest ringing
 * offer's customer, before the accept. It takes no focus (Accept keeps
 * it) and is announced once per interaction through a polite live region.
 */
export function ScreenPopRegion() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const client = useCustomerCardClient();
  useScreenPop(client);
  const offer = useOffersStore((s) => s.offers[0]);
  const entry = useCustomerStore((s) => (offer ? s.cards[offer.interaction.id] : undefined));
  const markAnnounced = useCustomerStore((s) => s.markAnnounced);
  const [spoken, setSpoken] = useState('');

  const ready = entry?.status === 'known' || entry?.status === 'unknown';
  useEffect(() => {
    if (!offer || !entry || !ready || entry.announced) return;
    setSpoken(announcement(t, entry, language));
    markAnnounced(offer.interaction.id);
  }, [offer, entry, ready, t, language, markAnnounced]);
  useEffect(() => {
    if (!offer) setSpoken('');
  }, [offer]);

  return (
    <div className="screen-pop-region">
      <p className="omni-visually-hidden" role="status" data-testid={TEST_IDS.screenPopAnnouncer}>
        {spoken}
      </p>
      {offer ? <RingingCard offer={offer} entry={entry} /> : null}
    </div>
  );
}
