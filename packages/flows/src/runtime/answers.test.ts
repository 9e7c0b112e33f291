import { describe, expect, it } from 'vitest';
import type { FlowNodeOf } from '../schema/nodes.js';
import { checkAnswers, normalizePhone } from './answers.js';

const ask: FlowNodeOf<'ask'> = {
  id: 'a',
  kind: 'ask',
  position: { x: 0, y: 0 },
  fields: [
    { variable: 'phone', label: '电话', input: 'phone', required: true },
    { variable: 'age', label: '年龄', input: 'number', required: false, rules: { min: 18, max: 120 } },
    { variable: 'code', label: '验证码', input: 'text', required: false, rules: { pattern: '\\d{6}', message: '请输入 6 位数字' } },
    { variable: 'name', label: '姓名', input: 'text', required: false, rules: { minLength: 2, maxLength: 4 } },
    { variable: 'kind', label: '类型', input: 'choice', required: false, choices: [{ value: 'a', label: 'A' }] },
    { variable: 'day', label: '日期', input: 'date', required: false },
  ],
};

describe('checkAnswers', () => {
  it('normalizes good answers', () => {
    expect(checkAnswers(ask, new Map(), { phone: '0086 138-0013-8000', age: '30', code: ' 123456 ', name: '张三', kind: 'a', day: '2026-02-28' })).toEqual({
      ok: true,
      values: { phone: '+8613800138000', age: 30, code: '123456', name: '张三', kind: 'a', day: '2026-02-28' },
    });
    expect(checkAnswers(ask, new Map(), { phone: '13800138000' })).toMatchObject({ ok: true, values: { age: null, code: null } });
  });

  it('says what is wrong with each field, in both languages', () => {
    const r = checkAnswers(ask, new Map(), { phone: '', age: 12, code: '12a', name: '张', kind: 'b', day: '2026-02-30' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors).sort()).toEqual(['age', 'code', 'day', 'kind', 'name', 'phone']);
    expect(r.fieldErrors.phone!['zh-CN']).toContain('必填');
    expect(r.fieldErrors.code).toEqual({ en: '请输入 6 位数字', 'zh-CN': '请输入 6 位数字' });
    expect(r.fieldErrors.age!.en).toContain('at least 18');
  });

  it.each([
    ['+86 138 0013 8000', '+8613800138000'],
    ['8613800138000', '+8613800138000'],
    ['010-12345678', '+861012345678'],
    ['10086', '10086'],
    ['+44 20 7946 0958', '+442079460958'],
    ['call me', null],
  ])('normalizePhone(%s) = %s', (raw, want) => {
    expect(normalizePhone(raw)).toBe(want);
  });
});
