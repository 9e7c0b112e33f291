import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView, Interaction } from '@omnicc/shared';
import { useCustomerStore, type CustomerCardEntry } from '../../stores/customerStore.js';
import { TEST_IDS } from '../../testIds.js';
import { AddInSlot } from '../addIns/AddInSlot.js';
import type { AddInSlotContext } from '../addIns/addInHost.js';
import { reasonText } from '../errorText.js';
import { useLocale } from '../useLocale.js';
import { BillingPanel } from './BillingPanel.js';
import { Contracts, RfmLine, Subscriptions, WorkOrders } from './CardSections.js';
import { CustomerTimeline } from './CustomerTimeline.js';
import { warningLines } from './customerText.js';
import { PromotionBox } from './PromotionBox.js';
import { TierBadge } from './TierBadge.js';
import { UnknownContact } from './UnknownContact.js';
import { useCustomerCardClient } from './useCustomerCardClient.js';
import { WarningList } from './WarningList.js';
import './CustomerCard.css';

/** Who the customer is: name, tier, kind and region, the VIP manager. */
export function CustomerIdentity({ view }: { view: CustomerView }) {
  const { t } = useTranslation();
  const { customer } = view;
  return (
    <div className="customer-card__identity">
      <p className="customer-card__name-line">
        <span className="customer-card__name" data-testid={TEST_IDS.customerName}>
          {customer.name}
        </span>
        <TierBadge tier={customer.tier} />
      </p>
      <p className="customer-card__meta">
        {customer.kind === 'enterprise' ? <span className="customer-card__kind">{t('customer.enterprise')}</span> : null}
        {customer.region ? <span>{customer.region}</span> : null}
      </p>
      {customer.vipManager ? (
        <p className="customer-card__manager" data-testid={TEST_IDS.customerManager}>
          <span className="customer-card__label">{t('customer.vipManager')}</span> {customer.vipManager.name}
          {customer.vipManager.phone ? <span className="customer-card__muted"> {customer.vipManager.phone}</span> : null}
        </p>
      ) : null}
    </div>
  );
}

/** What the card's add-ins may be told (each part only if granted): the interaction's number first among the phones. */
function addInContext(view: CustomerView, interaction: Interaction): AddInSlotContext {
  const points = view.customer.contactPoints;
  const phones = [interaction.customer.phone, ...points.filter((p) => p.type === 'phone').map((p) => p.value)].filter((p): p is string => !!p);
  const emails = points.filter((p) => p.type === 'email').map((p) => p.value);
  return {
    interactionId: interaction.id,
    customer: { name: view.customer.name, tier: view.customer.tier, ...(view.customer.region ? { region: view.customer.region } : {}) },
    contacts: { phones: [...new Set(phones)], emails },
    interaction: { channel: interaction.channel, queueId: interaction.queueId },
  };
}

/** A known customer's full card. */
function KnownCard({ view, entry, interaction, folded }: { view: CustomerView; entry: CustomerCardEntry; interaction: Interaction; folded: boolean }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const warningsId = useId();
  const account = entry.billing.status === 'ready' ? entry.billing.account : undefined;
  const warnings = useMemo(() => warningLines(t, view.warnings, account, language), [t, view.warnings, account, language]);
  const context = useMemo(() => addInContext(view, interaction), [view, interaction]);
  const held = interaction.state === 'assigned' || interaction.state === 'wrapUp';
  return (
    <>
      <CustomerIdentity view={view} />
      {folded ? null : <RfmLine view={view} />}
      {warnings.length > 0 ? (
        <div className="customer-card__section" data-testid={TEST_IDS.customerWarnings}>
          <h3 id={warningsId} className="omni-visually-hidden">
            {t('customer.warnings')}
          </h3>
          <WarningList lines={warnings} headingId={warningsId} />
        </div>
      ) : null}
      {view.promotion ? <PromotionBox promotion={view.promotion} moment={entry.promotionMoment} /> : null}
      {folded ? null : (
        <>
          <BillingPanel billing={entry.billing} />
          {/* The add-ins of the card's sidebar slot (the billing add-in's page): their operations are for an interaction the agent holds. */}
          {held ? <AddInSlot slot="customerCardSidebar" context={context} /> : null}
          <Subscriptions view={view} />
          <Contracts view={view} />
          <WorkOrders view={view} />
          <CustomerTimeline view={view} currentId={interaction.id} />
        </>
      )}
    </>
  );
}

/**
 * What the card's live region says when the interaction turns out to be
 * about billing or a change of service (a transfer to that desk): the
 * promotion pops again, announced once per interaction.
 */
function usePromotionMoment(interactionId: string, entry: CustomerCardEntry | undefined): string {
  const { t } = useTranslation();
  const { language } = useLocale();
  const markMomentAnnounced = useCustomerStore((s) => s.markMomentAnnounced);
  const [spoken, setSpoken] = useState('');
  const promotion = entry?.status === 'known' && entry.promotionMoment && !entry.momentAnnounced ? entry.view?.promotion : undefined;
  useEffect(() => {
    if (!promotion) return;
    setSpoken(t('customer.promotionNow', { name: promotion.name[language] }));
    markMomentAnnounced(interactionId);
  }, [promotion, t, language, markMomentAnnounced, interactionId]);
  return spoken;
}

/**
 * The customer card (客户视图) beside a conversation, above the service
 * flow: the whole 360 view, the billing add-in's data as it arrives, or
 * create / link for an unknown contact. Alt+C focuses its heading.
 */
export function CustomerCard({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const client = useCustomerCardClient();
  const titleId = useId();
  const bodyId = useId();
  const entry = useCustomerStore((s) => s.cards[interaction.id]);
  const folded = useCustomerStore((s) => s.folded);
  const setFolded = useCustomerStore((s) => s.setFolded);
  const held = interaction.state === 'assigned' || interaction.state === 'wrapUp';
  const promotionNow = usePromotionMoment(interaction.id, entry);

  const staleTick = entry?.staleTick ?? 0;
  useEffect(() => {
    void client.load(interaction.id, staleTick > 0);
  }, [client, interaction.id, staleTick]);
  // Billing is read for an interaction the agent holds, once the customer is known.
  const known = entry?.status === 'known';
  useEffect(() => {
    if (known && held) void client.loadBilling(interaction.id, interaction.customer.phone);
  }, [client, known, held, interaction.id, interaction.customer.phone]);

  return (
    <section className="customer-card" aria-labelledby={titleId} data-testid={TEST_IDS.customerCard} data-status={entry?.status ?? 'loading'}>
      <p className="omni-visually-hidden" role="status">
        {promotionNow}
      </p>
      <div className="customer-card__head">
        <h2 id={titleId} className="customer-card__title" tabIndex={-1}>
          {t('customer.title')}
        </h2>
        <kbd className="customer-card__key">Alt+C</kbd>
        <button type="button" className="omni-button omni-button--small customer-card__fold" aria-expanded={!folded} aria-controls={bodyId} onClick={() => setFolded(!folded)}>
          {folded ? t('customer.showAll') : t('customer.keyFactsOnly')}
        </button>
      </div>
      <div id={bodyId} className="customer-card__body">
        {!entry || entry.status === 'loading' ? (
          <p className="customer-card__loading" aria-busy="true">
            <span className="customer-billing__spinner" aria-hidden="true" />
            {t('customer.loading')}
          </p>
        ) : null}
        {entry?.error ? (
          <p className="customer-card__error" data-testid={TEST_IDS.customerError}>
            {t('customer.loadFailed', { reason: reasonText(t, entry.error) })}{' '}
            <button type="button" className="omni-button omni-button--small" onClick={() => void client.load(interaction.id, true)}>
              {t('customer.retry')}
            </button>
          </p>
        ) : null}
        {entry?.status === 'known' && entry.view ? <KnownCard view={entry.view} entry={entry} interaction={interaction} folded={folded} /> : null}
        {entry?.status === 'unknown' && entry.unknown ? <UnknownContact interactionId={interaction.id} contact={entry.unknown} /> : null}
      </div>
    </section>
  );
}
