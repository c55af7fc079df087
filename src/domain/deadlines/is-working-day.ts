import type { BusinessCalendar } from './business-calendar';
import { compileCalendar } from './_lib/working-periods';
import { wallClockAt } from './_lib/zoned-time';

/**
 * Whether the calendar's local date at `date` is a working day: a configured weekday that is neither a
 * public holiday of the calendar's region nor an extra closed date. In mode `24x7` every day is one.
 *
 * The local date is what counts: 2026-10-02T22:30Z is already 3 October (a holiday) in Berlin.
 *
 * @example
 * isWorkingDay(DEFAULT_BUSINESS_CALENDAR, new Date('2026-10-02T12:00:00Z')) // true (Friday)
 * isWorkingDay(DEFAULT_BUSINESS_CALENDAR, new Date('2026-10-02T22:30:00Z')) // false (3 Oct in Berlin)
 */
export function isWorkingDay(calendar: BusinessCalendar, date: Date): boolean {
  const compiled = compileCalendar(calendar);
  return compiled.isWorkingDate(wallClockAt(date.getTime(), compiled.timeZone).date);
}
