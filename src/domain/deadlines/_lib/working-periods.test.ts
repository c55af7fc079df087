import { DEFAULT_BUSINESS_CALENDAR, type BusinessCalendar } from '../business-calendar';
import { compileCalendar, firstPeriodEndingAfter, nextWorkingDate } from './working-periods';

const at = (iso: string): number => Date.parse(iso);

describe('compileCalendar', () => {
  const berlin = compileCalendar(DEFAULT_BUSINESS_CALENDAR);

  it('knows weekdays, weekends and public holidays', () => {
    expect(berlin.isWorkingDate({ year: 2026, month: 10, day: 2 })).toBe(true);
    expect(berlin.isWorkingDate({ year: 2026, month: 10, day: 3 })).toBe(false); // Saturday and holiday
    expect(berlin.isWorkingDate({ year: 2026, month: 10, day: 4 })).toBe(false);
    expect(berlin.isWorkingDate({ year: 2026, month: 4, day: 3 })).toBe(false); // Good Friday
  });

  it('honours extra closed dates', () => {
    const closed: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, extraClosedDates: ['2026-12-24'] };
    expect(compileCalendar(closed).isWorkingDate({ year: 2026, month: 12, day: 24 })).toBe(false);
  });

  it('gives working periods in local time, also on DST Mondays', () => {
    expect(berlin.periodOn({ year: 2026, month: 3, day: 30 })).toEqual({
      start: at('2026-03-30T06:00:00Z'),
      end: at('2026-03-30T15:00:00Z'),
    });
    expect(berlin.periodOn({ year: 2026, month: 10, day: 26 })).toEqual({
      start: at('2026-10-26T07:00:00Z'),
      end: at('2026-10-26T16:00:00Z'),
    });
    expect(berlin.periodOn({ year: 2026, month: 3, day: 29 })).toBeUndefined();
  });
});

describe('firstPeriodEndingAfter', () => {
  const berlin = compileCalendar(DEFAULT_BUSINESS_CALENDAR);

  it('returns the containing period, or the next one', () => {
    expect(firstPeriodEndingAfter(berlin, at('2026-03-27T10:00:00Z')).period.start).toBe(at('2026-03-27T07:00:00Z'));
    expect(firstPeriodEndingAfter(berlin, at('2026-03-27T16:00:00Z')).period.start).toBe(at('2026-03-30T06:00:00Z'));
  });

  it('treats the period end as outside', () => {
    expect(firstPeriodEndingAfter(berlin, at('2026-03-27T16:00:00Z')).date).toEqual({ year: 2026, month: 3, day: 30 });
  });
});

describe('nextWorkingDate', () => {
  const berlin = compileCalendar(DEFAULT_BUSINESS_CALENDAR);

  it('skips Good Friday, the weekend and Easter Monday', () => {
    expect(nextWorkingDate(berlin, { year: 2026, month: 4, day: 2 }).date).toEqual({ year: 2026, month: 4, day: 7 });
  });

  it('crosses the year end over the New Year holiday', () => {
    expect(nextWorkingDate(berlin, { year: 2026, month: 12, day: 31 }).date).toEqual({ year: 2027, month: 1, day: 4 });
  });

  it('gives up on a calendar without any working day in reach', () => {
    const never = compileCalendar({ ...DEFAULT_BUSINESS_CALENDAR, workingDays: [1] });
    const closedMondays = { ...never, isWorkingDate: () => false, periodOn: () => undefined };
    expect(() => nextWorkingDate(closedMondays, { year: 2026, month: 1, day: 1 })).toThrow(RangeError);
  });
});
