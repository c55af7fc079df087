import { addCivilDays, civilDateKey, civilDayNumber, isoWeekday, parseCivilDate } from './civil-date';

describe('civil dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addCivilDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addCivilDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addCivilDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
  });

  it('gives ISO weekdays (Monday 1 .. Sunday 7)', () => {
    expect(isoWeekday({ year: 2026, month: 3, day: 30 })).toBe(1);
    expect(isoWeekday({ year: 2026, month: 3, day: 29 })).toBe(7);
  });

  it('numbers days from the epoch', () => {
    expect(civilDayNumber({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(civilDayNumber({ year: 2026, month: 1, day: 1 }) - civilDayNumber({ year: 2025, month: 1, day: 1 })).toBe(365);
  });

  it('formats and parses YYYY-MM-DD, rejecting impossible dates', () => {
    expect(civilDateKey({ year: 2026, month: 1, day: 6 })).toBe('2026-01-06');
    expect(parseCivilDate('2026-10-03')).toEqual({ year: 2026, month: 10, day: 3 });
    expect(parseCivilDate('2026-02-30')).toBeUndefined();
    expect(parseCivilDate('2026-2-3')).toBeUndefined();
  });
});
