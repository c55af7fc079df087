import { DEFAULT_BUSINESS_CALENDAR, TWENTY_FOUR_SEVEN, type BusinessCalendar } from './business-calendar';
import { isWorkingDay } from './is-working-day';

const BAVARIA: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, holidays: { country: 'DE', state: 'BY' } };
// Noon in Berlin, so the UTC and local dates agree.
const noon = (day: string): Date => new Date(`${day}T10:00:00Z`);

describe('isWorkingDay', () => {
  it('is true on ordinary weekdays and false at weekends', () => {
    expect(isWorkingDay(DEFAULT_BUSINESS_CALENDAR, noon('2026-03-27'))).toBe(true);
    expect(isWorkingDay(DEFAULT_BUSINESS_CALENDAR, noon('2026-03-28'))).toBe(false);
    expect(isWorkingDay(DEFAULT_BUSINESS_CALENDAR, noon('2026-03-29'))).toBe(false);
  });

  it.each(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-12-25'])(
    'is false on the nationwide holiday %s',
    (day) => {
      expect(isWorkingDay(DEFAULT_BUSINESS_CALENDAR, noon(day))).toBe(false);
    },
  );

  it('keeps 6 January and Corpus Christi for Bavaria only', () => {
    expect(isWorkingDay(DEFAULT_BUSINESS_CALENDAR, noon('2026-01-06'))).toBe(true);
    expect(isWorkingDay(BAVARIA, noon('2026-01-06'))).toBe(false);
    expect(isWorkingDay(DEFAULT_BUSINESS_CALENDAR, noon('2026-06-04'))).toBe(true);
    expect(isWorkingDay(BAVARIA, noon('2026-06-04'))).toBe(false);
  });

  it('does not treat 24 or 31 December (bank holidays) as days off', () => {
    expect(isWorkingDay(DEFAULT_BUSINESS_CALENDAR, noon('2026-12-24'))).toBe(true);
    expect(isWorkingDay(DEFAULT_BUSINESS_CALENDAR, noon('2026-12-31'))).toBe(true);
  });

  it('judges the local date, not the UTC date', () => {
    // Friday 2 Oct 23:30 UTC is Saturday 3 Oct 01:30 in Berlin.
    expect(isWorkingDay(DEFAULT_BUSINESS_CALENDAR, new Date('2026-10-02T21:59:59Z'))).toBe(true);
    expect(isWorkingDay(DEFAULT_BUSINESS_CALENDAR, new Date('2026-10-02T22:00:00Z'))).toBe(false);
  });

  it('honours extra closed dates and custom weekdays', () => {
    const calendar: BusinessCalendar = {
      ...DEFAULT_BUSINESS_CALENDAR,
      workingDays: [1, 2, 3, 4, 5, 6],
      extraClosedDates: ['2026-12-24'],
    };
    expect(isWorkingDay(calendar, noon('2026-12-24'))).toBe(false);
    expect(isWorkingDay(calendar, noon('2026-03-28'))).toBe(true);
  });

  it('is true every day in 24x7 mode, holidays included', () => {
    expect(isWorkingDay(TWENTY_FOUR_SEVEN, noon('2026-12-25'))).toBe(true);
    expect(isWorkingDay(TWENTY_FOUR_SEVEN, noon('2026-03-29'))).toBe(true);
  });
});
