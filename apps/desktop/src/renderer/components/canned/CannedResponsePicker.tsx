import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '@omnicc/ui';
import { smsSegments, type CannedResponseUse, type Interaction } from '@omnicc/shared';
import { errorCodeOf } from '../../network/commands.js';
import { useServices } from '../../services.js';
import { useInteractionsStore } from '../../stores/interactionsStore.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { useUiStore } from '../../stores/uiStore.js';
import { TEST_IDS } from '../../testIds.js';
import { currentLanguage } from '../../i18n/index.js';
import { reasonText } from '../errorText.js';
import './Canned.css';

type Loaded = { state: 'loading' } | { state: 'failed'; code: string } | { state: 'ready'; items: CannedResponseUse[] };

/** Whether every word of the filter is in the response's title, category or text (case-insensitive). */
export function matchesFilter(item: CannedResponseUse, filter: string): boolean {
  const haystack = `${item.title}\n${item.category}\n${item.text}`.toLocaleLowerCase();
  return filter
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** The responses of the interaction's channel, filled in for it by the server (what inserting one will send). */
function useCannedResponses(interaction: Interaction): Loaded {
  const { api } = useServices();
  const { i18n } = useTranslation();
  const token = useSessionStore((s) => s.session?.token ?? '');
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const channel = interaction.channel === 'voice' ? 'chat' : interaction.channel;
  const lang = currentLanguage(i18n);
  useEffect(() => {
    let live = true;
    api.cannedResponses(token, { channel, interactionId: interaction.id, lang }).then(
      (list) => live && setLoaded({ state: 'ready', items: list.items }),
      (err: unknown) => live && setLoaded({ state: 'failed', code: errorCodeOf(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, token, channel, interaction.id, lang]);
  return loaded;
}

/**
 * The canned-response picker (常用语, Alt+Q): type to filter, arrows to
 * choose, Enter to insert into the draft, which the agent still reviews
 * before sending. The preview shows the text as it will go, what could not
 * be filled in, and for SMS what it costs in parts.
 */
export function CannedResponsePicker({ interaction }: { interaction: Interaction }) {
  const { t } = useTranslation();
  const close = useUiStore((s) => s.closeCanned);
  const insert = useUiStore((s) => s.insertIntoDraft);
  const loaded = useCannedResponses(interaction);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optionId = (i: number): string => `${listId}-${i}`;
  const items = useMemo(() => (loaded.state === 'ready' ? loaded.items.filter((item) => matchesFilter(item, filter)) : []), [loaded, filter]);
  const chosen = items[Math.min(active, items.length - 1)];

  const pick = (item: CannedResponseUse | undefined): void => {
    if (!item) return;
    insert(interaction.id, item.text);
    close();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (items.length === 0 ? 0 : (Math.min(i, items.length - 1) + step + items.length) % items.length));
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      pick(chosen);
    }
  };
  const cost = interaction.channel === 'sms' && chosen ? smsSegments(chosen.text) : undefined;

  return (
    <Dialog title={t('canned.title')} onClose={close} closeLabel={t('common.close')} initialFocusRef={input} closeOnOverlay testId={TEST_IDS.cannedDialog} className="canned">
      <input
        ref={input}
        type="search"
        className="canned__filter"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={chosen ? optionId(items.indexOf(chosen)) : undefined}
        aria-label={t('canned.filter')}
        placeholder={t('canned.filterHint')}
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-testid={TEST_IDS.cannedFilter}
      />
      <div className="canned__body">
        {loaded.state === 'loading' ? <p className="canned__status">{t('canned.loading')}</p> : null}
        {loaded.state === 'failed' ? <p className="canned__status" role="alert">{t('canned.failed', { reason: reasonText(t, loaded.code) })}</p> : null}
        {loaded.state === 'ready' && items.length === 0 ? <p className="canned__status">{t('canned.none')}</p> : null}
        <ul id={listId} role="listbox" aria-label={t('canned.title')} className="canned__list">
          {items.map((item, i) => (
            <li
              key={`${item.id}-${item.language}`}
              id={optionId(i)}
              role="option"
              aria-selected={item === chosen}
              className={`canned__option${item === chosen ? ' is-active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(item)}
              data-testid={TEST_IDS.cannedOption}
            >
              <span className="canned__option-title">{item.title}</span>
              <span className="canned__option-category">{item.category}</span>
            </li>
          ))}
        </ul>
        {chosen ? (
          <div className="canned__preview" aria-live="polite" data-testid={TEST_IDS.cannedPreview}>
            <p className="canned__text">{chosen.text}</p>
            {chosen.missing.length > 0 ? <p className="canned__missing">{t('canned.missing', { names: chosen.missing.map((n) => `{{${n}}}`).join(', ') })}</p> : null}
            {cost ? <p className="canned__cost">{t('sms.parts', { count: cost.parts })}</p> : null}
          </div>
        ) : null}
      </div>
      <p className="canned__hint">{t('canned.hint')}</p>
    </Dialog>
  );
}

/** Shows the picker for ui.cannedFor while that interaction is in progress. */
export function CannedContainer() {
  const cannedFor = useUiStore((s) => s.cannedFor);
  const close = useUiStore((s) => s.closeCanned);
  const interaction = useInteractionsStore((s) => (cannedFor ? s.byId[cannedFor] : undefined));
  const inProgress = interaction?.state === 'assigned';
  useEffect(() => {
    if (cannedFor !== null && !inProgress) close();
  }, [cannedFor, inProgress, close]);
  return interaction && inProgress ? <CannedResponsePicker key={interaction.id} interaction={interaction} /> : null;
}
