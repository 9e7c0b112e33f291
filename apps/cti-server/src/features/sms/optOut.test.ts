import { describe, expect, it } from 'vitest';
import { detectOptOut } from './optOut.js';

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
