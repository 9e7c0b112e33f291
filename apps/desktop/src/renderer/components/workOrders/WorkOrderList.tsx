import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderSummary } from '@omnicc/shared';
import { useLocale } from '../useLocale.js';
import { formatDateTime, stateLabel, typeLabel } from './workOrderLabels.js';
import { WORK_ORDER_TEST_IDS } from './workOrderTestIds.js';

interface Props {
  items: readonly WorkOrderSummary[];
  total: number;
  selected: string | null;
  onSelect: (id: string) => void;
  onMore: () => void;
}

/**
 * The list of work orders as a listbox: arrows, Home and End move and open,
 * overdue and due-soon orders are marked in words (not colour alone). The
 * server pages it (50 at a time, "Show more"), so the DOM never holds a long
 * list and needs no virtualization.
 */
export function WorkOrderList({ items, total, selected, onSelect, onMore }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const listRef = useRef<HTMLUListElement>(null);
  const move = (e: KeyboardEvent<HTMLUListElement>) => {
    const at = items.findIndex((i) => i.id === selected);
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const next = items[Math.max(0, Math.min(items.length - 1, to))];
    if (next) onSelect(next.id);
  };
  if (items.length === 0) return <p className="wo-list__empty">{t('workOrders.empty')}</p>;
  return (
    <>
      <ul
        ref={listRef}
        className="wo-list"
        role="listbox"
        tabIndex={0}
        aria-label={t('workOrders.list', { count: total })}
        aria-activedescendant={selected ? `wo-row-${selected}` : undefined}
        onKeyDown={move}
        data-testid={WORK_ORDER_TEST_IDS.list}
      >
        {items.map((o) => (
          <li
            key={o.id}
            id={`wo-row-${o.id}`}
            role="option"
            aria-selected={o.id === selected}
            className={`wo-row wo-row--${o.sla}${o.id === selected ? ' is-selected' : ''}`}
            onClick={() => onSelect(o.id)}
            data-testid={WORK_ORDER_TEST_IDS.row}
            data-number={o.number}
          >
            <span className="wo-row__number">{o.number}</span>
            <span className="wo-row__type">{typeLabel(o.type, language)}</span>
            <span className={`wo-row__state wo-state--${o.state}`}>{stateLabel(o.state, language)}</span>
            {o.sla !== 'ok' ? <span className={`wo-badge wo-badge--${o.sla}`}>{t(`workOrders.${o.sla}`)}</span> : null}
            {o.escalated ? <span className="wo-badge wo-badge--escalated">{t('workOrders.escalated')}</span> : null}
            <span className="wo-row__summary">{o.summary}</span>
            <span className="wo-row__due">
              {t('workOrders.resolveDue')} {formatDateTime(o.resolveDueAt, language)}
            </span>
          </li>
        ))}
      </ul>
      {items.length < total ? (
        <button type="button" className="omni-button wo-list__more" onClick={onMore}>
          {t('workOrders.more')}
        </button>
      ) : null}
    </>
  );
}
