import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AgentStatus } from '@omnicc/shared';
import { Dialog } from '../Dialog/Dialog.js';
import './TransferDialog.css';

/** One queue or agent the interaction can go to, already in the agent's words. */
export interface TransferOption {
  /** Unique across queues and agents, e.g. "queue:billing"; handed back by onPick. */
  key: string;
  label: string;
  /** Second line: "3 waiting" for a queue, the status for an agent. */
  detail: string;
  /** Extra words the filter matches (the other language's name, the id). */
  keywords?: string | undefined;
  /** Colours the status dot of an agent. */
  status?: AgentStatus | undefined;
  /** Why it cannot be picked now; present means disabled. */
  unavailableReason?: string | undefined;
  testId?: string | undefined;
}

export interface TransferLabels {
  filter: string;
  filterPlaceholder: string;
  /** Accessible name of the list. */
  list: string;
  queues: string;
  agents: string;
  loading: string;
  /** Nothing at all to transfer to. */
  empty: string;
  noMatch: (filter: string) => string;
  /** Announced as the filter narrows the list. */
  count: (n: number) => string;
  submit: string;
  submitting: string;
  cancel: string;
  close: string;
  retry: string;
}

export interface TransferDialogProps {
  title: string;
  description?: string | undefined;
  /** Null while the targets load. */
  queues: readonly TransferOption[] | null;
  agents: readonly TransferOption[] | null;
  labels: TransferLabels;
  onPick: (key: string) => void;
  onCancel: () => void;
  /** Key of the target being transferred to; the dialog waits while set. */
  busyKey?: string | null | undefined;
  /** Why loading or the last transfer failed, in words. */
  error?: string | undefined;
  /** Offered with the error when the targets could not be loaded. */
  onRetry?: (() => void) | undefined;
  testIds?: { dialog?: string | undefined; filter?: string | undefined; submit?: string | undefined; error?: string | undefined };
}

const matches = (o: TransferOption, needle: string): boolean => `${o.label} ${o.keywords ?? ''}`.toLocaleLowerCase().includes(needle);

/**
 * Transfer (转接): a filter box over the queues and agents one can hand the
 * interaction to (WAI-ARIA combobox with a listbox). Focus stays in the box;
 * arrows move the highlight over the available targets, Enter or a click
 * transfers. Unavailable agents stay listed, greyed, with the reason.
 */
export function TransferDialog(props: TransferDialogProps) {
  const { labels, queues, agents, busyKey = null, testIds = {} } = props;
  const [filter, setFilter] = useState('');
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const ids = { list: useId(), filter: useId(), queues: useId(), agents: useId(), option: useId() };
  const busy = busyKey !== null;
  const loading = queues === null || agents === null;

  const needle = filter.trim().toLocaleLowerCase();
  const shown = useMemo(
    () => ({ queues: (queues ?? []).filter((o) => matches(o, needle)), agents: (agents ?? []).filter((o) => matches(o, needle)) }),
    [queues, agents, needle],
  );
  const pickable = useMemo(() => [...shown.queues, ...shown.agents].filter((o) => !o.unavailableReason), [shown]);
  // The highlight falls back to the first pickable target when the filter hides it.
  const active = pickable.find((o) => o.key === activeKey) ?? pickable[0];
  const optionId = (key: string): string => `${ids.option}-${key.replace(/[^\w-]/g, '_')}`;

  const activeKeyShown = active?.key;
  useEffect(() => {
    // jsdom has no scrollIntoView; browsers do.
    list.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [activeKeyShown]);

  const pick = (option: TransferOption | undefined): void => {
    if (!option || option.unavailableReason || busy) return;
    setActiveKey(option.key);
    props.onPick(option.key);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    // Keys an input method consumes (Enter committing pinyin) are not ours; 229 is how browsers report them.
    if (e.nativeEvent.isComposing || e.nativeEvent.keyCode === 229) return;
    const n = pickable.length;
    const at = active ? pickable.indexOf(active) : -1;
    const target = { ArrowDown: at + 1, ArrowUp: at - 1 + n }[e.key];
    if (target !== undefined) {
      e.preventDefault();
      if (n > 0) setActiveKey(pickable[target % n]?.key ?? null);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(active);
    }
  };

  const renderGroup = (kind: 'queues' | 'agents', options: readonly TransferOption[]) =>
    options.length === 0 ? null : (
      <div role="group" aria-labelledby={ids[kind]} className="omni-transfer__group">
        <div id={ids[kind]} role="presentation" className="omni-transfer__group-title">
          {labels[kind]}
        </div>
        {options.map((o) => {
          const isActive = o.key === active?.key;
          return (
            <div
              key={o.key}
              id={optionId(o.key)}
              role="option"
              aria-selected={isActive}
              aria-disabled={o.unavailableReason || busy ? true : undefined}
              aria-busy={o.key === busyKey ? true : undefined}
              className={`omni-transfer__option${isActive ? ' omni-transfer__option--active' : ''}${o.unavailableReason ? ' omni-transfer__option--unavailable' : ''}`}
              data-testid={o.testId}
              data-key={o.key}
              // Keep focus in the filter box when clicking an option.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o)}
            >
              <span className="omni-transfer__label">
                {o.status ? <span className={`omni-transfer__dot omni-transfer__dot--${o.status}`} aria-hidden="true" /> : null}
                {o.label}
              </span>
              <span className="omni-transfer__detail">{o.key === busyKey ? labels.submitting : o.detail}</span>
              {o.unavailableReason ? <span className="omni-transfer__reason">{o.unavailableReason}</span> : null}
            </div>
          );
        })}
      </div>
    );

  const total = shown.queues.length + shown.agents.length;
  let state: string | null = null;
  if (loading) state = props.error ? null : labels.loading;
  else if (queues.length === 0 && agents.length === 0) state = labels.empty;
  else if (total === 0) state = labels.noMatch(filter.trim());

  return (
    <Dialog title={props.title} onClose={props.onCancel} closeLabel={labels.close} initialFocusRef={input} testId={testIds.dialog} className="omni-transfer">
      {props.description ? (
        <p className="omni-transfer__description">
          {props.description}
        </p>
      ) : null}
      <div className="omni-field">
        <label className="omni-field__label" htmlFor={ids.filter}>
          {labels.filter}
        </label>
        <input
          ref={input}
          id={ids.filter}
          className="omni-input omni-transfer__filter"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={!loading && total > 0}
          aria-controls={ids.list}
          aria-activedescendant={active && !loading ? optionId(active.key) : undefined}
          placeholder={labels.filterPlaceholder}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={onKeyDown}
          data-testid={testIds.filter}
        />
      </div>
      <div ref={list} id={ids.list} role="listbox" aria-label={labels.list} aria-busy={loading || busy} className="omni-transfer__list">
        {loading ? null : renderGroup('queues', shown.queues)}
        {loading ? null : renderGroup('agents', shown.agents)}
      </div>
      <p className="omni-transfer__state" role="status">
        {state ?? (loading ? '' : <span className="omni-visually-hidden">{labels.count(total)}</span>)}
      </p>
      {props.error ? (
        <p className="omni-transfer__error" role="alert" data-testid={testIds.error}>
          {props.error}
        </p>
      ) : null}
      <div className="omni-transfer__actions">
        {props.onRetry ? (
          <button type="button" className="omni-button" onClick={props.onRetry}>
            {labels.retry}
          </button>
        ) : null}
        <button type="button" className="omni-button" onClick={props.onCancel}>
          {labels.cancel}
        </button>
        <button
          type="button"
          className="omni-button omni-button--primary"
          // aria-disabled, not disabled: a disabled button would drop focus out of the dialog.
          aria-disabled={busy || !active ? true : undefined}
          aria-busy={busy ? true : undefined}
          onClick={() => pick(active)}
          data-testid={testIds.submit}
        >
          {busy ? <span className="omni-transfer__spinner" aria-hidden="true" /> : null}
          {busy ? labels.submitting : labels.submit}
        </button>
      </div>
    </Dialog>
  );
}
