import { describe, expect, it } from 'vitest';
import { decodeGsm7, encodeGsm7, gsm7Length } from './gsm7.js';
import { decodeText, encodeText, splitText } from './segmentation.js';

describe('GSM 03.38', () => {
  it('counts extension characters as two septets and rejects what it cannot carry', () => {
    expect(gsm7Length('Hello @ £')).toBe(9);
    expect(gsm7Length('€[]')).toBe(6);
    expect(gsm7Length('你好')).toBeUndefined();
    expect(gsm7Length('\u001b')).toBeUndefined();
  });

  it('encodes and decodes every basic and extension character', () => {
    const text = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà^{}\\[~]|€\f';
    const bytes = encodeGsm7(text);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(decodeGsm7(bytes)).toBe(text);
    expect([...encodeGsm7('@A€')]).toStrictEqual([0x00, 0x41, 0x1b, 0x65]);
  });
});

describe('splitting a text into SMS parts', () => {
  it('keeps 160 GSM septets or 70 UCS-2 characters in one message', () => {
    expect(splitText('a'.repeat(160))).toStrictEqual({ encoding: 'gsm7', parts: ['a'.repeat(160)] });
    expect(splitText('中'.repeat(70))).toStrictEqual({ encoding: 'ucs2', parts: ['中'.repeat(70)] });
  });

  it('splits longer GSM text into 153-septet parts', () => {
    const { encoding, parts } = splitText('x'.repeat(161));
    expect(encoding).toBe('gsm7');
    expect(parts.map((p) => p.length)).toStrictEqual([153, 8]);
    expect(splitText('y'.repeat(153 * 3)).parts).toHaveLength(3);
    expect(splitText('y'.repeat(153 * 3 + 1)).parts).toHaveLength(4);
  });

  it('splits longer UCS-2 text into 67-character parts, choosing UCS-2 for one Chinese character', () => {
    const { encoding, parts } = splitText('您'.repeat(71));
    expect(encoding).toBe('ucs2');
    expect(parts.map((p) => p.length)).toStrictEqual([67, 4]);
    expect(splitText(`${'a'.repeat(100)}中`).encoding).toBe('ucs2');
  });

  it('never cuts an escape pair or a surrogate pair at a part boundary', () => {
    const gsm = splitText(`${'a'.repeat(152)}€bbbbbbbbbbbb`);
    expect(gsm.parts[0]).toBe('a'.repeat(152));
    expect(gsm.parts[1]?.startsWith('€')).toBe(true);
    const ucs = splitText(`${'中'.repeat(66)}😀${'文'.repeat(10)}`);
    expect(ucs.parts[0]).toBe('中'.repeat(66));
    expect(ucs.parts[1]?.startsWith('😀')).toBe(true);
    expect(ucs.parts.join('')).toBe(`${'中'.repeat(66)}😀${'文'.repeat(10)}`);
  });

  it('encodes UCS-2 as big-endian UTF-16 and back', () => {
    expect([...encodeText('中A', 'ucs2')]).toStrictEqual([0x4e, 0x2d, 0x00, 0x41]);
    expect(decodeText(encodeText('您好，世界😀', 'ucs2'), 'ucs2')).toBe('您好，世界😀');
    expect(decodeText(encodeText('Hi €5', 'gsm7'), 'gsm7')).toBe('Hi €5');
  });
});
