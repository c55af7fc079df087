import type { BusinessCalendar } from '../business-calendar';
import { minutesOfTime } from '../business-calendar';
import { addCivilDays, civilDateKey, civilDayNumber, isoWeekday, parseCivilDate, type CivilDate } from './civil-date';
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
  /** ISO weekdays that are working days (all seven in 24x7). */
  readonly workingWeekdays: ReadonlySet<number>;
  /** The length of a working day on the wall clock (a day with a DST switch in its hours differs). */
  readonly nominalDayMs: number;
  /**
   * The days off that fall on working weekdays (public holidays, extra closed dates) after `from` up to and
   * including `to`, found by lookup — the cost grows with the years spanned, not the days.
   */
  closedWorkdaysBetween(from: CivilDate, to: CivilDate): CivilDate[];
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

  const closedWorkdaysBetween = (from: CivilDate, to: CivilDate): CivilDate[] => {
    if (alwaysWorking) return [];
    const lo = civilDayNumber(from);
    const hi = civilDayNumber(to);
    const keys = new Set<string>(closed);
    if (holidays) for (let year = from.year; year <= to.year; year++) for (const key of publicHolidayDates(holidays, year)) keys.add(key);
    const dates: CivilDate[] = [];
    for (const key of keys) {
      const date = parseCivilDate(key);
      if (!date) continue;
      const n = civilDayNumber(date);
      if (n > lo && n <= hi && weekdays.has(isoWeekday(date))) dates.push(date);
    }
    return dates;
  };

  return {
    timeZone,
    alwaysWorking,
    isWorkingDate,
    periodOn: (date) => (isWorkingDate(date) ? cachedPeriod(timeZone, date, startMs, endMs) : undefined),
    workingWeekdays: alwaysWorking ? new Set([1, 2, 3, 4, 5, 6, 7]) : weekdays,
    nominalDayMs: endMs - startMs,
    closedWorkdaysBetween,
  };
}

const MS_PER_DAY = 86_400_000;
const transitionCache = new Map<string, readonly CivilDate[]>();

function utcOffsetAt(epochMs: number, timeZone: string): number {
  const { date, msOfDay } = wallClockAt(epochMs, timeZone);
  return civilDayNumber(date) * MS_PER_DAY + msOfDay - epochMs;
}

/**
 * Local dates of a year on which the zone's UTC offset changes (DST switches), with the day before each
 * (a switch at midnight touches both). Sampled twice a month and bisected to the minute; cached per zone
 * and year (zone rules are the same for every site, so the cache holds nothing of any one site).
 */
function offsetChangeDates(timeZone: string, year: number): readonly CivilDate[] {
  const cacheKey = `${timeZone}|${year}`;
  let dates = transitionCache.get(cacheKey);
  if (dates) return dates;
  const found: CivilDate[] = [];
  const startOfYear = Date.UTC(year, 0, 1) - MS_PER_DAY;
  const endOfYear = Date.UTC(year + 1, 0, 1) + MS_PER_DAY;
  const step = 14 * MS_PER_DAY;
  for (let a = startOfYear; a < endOfYear; a += step) {
    let lo = a;
    let hi = Math.min(a + step, endOfYear);
    if (utcOffsetAt(lo, timeZone) === utcOffsetAt(hi, timeZone)) continue;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (utcOffsetAt(mid, timeZone) === utcOffsetAt(lo, timeZone)) lo = mid;
      else hi = mid;
    }
    found.push(wallClockAt(lo, timeZone).date, wallClockAt(hi, timeZone).date);
  }
  dates = found.filter((d) => d.year === year);
  transitionCache.set(cacheKey, dates);
  return dates;
}

/**
 * The working time of the days after `from` up to and including `to`, computed without visiting them:
 * whole weeks of the nominal week, minus the days off on working weekdays, corrected for the days whose
 * working hours contain a DST switch.
 */
export function workingTimeOfWeeks(calendar: CompiledCalendar, from: CivilDate, weeks: number): { to: CivilDate; ms: number } {
  const to = addCivilDays(from, 7 * weeks);
  let ms =
    weeks * calendar.workingWeekdays.size * calendar.nominalDayMs - calendar.closedWorkdaysBetween(from, to).length * calendar.nominalDayMs;
  const lo = civilDayNumber(from);
  const hi = civilDayNumber(to);
  const seen = new Set<number>();
  for (let year = from.year; year <= to.year; year++) {
    for (const date of offsetChangeDates(calendar.timeZone, year)) {
      const n = civilDayNumber(date);
      if (n <= lo || n > hi || seen.has(n)) continue;
      seen.add(n);
      const period = calendar.periodOn(date);
      if (period) ms += period.end - period.start - calendar.nominalDayMs;
    }
  }
  return { to, ms };
}

/** Working days after `from` up to and including `from + 7·weeks` days, without visiting them. */
export function workingDaysOfWeeks(calendar: CompiledCalendar, from: CivilDate, weeks: number): { to: CivilDate; days: number } {
  const to = addCivilDays(from, 7 * weeks);
  return { to, days: weeks * calendar.workingWeekdays.size - calendar.closedWorkdaysBetween(from, to).length };
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
