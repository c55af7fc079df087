import type { CompiledCalendar } from './working-periods';
import { firstPeriodEndingAfter, nextWorkingDate, workingDaysOfWeeks } from './working-periods';
import { instantOfWallClock, wallClockAt } from './zoned-time';

/**
 * Adds whole working days: the same local time of day on the `days`-th next working day.
 *
 * The start is first normalised to working time (evening, weekend or holiday → next working start), so
 * the result always lies in working time: Fri 16:30 + 1 → Mon 16:30; Fri 18:00 + 1 → Tue 08:00.
 * In mode 24x7 every day is a working day, so this is plain wall-clock day arithmetic.
 *
 * Whole weeks are added at once (their days off looked up), then the rest day by day: the cost does not
 * grow with the number of days.
 *
 * @example
 * // Thursday before Easter 10:00 + 1 working day in Berlin → Tuesday 10:00
 * addWorkingDays(compileCalendar(DEFAULT_BUSINESS_CALENDAR), Date.parse('2026-04-02T08:00:00Z'), 1)
 */
export function addWorkingDays(calendar: CompiledCalendar, startMs: number, days: number): number {
  const first = firstPeriodEndingAfter(calendar, startMs);
  const from = Math.max(startMs, first.period.start);
  const { msOfDay } = wallClockAt(from, calendar.timeZone);
  let date = first.date;
  let left = days;
  // Whole weeks at once while more than a week is left; never all of it, so the last steps find the day.
  const perWeek = calendar.workingWeekdays.size;
  for (let jumps = 0; left > perWeek && jumps < 64; jumps++) {
    const jump = workingDaysOfWeeks(calendar, date, Math.floor((left - 1) / perWeek));
    date = jump.to;
    left -= jump.days;
  }
  for (let i = 0; i < left; i++) date = nextWorkingDate(calendar, date).date;
  return instantOfWallClock(date, msOfDay, calendar.timeZone);
}
