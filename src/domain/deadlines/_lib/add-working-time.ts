import type { CompiledCalendar } from './working-periods';
import { firstPeriodEndingAfter, nextWorkingDate } from './working-periods';

/**
 * Adds `ms` of working time to `startMs`. A start outside working time begins at the next period start.
 * When the time runs out exactly at a period end, that end is the result (17:00, not next 08:00), which
 * keeps the operation additive.
 *
 * Walks period by period (one per working day), so the cost grows with days, not minutes.
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
  for (;;) {
    const available = period.end - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
    ({ date, period } = nextWorkingDate(calendar, date));
    from = period.start;
  }
}
