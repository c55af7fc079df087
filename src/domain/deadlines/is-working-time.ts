import type { BusinessCalendar } from './business-calendar';
import { compileCalendar } from './_lib/working-periods';
import { wallClockAt } from './_lib/zoned-time';

/**
 * Whether `date` falls in working time: on a working day, from the start of working hours (inclusive)
 * to their end (exclusive). In mode `24x7` always true.
 *
 * @example
 * isWorkingTime(DEFAULT_BUSINESS_CALENDAR, new Date('2026-03-27T07:00:00Z')) // true (Fri 08:00 Berlin)
 * isWorkingTime(DEFAULT_BUSINESS_CALENDAR, new Date('2026-03-27T16:00:00Z')) // false (Fri 17:00 Berlin)
 */
export function isWorkingTime(calendar: BusinessCalendar, date: Date): boolean {
  const compiled = compileCalendar(calendar);
  if (compiled.alwaysWorking) return true;
  const at = date.getTime();
  const period = compiled.periodOn(wallClockAt(at, compiled.timeZone).date);
  return period !== undefined && period.start <= at && at < period.end;
}
