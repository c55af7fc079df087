import type { BusinessCalendar } from './business-calendar';
import { compileCalendar, firstPeriodEndingAfter } from './_lib/working-periods';

/**
 * `date` itself when it is working time, otherwise the start of the next working period. This is where a
 * business time frame starts counting. In mode `24x7` always `date`.
 *
 * @example
 * // Friday 17:30 in Berlin → Monday 08:00
 * nextWorkingTime(DEFAULT_BUSINESS_CALENDAR, new Date('2026-03-27T16:30:00Z')) // 2026-03-30T06:00:00Z
 */
export function nextWorkingTime(calendar: BusinessCalendar, date: Date): Date {
  const compiled = compileCalendar(calendar);
  if (compiled.alwaysWorking) return new Date(date.getTime());
  const at = date.getTime();
  return new Date(Math.max(at, firstPeriodEndingAfter(compiled, at).period.start));
}
