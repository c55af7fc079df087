import { instantOfWallClock, wallClockAt } from './zoned-time';

const BERLIN = 'Europe/Berlin';
const H = 3_600_000;

describe('wallClockAt', () => {
  it('reads the local date, not the UTC date', () => {
    expect(wallClockAt(Date.parse('2026-03-29T22:30:00Z'), BERLIN)).toEqual({
      date: { year: 2026, month: 3, day: 30 },
      msOfDay: 0.5 * H,
    });
  });

  it('reads both sides of the fall-back hour as 02:xx', () => {
    expect(wallClockAt(Date.parse('2026-10-25T00:30:00Z'), BERLIN).msOfDay).toBe(2.5 * H);
    expect(wallClockAt(Date.parse('2026-10-25T01:30:00Z'), BERLIN).msOfDay).toBe(2.5 * H);
  });
});

describe('instantOfWallClock', () => {
  it('converts ordinary times in winter and summer', () => {
    expect(instantOfWallClock({ year: 2026, month: 1, day: 5 }, 8 * H, BERLIN)).toBe(Date.parse('2026-01-05T07:00:00Z'));
    expect(instantOfWallClock({ year: 2026, month: 7, day: 6 }, 8 * H, BERLIN)).toBe(Date.parse('2026-07-06T06:00:00Z'));
  });

  it('handles the DST days themselves', () => {
    expect(instantOfWallClock({ year: 2026, month: 3, day: 29 }, 8 * H, BERLIN)).toBe(Date.parse('2026-03-29T06:00:00Z'));
    expect(instantOfWallClock({ year: 2026, month: 10, day: 25 }, 8 * H, BERLIN)).toBe(Date.parse('2026-10-25T07:00:00Z'));
  });

  it('moves a skipped time forward and takes the earlier of a repeated time', () => {
    expect(instantOfWallClock({ year: 2026, month: 3, day: 29 }, 2.5 * H, BERLIN)).toBe(Date.parse('2026-03-29T01:30:00Z'));
    expect(instantOfWallClock({ year: 2026, month: 10, day: 25 }, 2.5 * H, BERLIN)).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });

  it('accepts 24:00 as the next midnight', () => {
    expect(instantOfWallClock({ year: 2026, month: 3, day: 28 }, 24 * H, BERLIN)).toBe(Date.parse('2026-03-28T23:00:00Z'));
  });

  it('round-trips with wallClockAt', () => {
    const at = Date.parse('2026-06-15T13:14:15.016Z');
    const { date, msOfDay } = wallClockAt(at, 'America/New_York');
    expect(instantOfWallClock(date, msOfDay, 'America/New_York')).toBe(at);
  });
});
