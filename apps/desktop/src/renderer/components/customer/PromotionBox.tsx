import { useTranslation } from 'react-i18next';
import type { Promotion } from '@omnicc/shared';
import { TEST_IDS } from '../../testIds.js';
import { useLocale } from '../useLocale.js';
import { formatDay } from './customerText.js';

/**
 * The best current promotion (促销推荐). When the interaction is about
 * billing or a change of service (`moment`) it pops again: highlighted,
 * with a line saying why now.
 */
export function PromotionBox({ promotion, moment, compact = false }: { promotion: Promotion; moment: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  return (
    <div className={moment ? 'customer-promo customer-promo--moment' : 'customer-promo'} data-testid={TEST_IDS.customerPromotion} data-moment={moment} data-code={promotion.code}>
      <p className="customer-promo__name">
        <span className="customer-promo__tag">{t('customer.promotion')}</span> {promotion.name[language]}
      </p>
      {moment ? <p className="customer-promo__moment">{t('customer.promotionMoment')}</p> : null}
      {compact ? null : <p className="customer-promo__text">{promotion.description[language]}</p>}
      <p className="customer-promo__valid">{t('customer.validTo', { date: formatDay(promotion.validTo) })}</p>
    </div>
  );
}
