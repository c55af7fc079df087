import type { CompiledCalendar } from './working-periods';
import { firstPeriodEndingAfter, nextWorkingDate, workingTimeOfWeeks } from './working-periods';

/**
 * Adds `ms` of working time to `startMs`. A start outside working time begins at the next period start.
 * When the time runs out exactly at a period end, that end is the result (17:00, not next 08:00), which
 * keeps the operation additive.
 *
 * Whole weeks are added at once (nominal week, minus days off by lookup, plus DST corrections), then the
 * rest period by period: the cost does not grow with the distance.
 *
 * @example
 * // Friday 16:30 + 2 h in Berlin → Monday 09:30
 * addWorkingTime(compileCalendar(DEFAULT_BUSINESS_CALENDAR), Date.parse('2026-03-27T15:30:00Z'), 7_200_000)
 */
export function addWorkingTime(calendar: CompiledCalendar, startMs: number, ms: number): number {
  if (calendar.alwaysWorking) return startMs + ms;
  let { date, period } = firstPeriodEndingAfter(calendar, startMs);
  let from = Math.max(startMs, period.start);
  let remaining = ms;
  const available = period.end - from;
  if (remaining <= available) return from + remaining;
  remaining -= available;
  // Jump whole weeks while at least two are left; the jump never uses up all that is left, so the periods
  // stepped afterwards end exactly where stepping from the start would.
  const week = calendar.workingWeekdays.size * calendar.nominalDayMs;
  for (let jumps = 0; week > 0 && remaining > 2 * week && jumps < 64; jumps++) {
    const jump = workingTimeOfWeeks(calendar, date, Math.floor(remaining / week) - 1);
    if (jump.ms >= remaining) break;
    date = jump.to;
    remaining -= jump.ms;
  }
  ({ date, period } = nextWorkingDate(calendar, date));
  from = period.start;
  for (;;) {
    const available = period.end - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
    ({ date, period } = nextWorkingDate(calendar, date));
    from = period.start;
  }
}
