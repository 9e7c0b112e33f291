import { describe, expect, it } from 'vitest';
import { encodeNetstring, NetstringDecoder, NetstringError } from './netstring.js';

describe('netstrings', () => {
  it('round-trips payloads split at every byte, counting UTF-8 bytes', () => {
    const payloads = ['{"event":"queued"}', '', '{"name":"李雷"}'];
    const wire = Buffer.concat(payloads.map(encodeNetstring));
    expect(encodeNetstring('{"name":"李雷"}').toString('utf8')).toBe('17:{"name":"李雷"},');
    const decoder = new NetstringDecoder();
    const got: string[] = [];
    for (let i = 0; i < wire.length; i++) got.push(...decoder.push(wire.subarray(i, i + 1)));
    expect(got).toStrictEqual(payloads);
  });

  it('decodes several frames in one chunk', () => {
    expect(new NetstringDecoder().push(Buffer.from('1:a,2:bc,0:,'))).toStrictEqual(['a', 'bc', '']);
  });

  it('skips blanks between frames, as evapi does', () => {
    const decoder = new NetstringDecoder();
    expect(decoder.push(Buffer.from(' 1:a, \r\n2:b'))).toStrictEqual(['a']);
    expect(decoder.push(Buffer.from('c, '))).toStrictEqual(['bc']);
    expect(decoder.push(Buffer.from('   '))).toStrictEqual([]);
    expect(decoder.push(Buffer.from('0:,'))).toStrictEqual(['']);
  });

  it.each([
    ['x:abc,', 'bad netstring length'],
    ['01:a,', 'bad netstring length'],
    ['3:abcX', 'not terminated'],
    ['12345678901', 'too long'],
    ['2000000:', 'over the'],
  ])('refuses %j', (wire, message) => {
    const decoder = new NetstringDecoder();
    expect(() => decoder.push(Buffer.from(wire))).toThrow(NetstringError);
    expect(() => new NetstringDecoder().push(Buffer.from(wire))).toThrow(message);
  });
});
