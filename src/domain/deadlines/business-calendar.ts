import { z } from 'zod';
import { parseCivilDate } from './_lib/civil-date';
import { isSupportedHolidayRegion } from './_lib/public-holidays';

const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
// The end may be 24:00 so that a day can run until midnight.
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/**
 * Whether the runtime knows an IANA zone name. Offsets like "+01:00" are refused: they do not follow DST.
 *
 * @example
 * isValidTimeZone('Europe/Berlin') // true
 * isValidTimeZone('Europe/Bonn') // false
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes since local midnight of an `HH:mm` string already checked by the schema. */
export function minutesOfTime(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export const holidayRegionSchema = z
  .object({ country: z.string().min(2), state: z.string().min(1).optional() })
  .refine(isSupportedHolidayRegion, { message: 'unknown holiday country or state (date-holidays codes, e.g. DE / BY)' });

export const businessCalendarSchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, { message: 'unknown IANA time zone' }),
  /** `24x7`: every instant is working time; workingDays, workingHours and holidays are then ignored. */
  mode: z.enum(['business-hours', '24x7']),
  /** ISO weekdays, 1 = Monday .. 7 = Sunday. */
  workingDays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .refine((days) => new Set(days).size === days.length, { message: 'duplicate working day' }),
  /** Local wall-clock hours, the same on every working day; `end` is exclusive and may be `24:00`. */
  workingHours: z
    .object({ start: z.string().regex(START_TIME), end: z.string().regex(END_TIME) })
    .refine((hours) => minutesOfTime(hours.start) < minutesOfTime(hours.end), { message: 'start must be before end' }),
  /** Public holidays (type `public` only) of a date-holidays region; null for none. */
  holidays: holidayRegionSchema.nullable(),
  /** Further whole days off (company holidays, bridge days), as local `YYYY-MM-DD`. */
  extraClosedDates: z.array(z.string().refine((text) => parseCivilDate(text) !== undefined, { message: 'expected YYYY-MM-DD' })).optional(),
});

/** The working-time calendar a project's deadlines are counted on. */
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

// Presets are shared module state: freeze them so no caller can change every project's calendar.
function freezeCalendar(calendar: BusinessCalendar): BusinessCalendar {
  Object.freeze(calendar.workingDays);
  Object.freeze(calendar.workingHours);
  if (calendar.holidays) Object.freeze(calendar.holidays);
  if (calendar.extraClosedDates) Object.freeze(calendar.extraClosedDates);
  return Object.freeze(calendar);
}

/**
 * German office hours: Europe/Berlin, Monday to Friday 08:00–17:00, nationwide public holidays.
 *
 * @example
 * addBusinessDuration(DEFAULT_BUSINESS_CALENDAR, start, { amount: 2, unit: 'hours' }, 'business')
 */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = freezeCalendar({
  timeZone: 'Europe/Berlin',
  mode: 'business-hours',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '08:00', end: '17:00' },
  holidays: { country: 'DE' },
});

/**
 * Around the clock, every day. Berlin is kept as the zone so that calendar days and months still follow
 * German wall-clock time across DST.
 *
 * @example
 * addBusinessDuration(TWENTY_FOUR_SEVEN, start, { amount: 2, unit: 'hours' }, 'business') // start + 2 h
 */
export const TWENTY_FOUR_SEVEN: BusinessCalendar = freezeCalendar({
  timeZone: 'Europe/Berlin',
  mode: '24x7',
  workingDays: [1, 2, 3, 4, 5, 6, 7],
  workingHours: { start: '00:00', end: '24:00' },
  holidays: null,
});
