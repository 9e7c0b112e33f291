/**
 * The GSM 03.38 default alphabet and its extension table, as SMPP carries
 * them with data_coding 0: one septet per octet, unpacked (the SMSC packs
 * them for the air interface). Our own table, not the smpp package's
 * encoder, because splitting needs each character's septet cost and must
 * never cut an escape pair in two.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const ESCAPE = 0x1b;
const EXTENSION: Readonly<Record<string, number>> = { '\f': 0x0a, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2f, '[': 0x3c, '~': 0x3d, ']': 0x3e, '|': 0x40, '€': 0x65 };

const basicCode = new Map<string, number>();
for (let i = 0; i < BASIC.length; i++) if (i !== ESCAPE) basicCode.set(BASIC.charAt(i), i);
const extensionChar = new Map<number, string>(Object.entries(EXTENSION).map(([ch, code]) => [code, ch]));

/** Septets one character takes: 1 (basic), 2 (escape + extension), undefined when GSM-7 cannot carry it. */
export function gsm7Cost(char: string): 1 | 2 | undefined {
  if (basicCode.has(char)) return 1;
  return EXTENSION[char] === undefined ? undefined : 2;
}

/** Septets the whole text takes, or undefined when one character needs UCS-2. */
export function gsm7Length(text: string): number | undefined {
  let septets = 0;
  for (const char of text) {
    const cost = gsm7Cost(char);
    if (cost === undefined) return undefined;
    septets += cost;
  }
  return septets;
}

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
