import { WORK_ORDER_STATE_LABELS, workOrderTypeDef, type WorkOrderState, type WorkOrderType } from '@omnicc/shared';
import type { Language } from '../../i18n/index.js';

/** A state's glossary word in the agent's language (申请, 受理, ...). */
export const stateLabel = (state: WorkOrderState, language: Language): string => WORK_ORDER_STATE_LABELS[state][language];

/** A type's name in the agent's language (故障申告, ...). */
export const typeLabel = (type: WorkOrderType, language: Language): string => workOrderTypeDef(type).name[language];

/** A field's label of a type, or its name when the type does not declare it. */
export function fieldLabel(type: WorkOrderType, name: string, language: Language): string {
  return workOrderTypeDef(type).fields.find((f) => f.name === name)?.label[language] ?? name;
}

/** Date and time in the agent's language, e.g. 2026-11-25 23:30. */
export function formatDateTime(iso: string, language: Language): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}
