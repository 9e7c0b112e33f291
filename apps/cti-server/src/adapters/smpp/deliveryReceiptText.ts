/**
 * The fields of an SMPP delivery receipt's text (SMPP 3.4 appendix B, which
 * calls the format vendor-specific; this is the one nearly every SMSC
 * sends): `id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm[ss] done
 * date:YYMMDDhhmm[ss] stat:DDDDDDD err:E text:...`. Keys are matched in any
 * case and order; a missing key is simply absent.
 */
export interface ReceiptText {
  id?: string;
  stat?: string;
  err?: string;
  doneDate?: Date;
}

function field(text: string, key: string): string | undefined {
  // `text:` comes last and may hold anything, so keys are searched only before it.
  const head = text.split(/\btext:/i)[0] ?? '';
  const match = new RegExp(`(?:^|\\s)${key}:(\\S+)`, 'i').exec(head);
  return match?.[1];
}

/** YYMMDDhhmm or YYMMDDhhmmss, read as UTC (the SMSC's zone is not in the receipt). */
export function parseReceiptDate(value: string | undefined): Date | undefined {
  const m = value ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(value) : null;
  if (!m) return undefined;
  const [, yy, mo, dd, hh, mi, ss] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(2000 + yy, mo - 1, dd, hh, mi, Number.isNaN(ss) ? 0 : ss));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function parseReceiptText(text: string): ReceiptText {
  const out: ReceiptText = {};
  const id = field(text, 'id');
  const stat = field(text, 'stat');
  const err = field(text, 'err');
  const doneDate = parseReceiptDate(field(text, 'done date'));
  if (id !== undefined) out.id = id;
  if (stat !== undefined) out.stat = stat;
  if (err !== undefined) out.err = err;
  if (doneDate) out.doneDate = doneDate;
  return out;
}
