/**
 * Words that, sent alone, mean "no more marketing to this number" (退订).
 * TD and T are the Chinese operators' convention, STOP and UNSUBSCRIBE the
 * international one. Deliberately absent: CANCEL, END, QUIT and 取消 alone,
 * which on a service desk usually answer the conversation ("取消" = cancel my
 * order), not the marketing list.
 */
export const OPT_OUT_WORDS: readonly string[] = ['退订', '退訂', '取消订阅', '取消訂閱', 'TD', 'T', 'STOP', 'STOPALL', 'UNSUBSCRIBE'];

const WORDS = new Set(OPT_OUT_WORDS);

/** Whitespace, punctuation and symbols of any script, and zero-width characters handsets insert. */
const NOISE = /[\p{P}\p{S}\p{Z}\s\u200b-\u200d\u2060\ufeff]/gu;

/**
 * The opt-out word a whole message amounts to, or undefined. Compared after
 * NFKC (full-width ＴＤ, ｓｔｏｐ become ASCII), upper-casing, and dropping
 * spaces and punctuation ("退订。", " stop! "). Only the whole message
 * counts: "please don't stop my line" is a conversation, not an opt-out.
 */
export function detectOptOut(text: string): string | undefined {
  const normalized = text.normalize('NFKC').replace(NOISE, '').toUpperCase();
  return WORDS.has(normalized) ? normalized : undefined;
}
