import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { workOrderSummarySchema, workOrderTypeDef, type CustomerView, type WorkOrderSummary } from '@omnicc/shared';
import { TEST_IDS } from '../../testIds.js';
import { useLocale } from '../useLocale.js';
import { formatDay, formatFen, formatWhen } from './customerText.js';

/** A titled part of the card: an h3 and what it lists. */
export function CardSection({ title, testId, children }: { title: string; testId?: string; children: (headingId: string) => ReactNode }) {
  const id = useId();
  return (
    <section className="customer-card__section" aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="customer-card__heading">
        {title}
      </h3>
      {children(id)}
    </section>
  );
}

/** Key subscriptions (号码/套餐): number, plan, status, contract end. */
export function Subscriptions({ view }: { view: CustomerView }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  if (view.subscriptions.length === 0) return null;
  return (
    <CardSection title={t('customer.subscriptions')} testId={TEST_IDS.customerSubscriptions}>
      {(id) => (
        <ul className="customer-card__list" aria-labelledby={id}>
          {view.subscriptions.map((s) => (
            <li key={`${s.accountId}:${s.msisdn}`} className="customer-card__row">
              <span className="customer-card__strong">{s.msisdn}</span> {s.planName[language]}
              {s.monthlyFeeFen !== undefined ? <span className="customer-card__muted"> · {t('customer.perMonth', { amount: formatFen(s.monthlyFeeFen, language) })}</span> : null}
              <span className="customer-card__meta">
                <span className={`customer-card__status customer-card__status--${s.status}`}>{t(`customer.subscriptionStatus.${s.status}`)}</span>
                {s.contractEnd ? <span>{t('customer.contractEnd', { date: formatDay(s.contractEnd) })}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </CardSection>
  );
}

/** Enterprise contracts (合同) with their term and an expiry warning. */
export function Contracts({ view }: { view: CustomerView }) {
  const { t } = useTranslation();
  if (view.contracts.length === 0) return null;
  return (
    <CardSection title={t('customer.contracts')}>
      {(id) => (
        <ul className="customer-card__list" aria-labelledby={id}>
          {view.contracts.map((c) => (
            <li key={c.contractNo} className="customer-card__row">
              <span className="customer-card__strong">{c.title}</span> <span className="customer-card__muted">{c.contractNo}</span>
              <span className="customer-card__meta">
                <span>{t('customer.term', { from: formatDay(c.startOn), to: formatDay(c.endOn) })}</span>
                {c.expiring ? <span className="customer-card__expiring">{t('customer.expiresIn', { days: c.daysLeft })}</span> : null}
              </span>
              {c.services.length > 0 ? <span className="customer-card__muted customer-card__block">{c.services.join(' · ')}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </CardSection>
  );
}

/** The view's work orders that parse as work-order summaries (the list is the work-order feature's). */
function openWorkOrders(view: CustomerView): WorkOrderSummary[] {
  return view.workOrders.flatMap((raw) => {
    const parsed = workOrderSummarySchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Open work orders (工单): number, type, state, due. */
export function WorkOrders({ view }: { view: CustomerView }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const orders = openWorkOrders(view);
  return (
    <CardSection title={t('customer.workOrders')} testId={TEST_IDS.customerWorkOrders}>
      {(id) =>
        orders.length === 0 ? (
          <p className="customer-card__empty">{t('customer.noWorkOrders')}</p>
        ) : (
          <ul className="customer-card__list" aria-labelledby={id}>
            {orders.map((o) => (
              <li key={o.id} className="customer-card__row">
                <span className="customer-card__strong">{o.number}</span> {workOrderTypeDef(o.type).name[language]}
                <span className="customer-card__meta">
                  <span>{t(`customer.workOrderState.${o.state}`)}</span>
                  <span className={o.sla === 'ok' ? undefined : 'customer-card__expiring'}>{t('customer.due', { when: formatWhen(o.resolveDueAt, language) })}</span>
                </span>
              </li>
            ))}
          </ul>
        )
      }
    </CardSection>
  );
}

/** RFM segment (RFM 分群) with its three scores. */
export function RfmLine({ view }: { view: CustomerView }) {
  const { t } = useTranslation();
  if (!view.rfm) return null;
  const { segment, scores } = view.rfm;
  return (
    <p className="customer-card__rfm" data-segment={segment}>
      <span className="customer-card__label">{t('customer.rfm')}</span> {t(`customer.segment.${segment}`)}{' '}
      <span className="customer-card__muted">R{scores.r} F{scores.f} M{scores.m}</span>
    </p>
  );
}
