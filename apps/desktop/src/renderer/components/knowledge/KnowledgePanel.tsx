import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '@omnicc/ui';
import type { Interaction } from '@omnicc/shared';
import { useInteractionsStore } from '../../stores/interactionsStore.js';
import { reasonText } from '../errorText.js';
import { KnowledgeArticleView } from './KnowledgeArticleView.js';
import { KNOWLEDGE_TEST_IDS, useKnowledgePanel } from './knowledgePanelStore.js';
import { MarkedText } from './MarkedText.js';
import { useKnowledgeSearch } from './useKnowledgeSearch.js';
import './Knowledge.css';

/**
 * The knowledge panel (知识库, Alt+L): search as you type (Chinese or
 * English), the hits with their matched words marked, arrows and Enter
 * to open one, and from the article insert a passage or its reference
 * into the conversation's draft.
 */
export function KnowledgePanel({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const { close, lastQuery, setLastQuery } = useKnowledgePanel();
  const [q, setQ] = useState(lastQuery);
  const [active, setActive] = useState(0);
  const [reading, setReading] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const found = useKnowledgeSearch(q);
  const items = found.state === 'idle' ? [] : found.items;
  const chosen = items[Math.min(active, items.length - 1)];
  useEffect(() => setLastQuery(q), [q, setLastQuery]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (items.length === 0 ? 0 : (Math.min(i, items.length - 1) + step + items.length) % items.length));
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing && chosen) {
      e.preventDefault();
      setReading(chosen.id);
    }
  };

  return (
    <Dialog title={t('knowledge.title')} onClose={close} closeLabel={t('common.close')} initialFocusRef={input} testId={KNOWLEDGE_TEST_IDS.dialog} className="knowledge">
      {reading !== null ? (
        <KnowledgeArticleView
          id={reading}
          interaction={interaction}
          onBack={() => {
            setReading(null);
            // Back to the list: the search field, as before.
            setTimeout(() => input.current?.focus(), 0);
          }}
        />
      ) : null}
      <div hidden={reading !== null}>
        <input
          ref={input}
          type="search"
          className="knowledge__search"
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={chosen ? `${listId}-${items.indexOf(chosen)}` : undefined}
          aria-label={t('knowledge.search')}
          placeholder={t('knowledge.searchHint')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          data-testid={KNOWLEDGE_TEST_IDS.search}
        />
        <p className="knowledge__status" role="status">
          {found.state === 'searching' ? t('knowledge.searching') : found.state === 'ready' ? t('knowledge.count', { count: found.total }) : ''}
        </p>
        {found.state === 'failed' ? <p role="alert">{t('knowledge.failed', { reason: reasonText(t, found.code) })}</p> : null}
        <ul id={listId} role="listbox" aria-label={t('knowledge.results')} className="knowledge__list">
          {items.map((hit, i) => (
            <li
              key={hit.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={hit === chosen}
              className={`knowledge__hit${hit === chosen ? ' is-active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => setReading(hit.id)}
              data-testid={KNOWLEDGE_TEST_IDS.result}
            >
              <span className="knowledge__hit-title">
                <MarkedText value={hit.title} />
              </span>
              <span className="knowledge__hit-snippet">
                <MarkedText value={hit.snippet} />
              </span>
            </li>
          ))}
        </ul>
        <p className="knowledge__hint">{t('knowledge.hint')}</p>
      </div>
    </Dialog>
  );
}

/** Shows the panel for the conversation it was opened from, while that conversation is on the desk. */
export function KnowledgeContainer() {
  const openFor = useKnowledgePanel((s) => s.openFor);
  const close = useKnowledgePanel((s) => s.close);
  const interaction = useInteractionsStore((s) => (openFor ? s.byId[openFor] : undefined));
  useEffect(() => {
    if (openFor !== null && !interaction) close();
  }, [openFor, interaction, close]);
  return interaction ? <KnowledgePanel key={interaction.id} interaction={interaction} /> : null;
}
