import { LocalDay } from './localDay.js';
import { RingDeque } from './ringDeque.js';
import { applySample, emptyTally, toWindowMetrics, type Sample, type Tally } from './tally.js';
import { SLIDING_WINDOWS_MS, type MetricsWindow, type WindowMetrics } from './types.js';

interface Sliding {
  name: Exclude<MetricsWindow, 'today'>;
  spanMs: number;
  /** Absolute deque position of the oldest sample still inside this window. */
  cursor: number;
  tally: Tally;
}

/**
 * One queue's tallies over the sliding windows (15 and 60 min) and today.
 * Samples live once, in a deque that holds the longest window; each sliding
 * window has a cursor into it and running sums, so adding a sample and
 * expiring one are O(1) (amortized) and memory is the last hour's samples.
 *
 * A sample is inside a sliding window when now − span < at ≤ now; "today"
 * holds samples from local midnight on and restarts when the day changes.
 * A late sample (older than the newest) is kept at the newest time, so the
 * deque stays ordered; it still counts in "today" only if it happened today.
 */
export class WindowedTally {
  private readonly samples = new RingDeque<Sample>();
  private readonly sliding: Sliding[];
  private readonly day: LocalDay;
  private today = emptyTally();

  constructor(timeZone: string) {
    this.day = new LocalDay(timeZone);
    this.sliding = (Object.keys(SLIDING_WINDOWS_MS) as (keyof typeof SLIDING_WINDOWS_MS)[])
      .map((name) => ({ name, spanMs: SLIDING_WINDOWS_MS[name], cursor: 0, tally: emptyTally() }))
      // Longest last: its cursor decides what the deque may drop.
      .sort((a, b) => a.spanMs - b.spanMs);
  }

  /** Counts a sample in every window (after expiring up to its time). */
  add(sample: Sample): void {
    const newest = this.samples.last()?.at ?? Number.NEGATIVE_INFINITY;
    const kept = sample.at < newest ? { ...sample, at: newest } : sample;
    this.advance(kept.at);
    this.samples.push(kept);
    for (const w of this.sliding) applySample(w.tally, kept, 1);
    // A late sample from before today's midnight belongs to a day already closed.
    if (sample.at >= this.day.start) applySample(this.today, kept, 1);
  }

  /** Every window as of `now`. */
  read(now: number): Record<MetricsWindow, WindowMetrics> {
    this.advance(now);
    const out: Partial<Record<MetricsWindow, WindowMetrics>> = {};
    for (const w of this.sliding) out[w.name] = toWindowMetrics(w.name, w.tally, now - w.spanMs, now);
    out.today = toWindowMetrics('today', this.today, this.day.start, now);
    return out as Record<MetricsWindow, WindowMetrics>;
  }

  /** Samples kept in memory (the longest window's). */
  get retained(): number {
    return this.samples.length;
  }

  private advance(now: number): void {
    if (this.day.advance(now)) this.today = emptyTally();
    for (const w of this.sliding) {
      const edge = now - w.spanMs;
      while (w.cursor < this.samples.end) {
        const s = this.samples.at(w.cursor);
        if (s.at > edge) break;
        applySample(w.tally, s, -1);
        w.cursor += 1;
      }
    }
    const longest = this.sliding[this.sliding.length - 1];
    if (longest) this.samples.dropBefore(longest.cursor);
  }
}
