import { useTranslation } from 'react-i18next';
import type { FlowSummary } from '@omnicc/shared';
import { FLOWS_TEST_IDS } from './flowsTestIds.js';

interface FlowListProps {
  items: readonly FlowSummary[];
  selected: string | null;
  onSelect: (key: string) => void;
  onCreate: () => void;
}

/** The flows, each with its live version (or "not published"); the selected one is open in the editor. */
export function FlowList({ items, selected, onSelect, onCreate }: FlowListProps) {
  const { t } = useTranslation();
  return (
    <nav className="flows-list" aria-label={t('flows.listTitle')}>
      <div className="flows-list__header">
        <h2 className="flows-list__title">{t('flows.listTitle')}</h2>
        <button type="button" className="omni-button omni-button--small" onClick={onCreate} data-testid={FLOWS_TEST_IDS.newFlow}>
          {t('flows.new')}
        </button>
      </div>
      {items.length === 0 ? <p className="flows-list__empty">{t('flows.none')}</p> : null}
      <ul className="flows-list__items" data-testid={FLOWS_TEST_IDS.list}>
        {items.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              className={`flows-list__item${item.key === selected ? ' is-selected' : ''}`}
              aria-current={item.key === selected ? 'page' : undefined}
              onClick={() => onSelect(item.key)}
              data-testid={FLOWS_TEST_IDS.listItem}
              data-flow-key={item.key}
            >
              <span className="flows-list__name">{item.name}</span>
              <span className="flows-list__meta">
                <span className="flows-list__key">{item.key}</span>
                {item.liveVersion === null ? (
                  <span className="flows-badge flows-badge--draft">{t('flows.notPublished')}</span>
                ) : (
                  <span className="flows-badge flows-badge--live">{t('flows.liveVersion', { version: item.liveVersion })}</span>
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
