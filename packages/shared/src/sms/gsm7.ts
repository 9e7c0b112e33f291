/**
 * The GSM 03.38 default alphabet and its extension table, as SMPP carries
 * them with data_coding 0: one septet per octet, unpacked (the SMSC packs
 * them for the air interface). Our own table, not the smpp package's
 * encoder, because splitting needs each character's septet cost and must
 * never cut an escape pair in two. Shared: the server splits and encodes
 * with it, the desk counts an SMS's parts as the agent types.
 */
export const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
export const GSM7_ESCAPE = 0x1b;
export const GSM7_EXTENSION: Readonly<Record<string, number>> = { '\f': 0x0a, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2f, '[': 0x3c, '~': 0x3d, ']': 0x3e, '|': 0x40, '€': 0x65 };

const basicCode = new Set<string>();
for (let i = 0; i < GSM7_BASIC.length; i++) if (i !== GSM7_ESCAPE) basicCode.add(GSM7_BASIC.charAt(i));

/** Septets one character takes: 1 (basic), 2 (escape + extension), undefined when GSM-7 cannot carry it. */
export function gsm7Cost(char: string): 1 | 2 | undefined {
  if (basicCode.has(char)) return 1;
  return GSM7_EXTENSION[char] === undefined ? undefined : 2;
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
