import { describe, expect, it } from 'vitest';
import { bdecode, bencode } from './rtpengineNg.js';

describe('bencode for rtpengine ng', () => {
  it('encodes dictionaries with sorted keys, lists, integers and UTF-8 strings', () => {
    expect(bencode({ command: 'ping' }).toString()).toBe('d7:command4:pinge');
    expect(bencode({ b: 1, a: ['x', 2] }).toString()).toBe('d1:al1:xi2ee1:bi1ee');
    expect(bencode('李').length).toBe(5);
  });

  it('sends a buffer as its bytes, unchanged (a media file for play media)', () => {
    const bytes = Buffer.from([0xff, 0x00, 0x80, 0x3a]);
    expect(bencode({ blob: bytes })).toStrictEqual(Buffer.concat([Buffer.from('d4:blob4:'), bytes, Buffer.from('e')]));
  });

  it('decodes what it encodes, and refuses truncated input', () => {
    const value = { result: 'ok', totals: { current: { sessions: 3 } }, calls: ['a', 'b'] };
    expect(bdecode(bencode(value))).toStrictEqual(value);
    expect(() => bdecode(Buffer.from('d6:result2:o'))).toThrow('bad bencode');
    expect(() => bdecode(Buffer.from('li1e'))).toThrow('bad bencode');
  });
});
