/** A plain-text mail split into what the sender wrote now and the earlier mail it quotes. */
export interface SplitText {
  body: string;
  /** Empty when nothing is quoted (or when folding would hide everything). */
  quoted: string;
}

/** Lines that begin a quoted earlier mail in top-posted replies: everything after them is history. */
const QUOTE_HEADERS: readonly RegExp[] = [
  /^On .{3,200} wrote:\s*$/i,
  /^在.{2,200}写道[:：]\s*$/,
  /^-{2,}\s*(Original Message|Forwarded message|原始邮件|转发的邮件|原邮件)\s*-{2,}\s*$/i,
];

/** Outlook's pasted header block: a From line followed shortly by a Sent/Date line. */
const OUTLOOK_FROM = /^\*?(From|发件人)\s*[:：]/i;
const OUTLOOK_SENT = /^\*?(Sent|Date|发送时间|时间|日期)\s*[:：]/i;

const isQuoteLine = (line: string): boolean => /^\s*>/.test(line);
const isBlank = (line: string): boolean => line.trim() === '';

function quoteStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (QUOTE_HEADERS.some((re) => re.test(line.trim()))) return i;
    if (OUTLOOK_FROM.test(line.trim()) && lines.slice(i + 1, i + 4).some((next) => OUTLOOK_SENT.test(next.trim()))) return i;
    // ">" quoting folds only when nothing but quotes follows: inline answers between quotes stay visible.
    if (isQuoteLine(line) && lines.slice(i).every((rest) => isQuoteLine(rest) || isBlank(rest))) return i;
  }
  return -1;
}

/**
 * Finds where the quoted history of a reply begins (English and Chinese mail
 * clients' markers, `>` quoting at the end), so the desk can fold it. A mail
 * that is nothing but a quote is shown whole.
 */
export function splitQuotedText(text: string): SplitText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = quoteStart(lines);
  if (start < 0) return { body: text, quoted: '' };
  const body = lines.slice(0, start).join('\n').trimEnd();
  if (body.trim() === '') return { body: text, quoted: '' };
  return { body, quoted: lines.slice(start).join('\n') };
}
