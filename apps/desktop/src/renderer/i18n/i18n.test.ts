// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';
import { LANGUAGE_STORAGE_KEY, createI18n, detectLanguage, switchLanguage } from './index.js';

/** Every leaf as "a.b.c" -> value. */
function flatten(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree && typeof tree === 'object') {
    for (const [k, v] of Object.entries(tree)) {
      for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
    }
  } else {
    out.set(prefix, tree);
  }
  return out;
}

const placeholders = (s: unknown): string[] => [...String(s).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

describe('translations', () => {
  const enKeys = flatten(en);
  const zhKeys = flatten(zhCN);

  it('have the same keys in en and zh-CN', () => {
    expect([...zhKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('have no empty or non-string value', () => {
    for (const [key, value] of [...enKeys, ...zhKeys]) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of enKeys) expect(placeholders(zhKeys.get(key)), key).toEqual(placeholders(value));
  });

  it('use the glossary words in zh-CN', () => {
    expect(zhCN.status.ready).toBe('示闲');
    expect(zhCN.status.notReady).toBe('示忙');
    expect(zhCN.status.wrapUp).toBe('话后处理');
    expect(zhCN.wrapUp.disposition).toContain('小结');
    expect(zhCN.inbox.ringing).toBe('振铃');
    expect(zhCN.topBar.agent).toBe('坐席');
  });
});

describe('language choice', () => {
  it('prefers the saved choice, then the browser language', () => {
    const storage = (v: string | null) => ({ getItem: () => v });
    expect(detectLanguage(storage('en'), ['zh-CN'])).toBe('en');
    expect(detectLanguage(storage('fr'), ['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLanguage(storage(null), ['en-GB'])).toBe('en');
    expect(detectLanguage(undefined, [])).toBe('zh-CN');
  });

  it('switches, remembers, and updates <html lang>', async () => {
    const i18n = createI18n('en');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.t('status.ready')).toBe('Ready');
    await switchLanguage(i18n, 'zh-CN', localStorage);
    expect(i18n.t('status.ready')).toBe('示闲');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('pluralises in English', () => {
    const i18n = createI18n('en');
    expect(i18n.t('offer.secondsLeft', { count: 1 })).toBe('1 second left');
    expect(i18n.t('offer.secondsLeft', { count: 5 })).toBe('5 seconds left');
  });
});
