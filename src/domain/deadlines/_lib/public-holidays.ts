import Holidays from 'date-holidays';
import { addCivilDays, civilDateKey, parseCivilDate } from './civil-date';

/** Where public holidays come from: a date-holidays country and optionally one of its states. */
export interface HolidayRegion {
  readonly country: string;
  readonly state?: string | undefined;
}

// Constructing Holidays parses the country's rules (milliseconds), so one instance per region.
const instances = new Map<string, Holidays>();
// Public holiday dates per region and year; a deadline loop asks about the same year over and over.
const publicDatesByYear = new Map<string, ReadonlySet<string>>();
let catalog: Holidays | undefined;

function regionKey(region: HolidayRegion): string {
  return region.state ? `${region.country}-${region.state}` : region.country;
}

function holidaysFor(region: HolidayRegion): Holidays {
  const key = regionKey(region);
  let instance = instances.get(key);
  if (!instance) {
    instance = region.state ? new Holidays(region.country, region.state) : new Holidays(region.country);
    instances.set(key, instance);
  }
  return instance;
}

/**
 * Whether date-holidays knows the country (and state, when given). Used to validate calendars.
 *
 * @example
 * isSupportedHolidayRegion({ country: 'DE', state: 'BY' }) // true
 * isSupportedHolidayRegion({ country: 'DE', state: 'XX' }) // false
 */
export function isSupportedHolidayRegion(region: HolidayRegion): boolean {
  catalog ??= new Holidays();
  if (!Object.hasOwn(catalog.getCountries(), region.country)) return false;
  if (region.state === undefined) return true;
  return Object.hasOwn(catalog.getStates(region.country) ?? {}, region.state);
}

/**
 * The `YYYY-MM-DD` dates of type `public` in a region and year. Other types (bank, school, observance,
 * optional) are not days off by law and do not stop a contract deadline.
 *
 * @example
 * publicHolidayDates({ country: 'DE', state: 'BY' }, 2026).has('2026-01-06') // true
 */
export function publicHolidayDates(region: HolidayRegion, year: number): ReadonlySet<string> {
  const key = `${regionKey(region)}|${year}`;
  let dates = publicDatesByYear.get(key);
  if (!dates) {
    const set = new Set<string>();
    for (const holiday of holidaysFor(region).getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const first = parseCivilDate(holiday.date.slice(0, 10));
      if (!first) continue;
      // A few countries have multi-day public holidays; count every day they cover.
      const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
      for (let i = 0; i < days; i++) set.add(civilDateKey(addCivilDays(first, i)));
    }
    dates = set;
    publicDatesByYear.set(key, dates);
  }
  return dates;
}
