import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowCatalog } from '@omnicc/flows';
import { CHANNELS, FLOW_INTERACTION_TYPES, type Channel, type FlowBinding, type FlowInteractionType } from '@omnicc/shared';
import { Dialog } from '@omnicc/ui';
import { errorCodeOf } from '../../network/commands.js';
import { useServices } from '../../services.js';
import { reasonText } from '../errorText.js';
import { currentToken } from './flowsSession.js';
import { FLOWS_TEST_IDS } from './flowsTestIds.js';

interface BindingsDialogProps {
  flowKey: string;
  catalog: FlowCatalog;
  onClose: () => void;
}

/**
 * Where this flow starts: bindings by queue, channel and interaction type.
 * When several flows match an accepted interaction, the higher priority wins,
 * then the more specific binding (the server decides; docs/flows.md).
 */
export function BindingsDialog({ flowKey, catalog, onClose }: BindingsDialogProps) {
  const { t } = useTranslation();
  const { flows } = useServices();
  const [items, setItems] = useState<readonly FlowBinding[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [queueId, setQueueId] = useState('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const [interactionType, setInteractionType] = useState<FlowInteractionType | ''>('');
  const [priority, setPriority] = useState(0);
  const [busy, setBusy] = useState(false);
  // After an add the button disables itself; focus goes back to the first field so Escape and the next binding work from the keyboard.
  const firstField = useRef<HTMLSelectElement>(null);

  const fail = useCallback((err: unknown) => setError(reasonText(t, errorCodeOf(err))), [t]);
  const load = useCallback(() => flows.bindings(currentToken()).then((list) => setItems(list.items.filter((b) => b.flowKey === flowKey)), fail), [flows, flowKey, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const empty = queueId === '' && channel === '' && interactionType === '';
  const add = (e: FormEvent): void => {
    e.preventDefault();
    if (empty || busy) return;
    setBusy(true);
    setError(null);
    const write = { flowKey, priority, ...(queueId ? { queueId } : {}), ...(channel ? { channel } : {}), ...(interactionType ? { interactionType } : {}) };
    flows
      .createBinding(currentToken(), write)
      .then(() => {
        setQueueId('');
        setChannel('');
        setInteractionType('');
        setPriority(0);
        firstField.current?.focus();
        return load();
      }, fail)
      .finally(() => setBusy(false));
  };
  const remove = (id: string): void => {
    flows.deleteBinding(currentToken(), id).then(load, fail);
  };

  const queueName = (id: string | undefined) => (id === undefined ? t('flows.any') : (catalog.queues.find((q) => q.id === id)?.name ?? id));
  return (
    <Dialog title={t('flows.bindingsTitle')} onClose={onClose} closeLabel={t('common.close')} testId={FLOWS_TEST_IDS.bindingsDialog} className="flows-dialog--wide">
      <p className="flows-form__hint">{t('flows.bindingsHint')}</p>
      {error ? (
        <p className="flows-form__error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="flows-table">
        <caption className="omni-visually-hidden">{t('flows.bindingsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('flows.queue')}</th>
            <th scope="col">{t('flows.channel')}</th>
            <th scope="col">{t('flows.interactionType')}</th>
            <th scope="col">{t('flows.priority')}</th>
            <th scope="col">
              <span className="omni-visually-hidden">{t('flows.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items?.length === 0 ? (
            <tr>
              <td colSpan={5}>{t('flows.noBindings')}</td>
            </tr>
          ) : null}
          {items?.map((b) => (
            <tr key={b.id} data-testid={FLOWS_TEST_IDS.bindingRow} data-binding-id={b.id}>
              <td>{queueName(b.queueId)}</td>
              <td>{b.channel ? t(`channel.${b.channel}`) : t('flows.any')}</td>
              <td>{b.interactionType ? t(`flows.type.${b.interactionType}`) : t('flows.any')}</td>
              <td>{b.priority}</td>
              <td>
                <button type="button" className="omni-button omni-button--small" onClick={() => remove(b.id)} data-testid={FLOWS_TEST_IDS.bindingDelete}>
                  {t('flows.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="flows-form flows-form--row" onSubmit={add}>
        <label className="flows-form__field">
          <span>{t('flows.queue')}</span>
          <select ref={firstField} className="omni-input" value={queueId} onChange={(e) => setQueueId(e.target.value)} data-testid={FLOWS_TEST_IDS.bindingQueue}>
            <option value="">{t('flows.any')}</option>
            {catalog.queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flows-form__field">
          <span>{t('flows.channel')}</span>
          <select className="omni-input" value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')} data-testid={FLOWS_TEST_IDS.bindingChannel}>
            <option value="">{t('flows.any')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flows-form__field">
          <span>{t('flows.interactionType')}</span>
          <select className="omni-input" value={interactionType} onChange={(e) => setInteractionType(e.target.value as FlowInteractionType | '')} data-testid={FLOWS_TEST_IDS.bindingType}>
            <option value="">{t('flows.any')}</option>
            {FLOW_INTERACTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`flows.type.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flows-form__field flows-form__field--narrow">
          <span>{t('flows.priority')}</span>
          <input className="omni-input" type="number" min={-1000} max={1000} value={priority} onChange={(e) => setPriority(Math.trunc(Number(e.target.value) || 0))} data-testid={FLOWS_TEST_IDS.bindingPriority} />
        </label>
        <button type="submit" className="omni-button omni-button--primary" disabled={empty || busy} title={empty ? t('flows.bindingNeedsCriterion') : undefined} data-testid={FLOWS_TEST_IDS.bindingAdd}>
          {t('flows.addBinding')}
        </button>
      </form>
    </Dialog>
  );
}
