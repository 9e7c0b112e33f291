import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { transitionNeedsReason, workOrderTypeDef, type WorkOrderDetail as Detail, type WorkOrderState } from '@omnicc/shared';
import { useSessionStore } from '../../stores/sessionStore.js';
import { currentToken } from '../flows/flowsSession.js';
import { useLocale } from '../useLocale.js';
import { useWorkOrdersApi } from './workOrdersContext.js';
import { workOrderErrorText } from './workOrderErrors.js';
import { fieldLabel, formatDateTime, stateLabel, typeLabel } from './workOrderLabels.js';
import { WorkOrderHistory } from './WorkOrderHistory.js';
import { WORK_ORDER_TEST_IDS } from './workOrderTestIds.js';

interface Props {
  order: Detail;
  /** The order as the server answered a change (or reloaded after a refusal). */
  onChanged: (order: Detail) => void;
}

/**
 * One work order: its fields, due times, the moves it allows now as buttons
 * (a reason box for the ones that need it), notes, feedback to the customer
 * by SMS or email, and the history. A refusal is said in words in a live
 * region, and the order is reloaded so the page shows where it really is.
 */
export function WorkOrderDetail({ order, onChanged }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const api = useWorkOrdersApi();
  const ids = useId();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [channel, setChannel] = useState<'sms' | 'email'>('sms');
  const [feedback, setFeedback] = useState('');
  const me = useSessionStore((s) => s.session?.user.id);
  const role = useSessionStore((s) => s.session?.user.role);
  // The server refuses an agent's reject (team leads decide it); not offered to them.
  const moves = order.allowedMoves.filter((to) => !(role === 'agent' && to === 'rejected'));

  const run = async (work: () => Promise<Detail>, done: (d: Detail) => string) => {
    setBusy(true);
    try {
      const next = await work();
      onChanged(next);
      setMessage({ text: done(next), error: false });
      return true;
    } catch (err) {
      setMessage({ text: workOrderErrorText(t, err, language), error: true });
      // Show where the order really is now (another desk may have moved it).
      await api.get(currentToken(), order.id).then(onChanged, () => undefined);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const move = (to: WorkOrderState) => {
    if (transitionNeedsReason(order.state, to) && note.trim() === '') {
      setMessage({ text: t('workOrders.reasonRequired'), error: true });
      document.getElementById(`${ids}-note`)?.focus();
      return;
    }
    void run(
      () => api.move(currentToken(), order.id, to, order.version, note.trim() || undefined),
      (d) => t('workOrders.moved', { number: d.number, state: stateLabel(d.state, language) }),
    ).then((ok) => ok && setNote(''));
  };
  const def = workOrderTypeDef(order.type);
  const fieldValue = (v: string | number | boolean | undefined) => (typeof v === 'boolean' ? t(v ? 'workOrders.yes' : 'workOrders.no') : (v ?? '—'));

  return (
    <section className="wo-detail" aria-labelledby={`${ids}-title`} data-testid={WORK_ORDER_TEST_IDS.detail}>
      <header className="wo-detail__header">
        <h2 id={`${ids}-title`}>
          <span data-testid={WORK_ORDER_TEST_IDS.number}>{order.number}</span> {typeLabel(order.type, language)}
        </h2>
        <span className={`wo-state wo-state--${order.state}`} data-testid={WORK_ORDER_TEST_IDS.state}>
          {stateLabel(order.state, language)}
        </span>
        {order.sla !== 'ok' ? <span className={`wo-badge wo-badge--${order.sla}`}>{t(`workOrders.${order.sla}`)}</span> : null}
        <span className="wo-detail__priority">{t(`workOrders.priority.${order.priority}`)}</span>
      </header>
      <dl className="wo-detail__fields" aria-label={t('workOrders.fields')}>
        {def.fields.map((f) => (
          <div key={f.name}>
            <dt>{fieldLabel(order.type, f.name, language)}</dt>
            <dd>{fieldValue(order.fields[f.name])}</dd>
          </div>
        ))}
        <div>
          <dt>{t('workOrders.assignee')}</dt>
          <dd>{order.assignee?.displayName ?? t('workOrders.unassigned')}</dd>
        </div>
        <div>
          <dt>{t('workOrders.acceptDue')}</dt>
          <dd>{formatDateTime(order.acceptDueAt, language)}</dd>
        </div>
        <div>
          <dt>{t('workOrders.resolveDue')}</dt>
          <dd>{formatDateTime(order.resolveDueAt, language)}</dd>
        </div>
      </dl>

      <div className="wo-detail__moves" role="group" aria-label={t('workOrders.moves')}>
        <label htmlFor={`${ids}-note`}>{t('workOrders.reason')}</label>
        <textarea className="omni-input" id={`${ids}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid={WORK_ORDER_TEST_IDS.moveNote} />
        <div className="wo-detail__buttons">
          {moves.map((to) => (
            <button key={to} type="button" className="omni-button" disabled={busy} onClick={() => move(to)} data-testid={`${WORK_ORDER_TEST_IDS.movePrefix}${to}`}>
              {t('workOrders.moveTo', { state: stateLabel(to, language) })}
            </button>
          ))}
          {me && order.assignee?.id !== me && order.allowedMoves.length > 0 ? (
            <button
              type="button"
              className="omni-button"
              disabled={busy}
              onClick={() => void run(() => api.assign(currentToken(), order.id, { assigneeId: me, version: order.version }), (d) => t('workOrders.assigned', { name: d.assignee?.displayName ?? '' }))}
              data-testid={WORK_ORDER_TEST_IDS.assignMe}
            >
              {t('workOrders.assignMe')}
            </button>
          ) : null}
          <button
            type="button"
            className="omni-button"
            disabled={busy || note.trim() === ''}
            onClick={() => void run(() => api.note(currentToken(), order.id, note.trim()), () => t('workOrders.noteAdded')).then((ok) => ok && setNote(''))}
            data-testid={WORK_ORDER_TEST_IDS.noteAdd}
          >
            {t('workOrders.addNote')}
          </button>
        </div>
      </div>
      <p className={`wo-detail__message${message?.error ? ' is-error' : ''}`} role="status" aria-live="polite" data-testid={WORK_ORDER_TEST_IDS.message}>
        {message?.text ?? ''}
      </p>

      <form
        className="wo-detail__feedback"
        aria-label={t('workOrders.feedback')}
        onSubmit={(e) => {
          e.preventDefault();
          const text = feedback.trim();
          if (text === '') return;
          void run(() => api.feedback(currentToken(), order.id, { channel, text }), () => t('workOrders.feedbackSent', { channel: t(`workOrders.${channel}`) })).then((ok) => ok && setFeedback(''));
        }}
      >
        <h3>{t('workOrders.feedback')}</h3>
        <label htmlFor={`${ids}-channel`}>{t('workOrders.channel')}</label>
        <select className="omni-input" id={`${ids}-channel`} value={channel} onChange={(e) => setChannel(e.target.value === 'email' ? 'email' : 'sms')} data-testid={WORK_ORDER_TEST_IDS.feedbackChannel}>
          <option value="sms">{t('workOrders.sms')}</option>
          <option value="email">{t('workOrders.email')}</option>
        </select>
        <label htmlFor={`${ids}-feedback`}>{t('workOrders.feedbackText')}</label>
        <textarea className="omni-input" id={`${ids}-feedback`} rows={2} value={feedback} onChange={(e) => setFeedback(e.target.value)} data-testid={WORK_ORDER_TEST_IDS.feedbackText} />
        <button type="submit" className="omni-button omni-button--primary" disabled={busy || feedback.trim() === ''} data-testid={WORK_ORDER_TEST_IDS.feedbackSend}>
          {t('workOrders.send')}
        </button>
      </form>

      <WorkOrderHistory order={order} />
    </section>
  );
}
