import type { TFunction } from 'i18next';
import type { ActionName } from '../stores/uiStore.js';
import en from '../i18n/en.json';

type ErrorKey = keyof typeof en.errors;
const isErrorKey = (code: string): code is ErrorKey => code !== 'actionFailed' && code in en.errors;

/** "Accepting the offer failed: it belongs to another agent." from an action and an error code. */
export function errorText(t: TFunction, action: ActionName, code: string): string {
  const reason = isErrorKey(code) ? t(`errors.${code}`) : code;
  return t('errors.actionFailed', { action: t(`action.${action}`), reason });
}

/** The reason part alone, for places that already say what failed. */
export function reasonText(t: TFunction, code: string): string {
  return isErrorKey(code) ? t(`errors.${code}`) : code;
}
