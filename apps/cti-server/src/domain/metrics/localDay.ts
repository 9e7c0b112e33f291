import { assertTimeZone, localDayStart, nextLocalDayStart } from './zonedDay.js';

/**
 * Tracks which local day "today" is, so callers can reset their today-totals
 * when it changes. Boundaries are computed once per day, not per event.
 */
export class LocalDay {
  private startMs: number | undefined;
  private nextStartMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly timeZone: string) {
    assertTimeZone(timeZone);
  }

  /**
   * Moves to the day containing `now` if it is later than the current one.
   * Returns true when the day changed (today-totals must restart).
   * Time never goes back: an earlier `now` keeps the current day.
   */
  advance(now: number): boolean {
    if (this.startMs !== undefined && now < this.nextStartMs) return false;
    // Several days may have passed with no event: jump straight to the day of `now`.
    this.startMs = localDayStart(now, this.timeZone);
    this.nextStartMs = nextLocalDayStart(this.startMs, this.timeZone);
    return true;
  }

  /** Start of the current local day; advance() must have been called once. */
  get start(): number {
    if (this.startMs === undefined) throw new Error('LocalDay.advance() was never called');
    return this.startMs;
  }
}
