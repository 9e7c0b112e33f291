import { bareText } from './optOut.js';

/** Chinese numerals a customer may answer with, besides digits: 一 to 五. */
const CHINESE_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

/**
 * The satisfaction score (1–5) a survey answer amounts to, or undefined.
 * The whole message must be one digit once spaces, punctuation and symbols
 * are dropped: "5", " 5。", "【5】", full-width "５" (NFKC makes it ASCII),
 * and the Chinese numerals 一 to 五 (also as 5分 / 五分, "5 points").
 * "5星" or "打5" are not guessed at, nor is "45": an answer we are unsure of
 * gets the one clarification instead of a wrong score.
 */
export function parseSurveyScore(text: string): number | undefined {
  const bare = bareText(text).replace(/分$/u, '');
  if (/^[1-5]$/.test(bare)) return Number(bare);
  return CHINESE_DIGITS[bare];
}
