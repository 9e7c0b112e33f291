import { describe, expect, it } from 'vitest';
import { cannedDate, languageOfHeader } from './cannedResponsePicker.js';

describe('canned response picker helpers', () => {
  it("writes {{date}} as today in the operator's zone, in the response's language", () => {
    // 16:30 UTC on 31 May is already 1 June in Shanghai.
    const instant = Date.parse('2025-05-31T16:30:00Z');
    expect(cannedDate(instant, 'Asia/Shanghai', 'zh-CN')).toBe('2025年6月1日');
    expect(cannedDate(instant, 'Asia/Shanghai', 'en')).toBe('June 1, 2025');
    expect(cannedDate(instant, 'Europe/London', 'en')).toBe('May 31, 2025');
  });

  it('takes the first of our languages an Accept-Language header names, else zh-CN', () => {
    expect(languageOfHeader(undefined)).toBe('zh-CN');
    expect(languageOfHeader('fr-FR,fr;q=0.9')).toBe('zh-CN');
    expect(languageOfHeader('fr-FR, en-US;q=0.8, zh;q=0.5')).toBe('en');
    expect(languageOfHeader('zh-Hans-CN,en;q=0.8')).toBe('zh-CN');
    expect(languageOfHeader('EN')).toBe('en');
  });
});
