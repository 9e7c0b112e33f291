import { useTranslation } from 'react-i18next';
import type { BillingState } from '../../stores/customerStore.js';
import { TEST_IDS } from '../../testIds.js';
import { useLocale } from '../useLocale.js';
import { CardSection } from './CardSections.js';
import { formatYuan } from './customerText.js';

/**
 * The billing add-in's data (计费系统): balance, arrears, amount due and
 * the last bill, filled in when the BSS answers. Until then, and when it
 * is slow or down, a placeholder says so; the rest of the card never waits.
 */
export function BillingPanel({ billing }: { billing: BillingState }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  return (
    <CardSection title={t('customer.billing')} testId={TEST_IDS.customerBilling}>
      {() => (
        <div className="customer-billing" data-status={billing.status} aria-busy={billing.status === 'loading' || billing.status === 'slow'}>
          {billing.status === 'ready' ? (
            <dl className="customer-billing__figures">
              <dt>{t('customer.balance')}</dt>
              <dd>{formatYuan(billing.account.balance, language)}</dd>
              <dt>{t('customer.arrears')}</dt>
              <dd className={billing.account.arrears > 0 ? 'customer-billing__owed' : undefined}>{formatYuan(billing.account.arrears, language)}</dd>
              <dt>{t('customer.amountDue')}</dt>
              <dd>{formatYuan(billing.account.amountDue, language)}</dd>
              {billing.bills?.lastPeriod ? (
                <>
                  <dt>{t('customer.lastBill')}</dt>
                  <dd>
                    {billing.bills.lastPeriod} {billing.bills.lastAmount != null ? formatYuan(billing.bills.lastAmount, language) : ''}
                  </dd>
                </>
              ) : null}
            </dl>
          ) : (
            <p className={billing.status === 'unavailable' ? 'customer-billing__placeholder customer-billing__placeholder--down' : 'customer-billing__placeholder'}>
              {billing.status === 'loading' || billing.status === 'idle' ? <span className="customer-billing__spinner" aria-hidden="true" /> : null}
              {/* NOT_FOUND: the BSS has no line for the number (a customer just created, a number of another operator). */}
              {billing.status === 'unavailable' && billing.code === 'NOT_FOUND' ? t('customer.billingState.notFound') : t(`customer.billingState.${billing.status}`)}
            </p>
          )}
        </div>
      )}
    </CardSection>
  );
}
