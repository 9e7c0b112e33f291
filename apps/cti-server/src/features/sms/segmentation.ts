import { decodeGsm7, encodeGsm7, gsm7Cost, gsm7Length } from './gsm7.js';
import { SmsGatewayError } from './smsErrors.js';

/** GSM-7 when every character fits the GSM alphabet, else UCS-2 (Chinese always is). */
export type SmsEncoding = 'gsm7' | 'ucs2';

/** SMPP / GSM 03.38 data coding scheme of each encoding. */
export const DATA_CODING: Readonly<Record<SmsEncoding, number>> = { gsm7: 0x00, ucs2: 0x08 };

/** One message: 160 septets or 140 octets = 70 UTF-16 units. */
const SINGLE_LIMIT: Readonly<Record<SmsEncoding, number>> = { gsm7: 160, ucs2: 70 };
/** A part of a long message loses 6 octets to the concatenation header: 153 septets, or 67 UTF-16 units. */
const PART_LIMIT: Readonly<Record<SmsEncoding, number>> = { gsm7: 153, ucs2: 67 };

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
  if (total <= SINGLE_LIMIT[encoding]) return { encoding, parts: [text] };
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) {
    const c = cost(char, encoding);
    if (used + c > PART_LIMIT[encoding]) {
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

/** splitText for a send: an empty text, or one longer than `maxParts`, is SMS_INVALID_MESSAGE (a runaway template should not become a 30-part bill). */
export function splitForSending(text: string, maxParts: number): SplitText {
  if (!text) throw new SmsGatewayError('SMS_INVALID_MESSAGE', 'empty text');
  const split = splitText(text);
  if (split.parts.length > maxParts) throw new SmsGatewayError('SMS_INVALID_MESSAGE', `text needs ${split.parts.length} parts, more than ${maxParts}`);
  return split;
}

/** The octets of one part's text (no header). */
export function encodeText(text: string, encoding: SmsEncoding): Buffer {
  if (encoding === 'gsm7') return encodeGsm7(text);
  // UCS-2 on the wire is big-endian UTF-16; Node only has little-endian, so swap.
  return Buffer.from(text, 'utf16le').swap16();
}

/** The text of one part's octets. */
export function decodeText(octets: Buffer, encoding: SmsEncoding): string {
  if (encoding === 'gsm7') return decodeGsm7(octets);
  const copy = Buffer.from(octets.subarray(0, octets.length - (octets.length % 2)));
  return copy.swap16().toString('utf16le');
}
