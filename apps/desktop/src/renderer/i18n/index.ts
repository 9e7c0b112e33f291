import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

/** UI languages, in the order the language switch lists them. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** localStorage key: the choice holds across tabs and restarts (unlike the session). */
export const LANGUAGE_STORAGE_KEY = 'omnicc.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // en is the reference; the parity test keeps zh-CN in step with it.
    resources: { translation: typeof en };
  }
}

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** Saved choice first, then the browser's language; Chinese variants map to zh-CN. */
export function detectLanguage(storage: Pick<Storage, 'getItem'> | undefined, navigatorLanguages: readonly string[]): Language {
  const saved = safeGet(storage, LANGUAGE_STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of navigatorLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** Creates and initialises the i18next instance used by React; synchronous because resources are bundled. */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // React escapes text children itself; escaping here too would show &lt; to agents.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  reflectLanguage(language);
  return instance;
}

/** Switches the UI language, remembers it and updates `<html lang>` for screen readers and CJK fonts. */
export async function switchLanguage(instance: I18n, language: Language, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): Promise<void> {
  await instance.changeLanguage(language);
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage can be full or disabled (private mode); the switch still works for this page.
  }
  reflectLanguage(language);
}

/** The instance's language as one of ours (i18next may report a fallback chain). */
export function currentLanguage(instance: I18n): Language {
  const lng = instance.resolvedLanguage ?? instance.language;
  return isLanguage(lng) ? lng : 'en';
}

function reflectLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

function safeGet(storage: Pick<Storage, 'getItem'> | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}
