/**
 * A date on the wall calendar (no time, no zone). Working days and holidays are decided on this,
 * never on a UTC date, so 00:30 in Berlin counts for the Berlin day even though it is the previous UTC day.
 */
export interface CivilDate {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a civil date (proleptic Gregorian), handy for ordering and day arithmetic.
 *
 * @example
 * civilDayNumber({ year: 1970, month: 1, day: 2 }) // 1
 */
export function civilDayNumber(date: CivilDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY);
}

/**
 * The civil date `days` days after `date` (negative goes back). UTC arithmetic: a civil day has no DST.
 *
 * @example
 * addCivilDays({ year: 2026, month: 12, day: 31 }, 1) // { year: 2027, month: 1, day: 1 }
 */
export function addCivilDays(date: CivilDate, days: number): CivilDate {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/**
 * ISO weekday: 1 = Monday .. 7 = Sunday.
 *
 * @example
 * isoWeekday({ year: 2026, month: 3, day: 29 }) // 7 (a Sunday)
 */
export function isoWeekday(date: CivilDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/**
 * `YYYY-MM-DD`, the key used for holidays and closed dates.
 *
 * @example
 * civilDateKey({ year: 2026, month: 1, day: 6 }) // '2026-01-06'
 */
export function civilDateKey(date: CivilDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/**
 * Parses `YYYY-MM-DD`; undefined when malformed or not a real date (e.g. 2026-02-30).
 *
 * @example
 * parseCivilDate('2026-10-03') // { year: 2026, month: 10, day: 3 }
 */
export function parseCivilDate(text: string): CivilDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return civilDateKey(addCivilDays(date, 0)) === text ? date : undefined;
}
