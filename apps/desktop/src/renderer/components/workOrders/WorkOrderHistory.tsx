import { useTranslation } from 'react-i18next';
import type { WorkOrderDetail } from '@omnicc/shared';
import { useLocale } from '../useLocale.js';
import { formatDateTime, stateLabel } from './workOrderLabels.js';
import { WORK_ORDER_TEST_IDS } from './workOrderTestIds.js';

/** Every change of the order, oldest first: when, who (or the system's sweep), what, from → to, why. */
export function WorkOrderHistory({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  return (
    <section className="wo-history" aria-label={t('workOrders.history')}>
      <h3>{t('workOrders.history')}</h3>
      <ol data-testid={WORK_ORDER_TEST_IDS.history}>
        {order.history.map((h) => (
          <li key={h.id} data-kind={h.kind}>
            <time dateTime={h.at}>{formatDateTime(h.at, language)}</time> <span className="wo-history__who">{h.by?.displayName ?? t('workOrders.system')}</span>{' '}
            <span className="wo-history__kind">{t(`workOrders.kind.${h.kind}`)}</span>
            {h.from && h.to ? ` ${stateLabel(h.from, language)} → ${stateLabel(h.to, language)}` : h.to ? ` ${stateLabel(h.to, language)}` : ''}
            {h.note ? <span className="wo-history__note">{language === 'zh-CN' ? '：' : ': '}{h.note}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
