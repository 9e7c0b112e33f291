import { gsm7Cost, gsm7Length } from './gsm7.js';

/** GSM-7 when every character fits the GSM alphabet, else UCS-2 (Chinese always is). */
export type SmsEncoding = 'gsm7' | 'ucs2';

/** One message: 160 septets or 140 octets = 70 UTF-16 units. */
export const SMS_SINGLE_LIMIT: Readonly<Record<SmsEncoding, number>> = { gsm7: 160, ucs2: 70 };
/** A part of a long message loses 6 octets to the concatenation header: 153 septets, or 67 UTF-16 units. */
export const SMS_PART_LIMIT: Readonly<Record<SmsEncoding, number>> = { gsm7: 153, ucs2: 67 };

export interface SplitText {
  encoding: SmsEncoding;
  /** Text of each part, in order; one element for a short message. */
  parts: string[];
}

/** Cost of a character in the encoding's units: septets, or UTF-16 code units. */
function cost(char: string, encoding: SmsEncoding): number {
  return encoding === 'gsm7' ? (gsm7Cost(char) ?? 1) : char.length;
}

/**
 * Splits a text into parts that each fit one SMS with a concatenation
 * header. A part boundary never cuts a GSM escape pair nor a UTF-16
 * surrogate pair (emoji), since either half alone shows as garbage.
 */
export function splitText(text: string): SplitText {
  const encoding: SmsEncoding = gsm7Length(text) === undefined ? 'ucs2' : 'gsm7';
  const total = encoding === 'gsm7' ? (gsm7Length(text) ?? 0) : text.length;
  if (total <= SMS_SINGLE_LIMIT[encoding]) return { encoding, parts: [text] };
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) {
    const c = cost(char, encoding);
    if (used + c > SMS_PART_LIMIT[encoding]) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += c;
  }
  if (current) parts.push(current);
  return { encoding, parts };
}

/** What the agent's text costs as it is typed: the encoding, the parts, and what is left in the last one. */
export function smsSegments(text: string): { encoding: SmsEncoding; parts: number; leftInPart: number } {
  if (text === '') return { encoding: 'gsm7', parts: 0, leftInPart: SMS_SINGLE_LIMIT.gsm7 };
  const { encoding, parts } = splitText(text);
  const units = (part: string): number => (encoding === 'gsm7' ? (gsm7Length(part) ?? 0) : part.length);
  const limit = parts.length === 1 ? SMS_SINGLE_LIMIT[encoding] : SMS_PART_LIMIT[encoding];
  return { encoding, parts: parts.length, leftInPart: limit - units(parts.at(-1) ?? '') };
}
