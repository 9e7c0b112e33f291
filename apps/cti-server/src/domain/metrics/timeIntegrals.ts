import { LocalDay } from './localDay.js';
import { RingDeque } from './ringDeque.js';
import { SLIDING_WINDOWS_MS, type MetricsWindow } from './types.js';

/** The two rates occupancy integrates: work (capacity units, 0..1) and available (0 or 1). */
export interface Rates {
  work: number;
  available: number;
}

/** Integrals of the rates over a window, in ms (work in capacity-unit·ms). */
export interface Integrals {
  workMs: number;
  availableMs: number;
}

interface Segment extends Rates {
  start: number;
  end: number;
}

interface Sliding {
  name: Exclude<MetricsWindow, 'today'>;
  spanMs: number;
  /** Absolute deque position of the oldest segment that ends inside the window. */
  cursor: number;
  /** Full integrals of segments [cursor, end); the cursor segment's part before the edge is cut at read time. */
  sums: Integrals;
}

const integral = (s: Segment, from: number, to: number): Integrals => {
  const d = Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));
  return { workMs: s.work * d, availableMs: s.available * d };
};

/**
 * Integrals of a piecewise-constant signal over the last 15 and 60 minutes and
 * today. Closed segments sit in a deque (the last hour's); each sliding
 * window keeps running sums from its cursor, so a change is O(1) amortized.
 */
export class TimeIntegrals {
  private readonly segments = new RingDeque<Segment>();
  private readonly sliding: Sliding[];
  private readonly day: LocalDay;
  private today: Integrals = { workMs: 0, availableMs: 0 };
  private since: number | undefined;
  private rates: Rates = { work: 0, available: 0 };

  constructor(timeZone: string) {
    this.day = new LocalDay(timeZone);
    this.sliding = (Object.keys(SLIDING_WINDOWS_MS) as (keyof typeof SLIDING_WINDOWS_MS)[])
      .map((name) => ({ name, spanMs: SLIDING_WINDOWS_MS[name], cursor: 0, sums: { workMs: 0, availableMs: 0 } }))
      .sort((a, b) => a.spanMs - b.spanMs);
  }

  /** The rates in force from `at` on. An `at` before the last change is taken as the last change (time does not go back). */
  set(at: number, rates: Rates): void {
    if (this.since === undefined) {
      this.day.advance(at);
    } else if (at > this.since) {
      this.close({ start: this.since, end: at, ...this.rates });
    }
    this.since = Math.max(at, this.since ?? at);
    this.rates = { ...rates };
  }

  /** Integrals per window as of `now`, the open segment included up to `now`. */
  read(now: number): Record<MetricsWindow, Integrals> {
    const at = Math.max(now, this.since ?? now);
    this.rollDay(at);
    const open: Segment | undefined = this.since === undefined ? undefined : { start: this.since, end: at, ...this.rates };
    const out: Partial<Record<MetricsWindow, Integrals>> = {};
    for (const w of this.sliding) {
      const edge = at - w.spanMs;
      this.expire(w, edge);
      let { workMs, availableMs } = w.sums;
      if (w.cursor < this.segments.end) {
        // The oldest segment may start before the edge: take off the part outside.
        const cut = integral(this.segments.at(w.cursor), Number.NEGATIVE_INFINITY, edge);
        workMs -= cut.workMs;
        availableMs -= cut.availableMs;
      }
      const tail = open ? integral(open, edge, at) : { workMs: 0, availableMs: 0 };
      out[w.name] = { workMs: Math.max(0, workMs + tail.workMs), availableMs: Math.max(0, availableMs + tail.availableMs) };
    }
    const tail = open ? integral(open, this.day.start, at) : { workMs: 0, availableMs: 0 };
    out.today = { workMs: this.today.workMs + tail.workMs, availableMs: this.today.availableMs + tail.availableMs };
    this.dropExpired();
    return out as Record<MetricsWindow, Integrals>;
  }

  /** Segments kept in memory. */
  get retained(): number {
    return this.segments.length;
  }

  private close(s: Segment): void {
    // Only the part since local midnight is today's; a new day (if s ends in one) restarts the total.
    this.rollDay(s.end);
    const part = integral(s, this.day.start, s.end);
    this.today = { workMs: this.today.workMs + part.workMs, availableMs: this.today.availableMs + part.availableMs };
    this.segments.push(s);
    const whole = integral(s, s.start, s.end);
    for (const w of this.sliding) {
      w.sums = { workMs: w.sums.workMs + whole.workMs, availableMs: w.sums.availableMs + whole.availableMs };
      this.expire(w, s.end - w.spanMs);
    }
    this.dropExpired();
  }

  private rollDay(at: number): void {
    if (this.day.advance(at)) this.today = { workMs: 0, availableMs: 0 };
  }

  /** Moves the window's cursor past segments that end at or before its edge. */
  private expire(w: Sliding, edge: number): void {
    while (w.cursor < this.segments.end) {
      const s = this.segments.at(w.cursor);
      if (s.end > edge) break;
      const whole = integral(s, s.start, s.end);
      w.sums = { workMs: w.sums.workMs - whole.workMs, availableMs: w.sums.availableMs - whole.availableMs };
      w.cursor += 1;
    }
    // Fractions like 1/3 are not exact in floating point; an empty window restarts from exact zero.
    if (w.cursor === this.segments.end) w.sums = { workMs: 0, availableMs: 0 };
  }

  private dropExpired(): void {
    const longest = this.sliding[this.sliding.length - 1];
    if (longest) this.segments.dropBefore(longest.cursor);
  }
}
