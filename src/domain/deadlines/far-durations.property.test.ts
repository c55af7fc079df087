import fc from 'fast-check';
import { DEFAULT_BUSINESS_CALENDAR, businessCalendarSchema, type BusinessCalendar } from './business-calendar';
import { addWorkingDays } from './_lib/add-working-days';
import { addWorkingTime } from './_lib/add-working-time';
import { instantOfWallClock, wallClockAt } from './_lib/zoned-time';
import { compileCalendar, firstPeriodEndingAfter, nextWorkingDate, type CompiledCalendar } from './_lib/working-periods';

/** The arithmetic as it was: one working day per step. The fast one must agree with it everywhere. */
function steppedWorkingTime(calendar: CompiledCalendar, startMs: number, ms: number): number {
  let { date, period } = firstPeriodEndingAfter(calendar, startMs);
  let from = Math.max(startMs, period.start);
  let remaining = ms;
  for (;;) {
    const available = period.end - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
    ({ date, period } = nextWorkingDate(calendar, date));
    from = period.start;
  }
}

function steppedWorkingDays(calendar: CompiledCalendar, startMs: number, days: number): number {
  const first = firstPeriodEndingAfter(calendar, startMs);
  const { msOfDay } = wallClockAt(Math.max(startMs, first.period.start), calendar.timeZone);
  let date = first.date;
  for (let i = 0; i < days; i++) date = nextWorkingDate(calendar, date).date;
  return instantOfWallClock(date, msOfDay, calendar.timeZone);
}

const CALENDARS: readonly BusinessCalendar[] = [
  DEFAULT_BUSINESS_CALENDAR,
  { ...DEFAULT_BUSINESS_CALENDAR, holidays: { country: 'DE', state: 'BY' }, extraClosedDates: ['2026-12-24', '2026-12-31', '2027-05-07'] },
  // Whole days in business-hours mode: every DST switch falls into working time.
  { ...DEFAULT_BUSINESS_CALENDAR, workingDays: [1, 2, 3, 4, 5, 6, 7], workingHours: { start: '00:00', end: '24:00' }, holidays: null },
  { ...DEFAULT_BUSINESS_CALENDAR, workingDays: [1, 2, 3, 4, 5, 6, 7], workingHours: { start: '01:30', end: '03:30' } },
  {
    timeZone: 'America/New_York',
    mode: 'business-hours',
    workingDays: [1, 2, 3, 4, 5, 6],
    workingHours: { start: '09:30', end: '18:15' },
    holidays: { country: 'US' },
  },
].map((calendar) => businessCalendarSchema.parse(calendar));

const calendar = fc.constantFrom(...CALENDARS);
const start = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') });

describe('adding far-away business time', () => {
  it('adds hours and minutes in whole weeks and gets what stepping day by day gets', () => {
    fc.assert(
      fc.property(calendar, start, fc.integer({ min: 0, max: 8_760 * 60 }), (cal, startMs, minutes) => {
        const compiled = compileCalendar(cal);
        expect(addWorkingTime(compiled, startMs, minutes * 60_000)).toBe(steppedWorkingTime(compiled, startMs, minutes * 60_000));
      }),
      { numRuns: 150 },
    );
  });

  it('adds working days in whole weeks and gets what stepping day by day gets', () => {
    fc.assert(
      fc.property(calendar, start, fc.integer({ min: 0, max: 366 }), (cal, startMs, days) => {
        const compiled = compileCalendar(cal);
        expect(addWorkingDays(compiled, startMs, days)).toBe(steppedWorkingDays(compiled, startMs, days));
      }),
      { numRuns: 150 },
    );
  });

  it('visits a bounded number of days however far the deadline (the longest frame the settings allow)', () => {
    const compiled = compileCalendar(CALENDARS[1]!);
    let visited = 0;
    const counting: CompiledCalendar = {
      ...compiled,
      periodOn: (date) => {
        visited++;
        return compiled.periodOn(date);
      },
    };
    const startMs = Date.parse('2026-03-02T08:00:00Z');
    const far = addWorkingTime(counting, startMs, 8_760 * 3_600_000);
    expect(visited).toBeLessThan(60);
    visited = 0;
    expect(addWorkingDays(counting, startMs, 366)).toBe(steppedWorkingDays(compiled, startMs, 366));
    expect(visited).toBeLessThan(60);
    expect(far).toBe(steppedWorkingTime(compiled, startMs, 8_760 * 3_600_000));
  });
});
