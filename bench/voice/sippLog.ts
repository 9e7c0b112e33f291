import { readFile } from 'node:fs/promises';

/** One SIP message from a sipp message log (-trace_msg): when, which way, its first line and Call-ID. */
export interface LoggedMessage {
  at: number;
  sent: boolean;
  firstLine: string;
  callId: string;
}

const STAMP = /^-{20,} (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6})$/;

/**
 * Parses a sipp message log. sipp stamps each message with the wall clock
 * to the microsecond (its scenario timers tick in 4 ms steps here, the log
 * stamps do not), so two sipp processes on one machine can be compared.
 */
export async function readSippLog(file: string): Promise<LoggedMessage[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const out: LoggedMessage[] = [];
  let current: { at: number; lines: string[] } | undefined;
  const flush = (): void => {
    if (!current) return;
    const [direction = '', firstLine = ''] = current.lines;
    const callId = current.lines.find((l) => /^Call-ID:/i.test(l))?.replace(/^Call-ID:\s*/i, '') ?? '';
    if (callId) out.push({ at: current.at, sent: /message sent/i.test(direction), firstLine, callId });
  };
  for (const line of text.split('\n')) {
    const m = STAMP.exec(line);
    if (m?.[1]) {
      flush();
      // Milliseconds from the date, microseconds added: local time read as UTC is fine for differences.
      current = { at: Date.parse(`${m[1].slice(0, 23).replace(' ', 'T')}Z`) + Number(`0.${m[1].slice(-3)}`), lines: [] };
      continue;
    }
    if (current && line.trim()) current.lines.push(line.trim());
  }
  flush();
  return out;
}

/** The first message per Call-ID that matches. */
export function firstBy(messages: readonly LoggedMessage[], match: (m: LoggedMessage) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of messages) if (match(m) && !out.has(m.callId)) out.set(m.callId, m.at);
  return out;
}
