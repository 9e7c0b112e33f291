/**
 * Money is integer fen (1/100 CNY) inside the simulator: sums of bill items
 * stay exact. It leaves as a two-decimal string ("128.00"), which JSON numbers
 * cannot keep (128.00 would print as 128).
 */

/** Fen as a yuan string with two decimals: 12845 -> "128.45", -50 -> "-0.50". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${Math.floor(abs / 100)}.${cents}`;
}

/**
 * A positive yuan amount ("50", "50.5", "50.50" or the number 50.5) as fen,
 * or undefined when it is not a plain amount with at most two decimals.
 */
export function parseYuan(amount: string | number): number | undefined {
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return undefined;
  const yuan = Number(match[1]);
  const fraction = Number((match[2] ?? '0').padEnd(2, '0'));
  return yuan * 100 + fraction;
}

/** Rounds fen to whole jiao (0.10 CNY), as operators round usage charges. */
export function roundToJiao(fen: number): number {
  return Math.round(fen / 10) * 10;
}
