import { describe, expect, it } from 'vitest';
import { smsSegments } from './segments.js';

describe('smsSegments', () => {
  it('counts GSM-7 in septets and Chinese in UTF-16 units, single and concatenated', () => {
    expect(smsSegments('')).toEqual({ encoding: 'gsm7', parts: 0, leftInPart: 160 });
    expect(smsSegments('Hello')).toEqual({ encoding: 'gsm7', parts: 1, leftInPart: 155 });
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'gsm7', parts: 1, leftInPart: 0 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'gsm7', parts: 2, leftInPart: 153 - 8 });
    expect(smsSegments('您好'.repeat(35))).toEqual({ encoding: 'ucs2', parts: 1, leftInPart: 0 });
    expect(smsSegments('您好'.repeat(35) + '。')).toEqual({ encoding: 'ucs2', parts: 2, leftInPart: 67 - 4 });
  });
});
