import { describe, expect, it } from 'vitest';
import { checkExpression, evaluateExpression, interpolate, namesRead, parseExpression, scopeOf, templateRefs, EXPR_LIMITS } from './index.js';

const scope = scopeOf([
  { name: 'arrears', type: 'number' },
  { name: 'planName', type: 'text' },
  { name: 'faultKind', type: 'choice', choices: [{ value: 'noSignal', label: '无信号' }, { value: 'slow', label: '网速慢' }] },
  { name: 'contractEndsOn', type: 'date' },
  { name: 'confirmed', type: 'boolean' },
  { name: 'callback', type: 'phone' },
]);

const reasons = (src: string) => checkExpression(src, scope).diagnostics.map((d) => d.reason);

describe('parseExpression', () => {
  it('parses with the usual precedence', () => {
    const r = parseExpression('a || b && !c == d + 2 * 3');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ast).toMatchObject({ kind: 'binary', op: '||', right: { kind: 'binary', op: '&&', right: { op: '==', right: { op: '+', right: { op: '*' } } } } });
  });

  it('reads strings with escapes, numbers, keywords and context paths', () => {
    const r = parseExpression(`customer.tier in ['vipGold', "vip\\"Platinum\\u0021"] && x != null && 1.5 < 2`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(namesRead(r.ast)).toEqual(['customer.tier', 'x']);
  });

  it.each([
    ['', 'unexpected-end'],
    ['a +', 'unexpected-end'],
    ['a b', 'unexpected-token'],
    ['a = b', 'unexpected-char'],
    ["'open", 'unterminated-string'],
    ["'\\q'", 'bad-escape'],
    ['1.', 'bad-number'],
    ['1e5', 'bad-number'],
    ['(a', 'unexpected-end'],
    ['x in 3', 'unexpected-token'],
  ])('refuses %j with %s and a position', (src, reason) => {
    const r = parseExpression(src);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue).toMatchObject({ code: 'expression-syntax', reason });
      expect(r.issue.message['zh-CN']).toMatch(/第 \d+ 列/);
    }
  });

  it('bounds length and depth without blowing the stack', () => {
    expect(parseExpression('1+'.repeat(1_000) + '1')).toMatchObject({ ok: false, issue: { reason: 'too-long' } });
    expect(parseExpression('('.repeat(EXPR_LIMITS.maxDepth + 1) + '1' + ')'.repeat(EXPR_LIMITS.maxDepth + 1))).toMatchObject({ ok: false, issue: { reason: 'too-deep' } });
    expect(parseExpression('!'.repeat(500) + 'true')).toMatchObject({ ok: false, issue: { reason: 'too-deep' } });
    expect(parseExpression(Array.from({ length: 100 }, () => '1').join('+'))).toMatchObject({ ok: false, issue: { reason: 'too-deep' } });
    expect(parseExpression(Array.from({ length: 60 }, () => '1').join('+')).ok).toBe(true);
  });
});

describe('checkExpression', () => {
  it('types good expressions', () => {
    expect(checkExpression('arrears > 0 && confirmed', scope).type.type).toBe('boolean');
    expect(checkExpression("planName + '套餐'", scope).type.type).toBe('text');
    expect(checkExpression('daysUntil(contractEndsOn) <= 30', scope).type.type).toBe('boolean');
    expect(checkExpression("contractEndsOn < '2026-12-31' && today >= contractEndsOn", scope).diagnostics).toEqual([]);
    expect(checkExpression("faultKind == 'slow' || customer.tier in ['vipGold', 'vipPlatinum']", scope).diagnostics).toEqual([]);
    expect(checkExpression("callback == '13800138000' && len(callback) == 11", scope).diagnostics).toEqual([]);
    expect(checkExpression('addDays(today, 3)', scope).type.type).toBe('date');
    expect(checkExpression('arrears == null', scope).diagnostics).toEqual([]);
  });

  it('reports type mismatches, unknown names, choices and dates', () => {
    expect(reasons('arrears > planName')).toEqual(['operand-type']);
    expect(reasons("arrears == 'x'")).toEqual(['incomparable']);
    expect(reasons("faultKind == 'fast'")).toEqual(['unknown-choice']);
    expect(reasons("customer.tier in ['vipGold', 'gold']")).toEqual(['unknown-choice']);
    expect(reasons("contractEndsOn < '2026-02-30'")).toEqual(['not-a-date']);
    expect(reasons('nope && customer.nope')).toEqual(['unknown-name', 'unknown-name']);
    expect(reasons('!arrears')).toEqual(['operand-type']);
    expect(reasons('foo(1)')).toEqual(['unknown-function']);
    expect(reasons('len(planName, 1)')).toEqual(['wrong-arity']);
    expect(reasons('len(arrears)')).toEqual(['operand-type']);
    expect(checkExpression('nope', scope).diagnostics[0]).toMatchObject({ code: 'unknown-variable', start: 0, end: 4 });
    expect(checkExpression('constructor', scope).diagnostics[0]?.code).toBe('unknown-variable');
  });
});

describe('evaluateExpression', () => {
  const values = { arrears: 12.5, planName: '畅享', faultKind: 'slow', confirmed: null, today: '2026-11-25', contractEndsOn: '2026-12-05', 'customer.tier': 'vipGold' };
  it.each([
    ['arrears > 10 && planName == "畅享"', true],
    ['arrears / 0', null],
    ['arrears / 0 == null', true],
    ['confirmed == null', true],
    ['confirmed != null', false],
    ['confirmed > 1', false],
    ['!confirmed', true],
    ['confirmed || arrears > 1', true],
    ['missing + 1', null],
    ["customer.tier in ['vipGold', 'vipPlatinum']", true],
    ['daysUntil(contractEndsOn)', 10],
    ['addDays(today, 7)', '2026-12-02'],
    ['today < contractEndsOn', true],
    ['len("宽带")', 2],
    ["contains(lower('ABC'), 'b')", true],
    ['isSet(confirmed)', false],
    ['round(2.5) * -2', -6],
    ['1 + 2 * (3 - 1)', 5],
    ['a b', null],
    ['constructor == null', true],
  ])('%s -> %j', (src, want) => {
    expect(evaluateExpression(src, values)).toBe(want);
  });
});

describe('interpolate', () => {
  it('fills variables and context fields, once, and keeps unknown names', () => {
    expect(interpolate('您好 {{customer.name}}，套餐 {{ planName }}，{{nope}} {{x', { 'customer.name': '{{planName}}', planName: '畅享' })).toBe('您好 {{planName}}，套餐 畅享，{{nope}} {{x');
    expect(interpolate('{{arrears}}', { arrears: null })).toBe('');
    expect(templateRefs('{{a}} {{1x}}')).toEqual({ names: [{ name: 'a', index: 0 }], invalid: [{ raw: '{{1x}}', index: 6 }] });
  });
});
