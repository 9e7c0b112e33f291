import { splitText, type SmsEncoding, type SplitText } from '@omnicc/shared';
import { decodeGsm7, encodeGsm7 } from './gsm7.js';
import { SmsGatewayError } from './smsErrors.js';

/** Splitting is shared with the desk (packages/shared/src/sms/segments.ts); sending adds the limits and the octets. */
export { splitText, type SmsEncoding, type SplitText } from '@omnicc/shared';

/** SMPP / GSM 03.38 data coding scheme of each encoding. */
export const DATA_CODING: Readonly<Record<SmsEncoding, number>> = { gsm7: 0x00, ucs2: 0x08 };

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
