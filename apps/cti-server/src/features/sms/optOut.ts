/**
 * Words that, sent alone, mean "no more marketing to this number" (退订).
 * TD and T are the Chinese operators' convention, STOP and UNSUBSCRIBE the
 * international one. Deliberately absent: CANCEL, END, QUIT and 取消 alone,
 * which on a service desk usually answer the conversation ("取消" = cancel my
 * order), not the marketing list.
 */
export const OPT_OUT_WORDS: readonly string[] = ['退订', '退訂', '取消订阅', '取消訂閱', 'TD', 'T', 'STOP', 'STOPALL', 'UNSUBSCRIBE'];

/**
 * Words that, sent alone by an opted-out number, lift its opt-out (re-subscribe):
 * 订阅 and its spellings, START and UNSTOP as the STOP convention has them.
 * From a number that is not opted out they are an ordinary message.
 */
export const OPT_IN_WORDS: readonly string[] = ['订阅', '訂閱', '重新订阅', '重新訂閱', '恢复订阅', '恢復訂閱', 'START', 'UNSTOP', 'SUBSCRIBE'];

const WORDS = new Set(OPT_OUT_WORDS);
const IN_WORDS = new Set(OPT_IN_WORDS);

/** Whitespace, punctuation and symbols of any script, and zero-width characters handsets insert. */
const NOISE = /[\p{P}\p{S}\p{Z}\s\u200b-\u200d\u2060\ufeff]/gu;

/**
 * The opt-out word a whole message amounts to, or undefined. Compared after
 * NFKC (full-width ＴＤ, ｓｔｏｐ become ASCII), upper-casing, and dropping
 * spaces and punctuation ("退订。", " stop! "). Only the whole message
 * counts: "please don't stop my line" is a conversation, not an opt-out.
 */
export function detectOptOut(text: string): string | undefined {
  const normalized = keyword(text);
  return WORDS.has(normalized) ? normalized : undefined;
}

/** The re-subscribe word a whole message amounts to (订阅, START, UNSTOP…), read like detectOptOut; or undefined. */
export function detectOptIn(text: string): string | undefined {
  const normalized = keyword(text);
  return IN_WORDS.has(normalized) ? normalized : undefined;
}

function keyword(text: string): string {
  return bareText(text).toUpperCase();
}

/** A message as keywords and survey answers are compared: NFKC (full-width to ASCII), without spaces, punctuation, symbols or zero-width characters. */
export function bareText(text: string): string {
  return text.normalize('NFKC').replace(NOISE, '');
}
