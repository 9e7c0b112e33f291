import { describe, expect, it } from 'vitest';
import { localDayStart, nextLocalDayStart, zoneOffsetMs } from './zonedDay.js';

const utc = (iso: string): number => Date.parse(iso);

describe('local day boundaries', () => {
  it('Asia/Shanghai (UTC+8, no DST): the day starts at 16:00 UTC the evening before', () => {
    const zone = 'Asia/Shanghai';
    expect(zoneOffsetMs(utc('2024-03-10T07:59:59Z'), zone)).toBe(8 * 3_600_000);
    expect(localDayStart(utc('2024-03-10T07:59:59Z'), zone)).toBe(utc('2024-03-09T16:00:00Z'));
    expect(localDayStart(utc('2024-03-09T16:00:00Z'), zone)).toBe(utc('2024-03-09T16:00:00Z')); // midnight itself
    expect(localDayStart(utc('2024-03-09T15:59:59.999Z'), zone)).toBe(utc('2024-03-08T16:00:00Z')); // 23:59:59.999 the day before
    expect(nextLocalDayStart(utc('2024-03-09T16:00:00Z'), zone)).toBe(utc('2024-03-10T16:00:00Z'));
  });

  it('a day whose midnight is skipped by DST starts at the jump (São Paulo, 2018-11-04: 00:00 → 01:00)', () => {
    const zone = 'America/Sao_Paulo';
    // 00:00 −03 would be 03:00Z; at 03:00Z the clocks read 01:00 −02, so that is the first instant of the day.
    expect(localDayStart(utc('2018-11-04T15:00:00Z'), zone)).toBe(utc('2018-11-04T03:00:00Z'));
    // The 3rd started at 00:00 −03 = 03:00Z and lasted 24 h.
    expect(nextLocalDayStart(utc('2018-11-03T03:00:00Z'), zone)).toBe(utc('2018-11-04T03:00:00Z'));
    // The 4th is 23 h long: the 5th starts at 00:00 −02 = 02:00Z.
    expect(nextLocalDayStart(utc('2018-11-04T03:00:00Z'), zone)).toBe(utc('2018-11-05T02:00:00Z'));
  });

  it('a day whose midnight repeats starts at the first one (São Paulo, 2019-02-17: 00:00 → 23:00 the 16th)', () => {
    const zone = 'America/Sao_Paulo';
    // 23:30 −03 on the 16th (the second 23:30) is 02:30Z on the 17th; the 16th began at 00:00 −02 = 02:00Z.
    expect(localDayStart(utc('2019-02-17T02:30:00Z'), zone)).toBe(utc('2019-02-16T02:00:00Z'));
    // The 16th lasted 25 h: the 17th starts at 00:00 −03 = 03:00Z.
    expect(nextLocalDayStart(utc('2019-02-16T02:00:00Z'), zone)).toBe(utc('2019-02-17T03:00:00Z'));
  });

  it('throws on an unknown zone', () => {
    expect(() => localDayStart(0, 'Not/AZone')).toThrow(RangeError);
  });
});
