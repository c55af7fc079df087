import { DEFAULT_BUSINESS_CALENDAR, TWENTY_FOUR_SEVEN, type BusinessCalendar } from './business-calendar';
import { isWorkingTime } from './is-working-time';

const berlin = (local: string, offset = '+01:00'): Date => new Date(`${local}${offset}`);

describe('isWorkingTime', () => {
  it('includes the start and excludes the end of working hours', () => {
    expect(isWorkingTime(DEFAULT_BUSINESS_CALENDAR, berlin('2026-03-27T07:59:59.999'))).toBe(false);
    expect(isWorkingTime(DEFAULT_BUSINESS_CALENDAR, berlin('2026-03-27T08:00:00'))).toBe(true);
    expect(isWorkingTime(DEFAULT_BUSINESS_CALENDAR, berlin('2026-03-27T16:59:59.999'))).toBe(true);
    expect(isWorkingTime(DEFAULT_BUSINESS_CALENDAR, berlin('2026-03-27T17:00:00'))).toBe(false);
  });

  it('uses local hours in summer time', () => {
    expect(isWorkingTime(DEFAULT_BUSINESS_CALENDAR, berlin('2026-03-30T08:00:00', '+02:00'))).toBe(true);
    expect(isWorkingTime(DEFAULT_BUSINESS_CALENDAR, new Date('2026-03-30T07:59:00+01:00'))).toBe(true); // 07:59 at +01:00 is 08:59 CEST
    expect(isWorkingTime(DEFAULT_BUSINESS_CALENDAR, new Date('2026-03-30T05:59:00Z'))).toBe(false); // 07:59 CEST
  });

  it('is false on holidays and weekends', () => {
    expect(isWorkingTime(DEFAULT_BUSINESS_CALENDAR, berlin('2026-04-03T10:00:00', '+02:00'))).toBe(false);
    expect(isWorkingTime(DEFAULT_BUSINESS_CALENDAR, berlin('2026-03-28T10:00:00'))).toBe(false);
  });

  it('works with a day that runs until midnight', () => {
    const late: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, workingHours: { start: '20:00', end: '24:00' } };
    expect(isWorkingTime(late, berlin('2026-03-27T23:59:59'))).toBe(true);
    expect(isWorkingTime(late, berlin('2026-03-28T00:00:00'))).toBe(false);
  });

  it('is always true in 24x7 mode', () => {
    expect(isWorkingTime(TWENTY_FOUR_SEVEN, berlin('2026-12-25T03:00:00'))).toBe(true);
  });
});
