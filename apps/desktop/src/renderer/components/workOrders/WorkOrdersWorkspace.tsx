import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORK_ORDER_STATES, WORK_ORDER_TYPES, type WorkOrderDetail as Detail, type WorkOrderState, type WorkOrderSummary, type WorkOrderType } from '@omnicc/shared';
import { errorCodeOf } from '../../network/commands.js';
import { reasonText } from '../errorText.js';
import { currentToken } from '../flows/flowsSession.js';
import { useLocale } from '../useLocale.js';
import { useWorkOrderAlerts } from './workOrderAlerts.js';
import { useWorkOrdersApi } from './workOrdersContext.js';
import { stateLabel, typeLabel } from './workOrderLabels.js';
import { WorkOrderDetail } from './WorkOrderDetail.js';
import { WorkOrderList } from './WorkOrderList.js';
import { WORK_ORDER_TEST_IDS } from './workOrderTestIds.js';
import './WorkOrdersWorkspace.css';

const PAGE = 50;
const OPEN: readonly WorkOrderState[] = ['requested', 'accepted', 'processing', 'feedback'];

/**
 * The work-order workspace (工单), for every role: filters, the list of the
 * orders the server lets the user see (their group's and their own; all for
 * supervisors and admins) and the selected order's detail.
 */
export function WorkOrdersWorkspace() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const api = useWorkOrdersApi();
  const ids = useId();
  const [state, setState] = useState<'open' | 'any' | WorkOrderState>('open');
  const [type, setType] = useState<WorkOrderType | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const [list, setList] = useState<{ items: readonly WorkOrderSummary[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Detail | null>(null);
  const escalation = useWorkOrderAlerts((s) => s.last);

  const reload = useCallback(async () => {
    try {
      const states = state === 'open' ? OPEN : state === 'any' ? undefined : [state];
      const page = await api.list(currentToken(), { ...(states ? { state: states } : {}), ...(type ? { type } : {}), ...(overdue ? { overdue: true } : {}), limit });
      setList(page);
      setError(null);
    } catch (err) {
      setError(t('workOrders.loadFailed', { reason: reasonText(t, errorCodeOf(err)) }));
    }
  }, [api, state, type, overdue, limit, t]);
  // Reloaded on filters and on each escalation pushed (the order is now overdue and urgent).
  useEffect(() => {
    void reload();
  }, [reload, escalation?.seq]);

  const open = (id: string) => {
    api.get(currentToken(), id).then(setSelected, (err: unknown) => setError(t('workOrders.loadFailed', { reason: reasonText(t, errorCodeOf(err)) })));
  };
  const changed = (order: Detail) => {
    setSelected(order);
    void reload();
  };

  return (
    <main className="wo-workspace" aria-label={t('workOrders.title')} data-testid={WORK_ORDER_TEST_IDS.workspace}>
      <section className="wo-workspace__side" aria-label={t('workOrders.title')}>
        <form className="wo-filters" aria-label={t('workOrders.filters')} onSubmit={(e) => e.preventDefault()}>
          <label htmlFor={`${ids}-state`}>{t('workOrders.state')}</label>
          <select className="omni-input" id={`${ids}-state`} value={state} onChange={(e) => setState(e.target.value as typeof state)} data-testid={WORK_ORDER_TEST_IDS.filterState}>
            <option value="open">{t('workOrders.openOnly')}</option>
            <option value="any">{t('workOrders.any')}</option>
            {WORK_ORDER_STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s, language)}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-type`}>{t('workOrders.type')}</label>
          <select className="omni-input" id={`${ids}-type`} value={type} onChange={(e) => setType(e.target.value as WorkOrderType | '')} data-testid={WORK_ORDER_TEST_IDS.filterType}>
            <option value="">{t('workOrders.any')}</option>
            {WORK_ORDER_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {typeLabel(ty, language)}
              </option>
            ))}
          </select>
          <label className="wo-filters__check">
            <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid={WORK_ORDER_TEST_IDS.filterOverdue} />
            {t('workOrders.overdueOnly')}
          </label>
        </form>
        {error ? <p role="alert">{error}</p> : null}
        {escalation ? (
          <p className="wo-workspace__alert" role="alert" data-testid={WORK_ORDER_TEST_IDS.escalation}>
            {t('workOrders.escalatedPush', { number: escalation.number })}
          </p>
        ) : null}
        {list ? (
          <WorkOrderList items={list.items} total={list.total} selected={selected?.id ?? null} onSelect={open} onMore={() => setLimit((l) => l + PAGE)} />
        ) : (
          <p aria-busy="true">{t('workOrders.loading')}</p>
        )}
      </section>
      {selected ? (
        <WorkOrderDetail key={selected.id} order={selected} onChanged={changed} />
      ) : (
        <section className="wo-workspace__empty">
          <p>{t('workOrders.select')}</p>
        </section>
      )}
    </main>
  );
}
