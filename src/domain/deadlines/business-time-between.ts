import type { BusinessCalendar } from './business-calendar';
import { civilDayNumber, addCivilDays } from './_lib/civil-date';
import { epochMs } from './_lib/epoch-ms';
import { compileCalendar, type CompiledCalendar } from './_lib/working-periods';
import { wallClockAt } from './_lib/zoned-time';

function workingMsBetween(calendar: CompiledCalendar, fromMs: number, toMs: number): number {
  if (calendar.alwaysWorking) return toMs - fromMs;
  const lastDay = civilDayNumber(wallClockAt(toMs, calendar.timeZone).date);
  let total = 0;
  for (let date = wallClockAt(fromMs, calendar.timeZone).date; civilDayNumber(date) <= lastDay; date = addCivilDays(date, 1)) {
    const period = calendar.periodOn(date);
    if (period) total += Math.max(0, Math.min(toMs, period.end) - Math.max(fromMs, period.start));
  }
  return total;
}

/**
 * Working milliseconds in `[from, to)` on the calendar, e.g. the business time an escalation spent at a
 * level. In mode `24x7` this is `to - from`. Negative when `to` is before `from`.
 *
 * Inverse of {@link addBusinessDuration} for business minutes and hours:
 * `businessTimeBetween(c, s, addBusinessDuration(c, s, d, 'business')) === d` in ms.
 *
 * @example
 * // Friday 16:30 → Monday 09:30 in Berlin: 30 min + 90 min
 * businessTimeBetween(DEFAULT_BUSINESS_CALENDAR, new Date('2026-03-27T16:30:00+01:00'), new Date('2026-03-30T09:30:00+02:00'))
 * // → 7_200_000
 */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const fromMs = epochMs(from, 'from');
  const toMs = epochMs(to, 'to');
  const compiled = compileCalendar(calendar);
  // `0 -` rather than unary minus: an empty span should be 0, not -0.
  return toMs >= fromMs ? workingMsBetween(compiled, fromMs, toMs) : 0 - workingMsBetween(compiled, toMs, fromMs);
}
