import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DictionaryEntry } from '@omnicc/shared';
import { currentLanguage, type Language } from '../i18n/index.js';

export interface Locale {
  language: Language;
  /** HH:mm in the agent's language (24-hour clock in both). */
  formatTime: (iso: string) => string;
  /** Label of a dictionary entry (reason, disposition) in the agent's language. */
  label: (entry: DictionaryEntry | undefined, fallback: string) => string;
}

/** Language-dependent formatting, recomputed when the agent switches language. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return useMemo(() => {
    const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return {
      language,
      formatTime: (iso) => {
        const ms = Date.parse(iso);
        return Number.isFinite(ms) ? time.format(ms) : '';
      },
      label: (entry, fallback) => entry?.labels[language] || fallback,
    };
  }, [language]);
}
