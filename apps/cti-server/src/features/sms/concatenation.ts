/**
 * Concatenated SMS headers (3GPP TS 23.040 §9.2.3.24.1 and .8): how the
 * parts of one long message name their group, count and place. We send the
 * 8-bit reference form; we read both it and the 16-bit one, since handsets
 * and SMSCs use either.
 */
export interface ConcatInfo {
  /** Group reference, shared by every part of one message from one sender. */
  ref: number;
  total: number;
  /** 1-based place of this part. */
  seq: number;
}

const IEI_CONCAT_8BIT = 0x00;
const IEI_CONCAT_16BIT = 0x08;

/** The whole user data header (with its length octet) of part `seq` of `total`. */
export function concatHeader(ref: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, IEI_CONCAT_8BIT, 0x03, ref & 0xff, total, seq]);
}

/** The concatenation element among a header's information elements (each `[iei, length, ...data]`). */
export function concatFromElements(elements: readonly Buffer[]): ConcatInfo | undefined {
  for (const ie of elements) {
    if (ie[0] === IEI_CONCAT_8BIT && ie[1] === 3 && ie.length >= 5) {
      return valid({ ref: ie[2] ?? 0, total: ie[3] ?? 0, seq: ie[4] ?? 0 });
    }
    if (ie[0] === IEI_CONCAT_16BIT && ie[1] === 4 && ie.length >= 6) {
      return valid({ ref: ie.readUInt16BE(2), total: ie[4] ?? 0, seq: ie[5] ?? 0 });
    }
  }
  return undefined;
}

/** A header with total 0 or a part outside 1..total is ignored (the text is taken as one message). */
function valid(info: ConcatInfo): ConcatInfo | undefined {
  return info.total >= 1 && info.seq >= 1 && info.seq <= info.total ? info : undefined;
}
