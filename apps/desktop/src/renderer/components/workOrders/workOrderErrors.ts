import type { TFunction } from 'i18next';
import { WORK_ORDER_STATES, type WorkOrderState } from '@omnicc/shared';
import type { Language } from '../../i18n/index.js';
import { ApiError } from '../../network/http.js';
import { reasonText } from '../errorText.js';
import { stateLabel } from './workOrderLabels.js';

const isState = (s: unknown): s is WorkOrderState => typeof s === 'string' && (WORK_ORDER_STATES as readonly string[]).includes(s);

/**
 * What a refused work-order call says to the agent: an unreachable state
 * names where the order is and where it can go, a stale page says it was
 * reloaded, a missing reason asks for one; anything else the common reason.
 */
export function workOrderErrorText(t: TFunction, err: unknown, language: Language): string {
  if (!(err instanceof ApiError)) return t('workOrders.failed', { reason: reasonText(t, 'INTERNAL') });
  const details = (err.details ?? {}) as { from?: unknown; to?: unknown; allowed?: unknown; reasonRequired?: unknown };
  if (err.code === 'INVALID_TRANSITION' && isState(details.from) && isState(details.to)) {
    const allowed = Array.isArray(details.allowed) ? details.allowed.filter(isState).map((s) => stateLabel(s, language)) : [];
    return t('workOrders.invalidTransition', {
      from: stateLabel(details.from, language),
      to: stateLabel(details.to, language),
      allowed: allowed.length ? allowed.join(language === 'zh-CN' ? '、' : ', ') : t('workOrders.none'),
    });
  }
  if (err.code === 'CONFLICT') return t('workOrders.conflict');
  if (err.code === 'BAD_REQUEST' && details.reasonRequired === true) return t('workOrders.reasonRequired');
  return t('workOrders.failed', { reason: reasonText(t, err.code) });
}
