import type { BusinessCalendar } from '../business-calendar';
import { minutesOfTime } from '../business-calendar';
import { addCivilDays, civilDateKey, isoWeekday, type CivilDate } from './civil-date';
import { publicHolidayDates } from './public-holidays';
import { instantOfWallClock, wallClockAt } from './zoned-time';

/** One day's working time as epoch milliseconds, `end` exclusive. */
export interface WorkingPeriod {
  readonly start: number;
  readonly end: number;
}

/** A calendar prepared for the day loops: sets instead of arrays, hours as milliseconds. */
export interface CompiledCalendar {
  readonly timeZone: string;
  /** Mode 24x7: every instant is working time. */
  readonly alwaysWorking: boolean;
  isWorkingDate(date: CivilDate): boolean;
  /** The day's working period, undefined on days off. */
  periodOn(date: CivilDate): WorkingPeriod | undefined;
}

const MS_PER_MINUTE = 60_000;
/** No calendar the schema accepts goes ten years without a working day; guards the loops anyway. */
export const MAX_SEARCH_DAYS = 3660;

// Zone conversions cost microseconds each; deadlines and reports revisit the same days constantly.
const periodCache = new Map<string, WorkingPeriod>();
const PERIOD_CACHE_LIMIT = 50_000;

function cachedPeriod(timeZone: string, date: CivilDate, startMs: number, endMs: number): WorkingPeriod {
  const key = `${timeZone}|${civilDateKey(date)}|${startMs}|${endMs}`;
  let period = periodCache.get(key);
  if (!period) {
    if (periodCache.size >= PERIOD_CACHE_LIMIT) periodCache.clear();
    const start = instantOfWallClock(date, startMs, timeZone);
    // Hours that straddle a DST gap could otherwise end before they start.
    period = { start, end: Math.max(start, instantOfWallClock(date, endMs, timeZone)) };
    periodCache.set(key, period);
  }
  return period;
}

/**
 * Prepares a calendar for repeated day lookups. Cheap; done once per public call so that a calendar
 * edited between calls is never served stale.
 *
 * @example
 * compileCalendar(DEFAULT_BUSINESS_CALENDAR).isWorkingDate({ year: 2026, month: 10, day: 3 }) // false
 */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const { timeZone, holidays } = calendar;
  const alwaysWorking = calendar.mode === '24x7';
  const weekdays = new Set(calendar.workingDays);
  const closed = new Set(calendar.extraClosedDates ?? []);
  const startMs = alwaysWorking ? 0 : minutesOfTime(calendar.workingHours.start) * MS_PER_MINUTE;
  const endMs = alwaysWorking ? 24 * 60 * MS_PER_MINUTE : minutesOfTime(calendar.workingHours.end) * MS_PER_MINUTE;

  const isWorkingDate = (date: CivilDate): boolean => {
    if (alwaysWorking) return true;
    if (!weekdays.has(isoWeekday(date))) return false;
    const key = civilDateKey(date);
    if (closed.has(key)) return false;
    return !(holidays && publicHolidayDates(holidays, date.year).has(key));
  };

  return {
    timeZone,
    alwaysWorking,
    isWorkingDate,
    periodOn: (date) => (isWorkingDate(date) ? cachedPeriod(timeZone, date, startMs, endMs) : undefined),
  };
}

/**
 * The first working day after `date` and its period.
 *
 * @example
 * // Thursday before Easter → Tuesday after Easter Monday
 * nextWorkingDate(compileCalendar(DEFAULT_BUSINESS_CALENDAR), { year: 2026, month: 4, day: 2 })
 */
export function nextWorkingDate(calendar: CompiledCalendar, date: CivilDate): { date: CivilDate; period: WorkingPeriod } {
  let next = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    next = addCivilDays(next, 1);
    const period = calendar.periodOn(next);
    if (period) return { date: next, period };
  }
  throw new RangeError(`no working day within ${MAX_SEARCH_DAYS} days`);
}

/**
 * The first working period that ends after `epochMs`: the one containing it, or the next one.
 *
 * @example
 * // Saturday noon → Monday 08:00–17:00
 * firstPeriodEndingAfter(compileCalendar(DEFAULT_BUSINESS_CALENDAR), Date.parse('2026-03-28T11:00:00Z'))
 */
export function firstPeriodEndingAfter(calendar: CompiledCalendar, epochMs: number): { date: CivilDate; period: WorkingPeriod } {
  let date = wallClockAt(epochMs, calendar.timeZone).date;
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    const period = calendar.periodOn(date);
    if (period && period.end > epochMs) return { date, period };
    date = addCivilDays(date, 1);
  }
  throw new RangeError(`no working time within ${MAX_SEARCH_DAYS} days`);
}
