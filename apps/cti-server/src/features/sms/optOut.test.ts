import { describe, expect, it } from 'vitest';
import { detectOptIn, detectOptOut } from './optOut.js';

describe('opt-out words', () => {
  it.each([
    ['退订', '退订'],
    ['TD', 'TD'],
    ['td', 'TD'],
    ['t', 'T'],
    ['STOP', 'STOP'],
    ['Stop', 'STOP'],
    ['unsubscribe', 'UNSUBSCRIBE'],
    ['取消订阅', '取消订阅'],
    ['退訂', '退訂'],
  ])('%s is an opt-out', (text, word) => {
    expect(detectOptOut(text)).toBe(word);
  });

  it('reads full-width letters and spaces as ASCII', () => {
    expect(detectOptOut('ＴＤ')).toBe('TD');
    expect(detectOptOut('ｓｔｏｐ')).toBe('STOP');
    expect(detectOptOut('\u3000Ｔ\u3000')).toBe('T');
  });

  it('ignores surrounding spaces, punctuation and zero-width characters', () => {
    expect(detectOptOut(' 退订。')).toBe('退订');
    expect(detectOptOut('stop!')).toBe('STOP');
    expect(detectOptOut('T\u200bD')).toBe('TD');
    expect(detectOptOut('【退订】')).toBe('退订');
    expect(detectOptOut('S T O P')).toBe('STOP');
  });

  it('does not take a sentence containing the word for an opt-out', () => {
    expect(detectOptOut('please do not stop my line')).toBeUndefined();
    expect(detectOptOut('我想退订流量包')).toBeUndefined();
    expect(detectOptOut('TDD')).toBeUndefined();
    expect(detectOptOut('取消')).toBeUndefined();
    expect(detectOptOut('cancel')).toBeUndefined();
    expect(detectOptOut('')).toBeUndefined();
    expect(detectOptOut('1')).toBeUndefined();
  });
});

describe('re-subscribe words', () => {
  it.each([
    ['订阅', '订阅'],
    ['重新订阅', '重新订阅'],
    ['start', 'START'],
    ['ＵＮＳＴＯＰ', 'UNSTOP'],
    [' 訂閱！', '訂閱'],
  ])('%s is a re-subscribe word', (text, word) => {
    expect(detectOptIn(text)).toBe(word);
    expect(detectOptOut(text)).toBeUndefined();
  });

  it('is neither for a sentence or an opt-out word', () => {
    expect(detectOptIn('我想订阅流量包')).toBeUndefined();
    expect(detectOptIn('取消订阅')).toBeUndefined();
    expect(detectOptIn('STOP')).toBeUndefined();
  });
});
