import { GSM7_BASIC as BASIC, GSM7_ESCAPE as ESCAPE, GSM7_EXTENSION as EXTENSION } from '@omnicc/shared';

/** Costs live beside the alphabet in @omnicc/shared (the desk counts parts with them); re-exported for the SMS code here. */
export { gsm7Cost, gsm7Length } from '@omnicc/shared';

const basicCode = new Map<string, number>();
for (let i = 0; i < BASIC.length; i++) if (i !== ESCAPE) basicCode.set(BASIC.charAt(i), i);
const extensionChar = new Map<number, string>(Object.entries(EXTENSION).map(([ch, code]) => [code, ch]));

/** One octet per septet; throws on a character outside the alphabet (check with gsm7Length first). */
export function encodeGsm7(text: string): Buffer {
  const out: number[] = [];
  for (const char of text) {
    const basic = basicCode.get(char);
    if (basic !== undefined) {
      out.push(basic);
      continue;
    }
    const ext = EXTENSION[char];
    if (ext === undefined) throw new RangeError(`not in the GSM 03.38 alphabet: U+${(char.codePointAt(0) ?? 0).toString(16)}`);
    out.push(ESCAPE, ext);
  }
  return Buffer.from(out);
}

/** The text of unpacked septets; an unknown escape reads as a space, as handsets show it. */
export function decodeGsm7(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const code = (bytes[i] ?? 0) & 0x7f;
    if (code === ESCAPE) {
      text += extensionChar.get((bytes[++i] ?? 0) & 0x7f) ?? ' ';
    } else {
      text += BASIC.charAt(code);
    }
  }
  return text;
}
