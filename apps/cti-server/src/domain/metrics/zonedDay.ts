/**
 * Local-day boundaries in an IANA time zone, with Intl only (no tz library).
 * "Today" on the wallboard is the operator's day (e.g. Asia/Shanghai), not
 * the server's or UTC's, so its start is computed from the zone's offset.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

const HOUR_MS = 3_600_000;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what a bad config should do.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const w: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type in w) w[part.type as keyof WallClock] = Number(part.value);
  }
  return w;
}

/** Throws a RangeError unless `timeZone` is a zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The zone's offset from UTC at instant `ms` (local − UTC), in ms; +8 h for Asia/Shanghai. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(ms / 1000) * 1000;
}

const sameDate = (a: WallClock, b: WallClock): boolean => a.year === b.year && a.month === b.month && a.day === b.day;

/**
 * The first instant of the local calendar day that contains `ms`.
 * Usually local 00:00; on a day whose midnight is skipped by a DST jump it is
 * the jump itself (local 01:00), and on a day whose midnight repeats it is the
 * first one. Offsets are probed around midnight because the offset at `ms` can
 * differ from the offset at the day's start (DST changed in between).
 */
export function localDayStart(ms: number, timeZone: string): number {
  const today = wallClock(ms, timeZone);
  const midnightAsUtc = Date.UTC(today.year, today.month - 1, today.day);
  const first = midnightAsUtc - zoneOffsetMs(ms, timeZone);
  const offsets = [
    zoneOffsetMs(ms, timeZone),
    zoneOffsetMs(first, timeZone),
    zoneOffsetMs(first - 3 * HOUR_MS, timeZone),
    zoneOffsetMs(first + 3 * HOUR_MS, timeZone),
  ];
  let best: number | undefined;
  for (const offset of offsets) {
    const candidate = midnightAsUtc - offset;
    if (candidate > ms || !sameDate(wallClock(candidate, timeZone), today)) continue;
    if (best === undefined || candidate < best) best = candidate;
  }
  return best ?? first;
}

/**
 * The first instant of the local day after the one starting at `dayStart`.
 * Local days last 23 to 25 hours, so dayStart + 36 h is always inside the next one.
 */
export function nextLocalDayStart(dayStart: number, timeZone: string): number {
  return localDayStart(dayStart + 36 * HOUR_MS, timeZone);
}
