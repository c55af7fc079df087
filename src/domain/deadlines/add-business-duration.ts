import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addYears } from 'date-fns';
import type { Duration, TimeFrame } from '../process/process-template';
import type { BusinessCalendar } from './business-calendar';
import { addWorkingDays } from './_lib/add-working-days';
import { addWorkingTime } from './_lib/add-working-time';
import { epochMs } from './_lib/epoch-ms';
import { compileCalendar, firstPeriodEndingAfter, nextWorkingDate, type CompiledCalendar } from './_lib/working-periods';
import { wallClockAt } from './_lib/zoned-time';

/** How a time frame is counted: on the calendar's working time, or around the clock. */
export type TimeFrameCalendar = TimeFrame['calendar'];

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

/** Calendar units: wall-clock arithmetic in the calendar's zone, then (business frames) onto a working day. */
function addCalendarUnits(calendar: CompiledCalendar, startMs: number, business: boolean, add: (date: TZDate) => Date): number {
  const from = business ? Math.max(startMs, firstPeriodEndingAfter(calendar, startMs).period.start) : startMs;
  const shifted = add(new TZDate(from, calendar.timeZone)).getTime();
  if (!business) return shifted;
  // Like § 193 BGB, a period ending on a day off runs on to the next working day. It ends at that day's
  // working start: keeping the time of day would let a later start yield an earlier deadline.
  const { date } = wallClockAt(shifted, calendar.timeZone);
  if (calendar.isWorkingDate(date)) return shifted;
  return nextWorkingDate(calendar, date).period.start;
}

/**
 * The instant a time frame of `duration` that starts at `start` runs out (the deadline).
 *
 * `timeFrameCalendar` `'business'` counts on the calendar's working time; `'continuous'` counts around the
 * clock. A calendar in mode `24x7` counts every frame continuously.
 *
 * - `minutes` / `hours`: business → working time only; a start outside working time begins at the next
 *   working start; running out exactly at the end of a working day gives that end (17:00, not 08:00 next
 *   day). Continuous → elapsed real time (2 h across the DST switch are 2 real hours).
 * - `workingDays`: always counted on the calendar's working days (the unit itself names them). The start is
 *   normalised to working time first, then the result is the same local time of day on the N-th next
 *   working day: Fri 16:30 + 1 → Mon 16:30; Sat 10:00 + 1 → Tue 08:00.
 * - `calendarDays` / `months` / `years`: wall-clock arithmetic in the calendar's time zone (+1 day across
 *   DST keeps the local time; 31 Jan + 1 month = 28/29 Feb). In business frames the start is normalised
 *   to working time first, and a result on a day off moves to the start of the next working day.
 *   Wall-clock arithmetic is not strictly monotonic in the start: month ends clamp (30 Jan 16:00 and
 *   31 Jan 09:00 + 1 month give 28 Feb 16:00 and 09:00), and a repeated fall-back hour maps back.
 *
 * An amount of 0 returns the start (normalised to working time for business counting).
 *
 * @example
 * // Friday 16:30 + 2 business hours in Berlin → Monday 09:30
 * addBusinessDuration(DEFAULT_BUSINESS_CALENDAR, new Date('2026-03-27T16:30:00+01:00'), { amount: 2, unit: 'hours' }, 'business')
 * // → 2026-03-30T09:30:00+02:00
 */
export function addBusinessDuration(
  calendar: BusinessCalendar,
  start: Date,
  duration: Duration,
  timeFrameCalendar: TimeFrameCalendar,
): Date {
  const { amount, unit } = duration;
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`duration amount must be a non-negative integer, got ${amount}`);
  }
  const startMs = epochMs(start, 'start');
  const compiled = compileCalendar(calendar);
  const business = timeFrameCalendar === 'business' && !compiled.alwaysWorking;

  switch (unit) {
    case 'minutes':
    case 'hours': {
      const ms = amount * (unit === 'minutes' ? MS_PER_MINUTE : MS_PER_HOUR);
      return new Date(business ? addWorkingTime(compiled, startMs, ms) : startMs + ms);
    }
    case 'workingDays':
      return new Date(addWorkingDays(compiled, startMs, amount));
    case 'calendarDays':
      return new Date(addCalendarUnits(compiled, startMs, business, (date) => addDays(date, amount)));
    case 'months':
      return new Date(addCalendarUnits(compiled, startMs, business, (date) => addMonths(date, amount)));
    case 'years':
      return new Date(addCalendarUnits(compiled, startMs, business, (date) => addYears(date, amount)));
  }
}
