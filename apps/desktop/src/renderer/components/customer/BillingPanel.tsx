import { useTranslation } from 'react-i18next';
import type { BillingState } from '../../stores/customerStore.js';
import { TEST_IDS } from '../../testIds.js';
import { CardSection } from './CardSections.js';

/**
 * The state of the card's own billing read (the billing add-in's
 * lookupAccount through the REST route), which feeds the arrears warning:
 * while reading, when the BSS is slow or down, or has no line for the
 * number, a placeholder says so; the rest of the card never waits. Once
 * it answered there is nothing to add here: the arrears are among the
 * warnings and the add-in's own page in the sidebar slot shows balance,
 * arrears and the last bills.
 */
export function BillingPanel({ billing }: { billing: BillingState }) {
  const { t } = useTranslation();
  if (billing.status === 'ready') return null;
  return (
    <CardSection title={t('customer.billing')} testId={TEST_IDS.customerBilling}>
      {() => (
        <div className="customer-billing" data-status={billing.status} aria-busy={billing.status === 'loading' || billing.status === 'slow'}>
          <p className={billing.status === 'unavailable' ? 'customer-billing__placeholder customer-billing__placeholder--down' : 'customer-billing__placeholder'}>
            {billing.status === 'loading' || billing.status === 'idle' ? <span className="customer-billing__spinner" aria-hidden="true" /> : null}
            {/* NOT_FOUND: the BSS has no line for the number (a customer just created, a number of another operator). */}
            {billing.status === 'unavailable' && billing.code === 'NOT_FOUND' ? t('customer.billingState.notFound') : t(`customer.billingState.${billing.status}`)}
          </p>
        </div>
      )}
    </CardSection>
  );
}
