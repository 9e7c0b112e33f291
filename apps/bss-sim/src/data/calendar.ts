/**
 * Calendar arithmetic on plain day numbers (days since 1970-01-01) and
 * billing periods ('YYYY-MM'). Everything is UTC arithmetic on dates in the
 * operator's zone (China has one zone and no daylight saving), so the data of
 * a given "as of" day is the same wherever it is generated.
 */

const DAY_MS = 86_400_000;
/** China Standard Time is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A billing month: year and month (1-12). */
export interface Period {
  year: number;
  month: number;
}

/** Today's date in China as 'YYYY-MM-DD'. */
export function chinaToday(now: Date = new Date()): string {
  return isoDate(Math.floor((now.getTime() + CHINA_OFFSET_MS) / DAY_MS));
}

/** 'YYYY-MM-DD' -> day number, or undefined when it is not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = Date.UTC(y, m - 1, d) / DAY_MS;
  return isoDate(day) === text ? day : undefined;
}

/** Day number -> 'YYYY-MM-DD'. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number and minutes of that day (China time) -> an ISO instant with +08:00. */
export function isoInstant(day: number, minuteOfDay: number): string {
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${isoDate(day)}T${hh}:${mm}:00+08:00`;
}

/** The period a day falls in. */
export function periodOfDay(day: number): Period {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** The period `months` after (or before, when negative) the given one. */
export function addMonths(period: Period, months: number): Period {
  const total = period.year * 12 + (period.month - 1) + months;
  return { year: Math.floor(total / 12), month: (total % 12) + 1 };
}

/** Whole months from `a` to `b` (b later is positive). */
export function monthsBetween(a: Period, b: Period): number {
  return b.year * 12 + b.month - (a.year * 12 + a.month);
}

/** Day number of a period's n-th day (1-based). */
export function dayOf(period: Period, dayOfMonth: number): number {
  return Date.UTC(period.year, period.month - 1, dayOfMonth) / DAY_MS;
}

/** Days in a period's month. */
export function daysInMonth(period: Period): number {
  return dayOf(addMonths(period, 1), 1) - dayOf(period, 1);
}

/** 'YYYY-MM'. */
export function formatPeriod(period: Period): string {
  return `${period.year}-${String(period.month).padStart(2, '0')}`;
}

/** 'YYYY-MM' -> Period, or undefined when malformed. */
export function parsePeriod(text: string): Period | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : undefined;
}
