import type { TFunction } from 'i18next';
import type { CustomerWarning } from '@omnicc/shared';
import type { Language } from '../../i18n/index.js';
import type { BillingAccount } from '../../network/customers.js';

/** Yuan with two decimals, as the bill shows it (¥1,234.50). */
export function formatYuan(amount: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2 }).format(amount);
}

/** Fen (the model's unit) as yuan. */
export const formatFen = (fen: number, language: Language): string => formatYuan(fen / 100, language);

/** A date (YYYY-MM-DD or an ISO time) as the agent reads it: 2026-12-31 in both languages, short and unambiguous. */
export function formatDay(value: string): string {
  return value.slice(0, 10);
}

/** An ISO time as "MM-DD HH:mm", for the timeline. */
export function formatWhen(iso: string, language: Language): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  return new Intl.DateTimeFormat(language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** One warning line, with its kind for the icon and colour. */
export interface WarningLine {
  kind: CustomerWarning['kind'] | 'arrears';
  text: string;
  /** High churn and arrears are shown as serious, the rest as cautions. */
  serious: boolean;
}

/** The server's warnings and, once billing answered, the arrears, in words. */
export function warningLines(t: TFunction, warnings: readonly CustomerWarning[], account: BillingAccount | undefined, language: Language): WarningLine[] {
  const lines: WarningLine[] = [];
  if (account && account.arrears > 0) {
    lines.push({ kind: 'arrears', serious: true, text: t('customer.warning.arrears', { amount: formatYuan(account.arrears, language), bills: account.overdueBills }) });
  }
  for (const w of warnings) {
    if (w.kind === 'churnRisk') lines.push({ kind: w.kind, serious: w.level === 'high', text: t('customer.warning.churnRisk', { level: t(`customer.level.${w.level}`), score: w.score }) });
    else if (w.kind === 'contractEnding') lines.push({ kind: w.kind, serious: false, text: t('customer.warning.contractEnding', { what: w.what, date: formatDay(w.endOn), days: w.daysLeft }) });
    else lines.push({ kind: w.kind, serious: w.count >= 3, text: t('customer.warning.repeatedComplaints', { times: w.count, days: w.windowDays }) });
  }
  return lines;
}
