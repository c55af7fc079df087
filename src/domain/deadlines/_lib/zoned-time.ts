import { tzOffset } from '@date-fns/tz';
import type { CivilDate } from './civil-date';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** A wall-clock reading in some time zone: the civil date and milliseconds since local midnight. */
export interface WallClock {
  readonly date: CivilDate;
  readonly msOfDay: number;
}

function offsetMs(timeZone: string, epochMs: number): number {
  return tzOffset(timeZone, new Date(epochMs)) * MS_PER_MINUTE;
}

/**
 * Reads the wall clock of `timeZone` at an instant.
 *
 * Uses `tzOffset` directly rather than a `TZDate` because the working-time loops call this a lot.
 *
 * @example
 * wallClockAt(Date.parse('2026-03-29T22:30:00Z'), 'Europe/Berlin')
 * // { date: { year: 2026, month: 3, day: 30 }, msOfDay: 30 * 60_000 }
 */
export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const localMs = epochMs + offsetMs(timeZone, epochMs);
  const local = new Date(localMs);
  const date = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
  return { date, msOfDay: localMs - Date.UTC(date.year, date.month - 1, date.day) };
}

/**
 * The instant a wall-clock time in `timeZone` denotes. `msOfDay` may be 24 h (the next midnight).
 *
 * Like Temporal's "compatible" disambiguation: a time repeated by a fall-back transition resolves to its
 * earlier occurrence; a time skipped by spring-forward moves forward by the gap (02:30 → 03:30 CEST).
 *
 * @example
 * new Date(instantOfWallClock({ year: 2026, month: 3, day: 30 }, 8 * 3_600_000, 'Europe/Berlin')).toISOString()
 * // '2026-03-30T06:00:00.000Z'
 */
export function instantOfWallClock(date: CivilDate, msOfDay: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day) + msOfDay;
  // Offsets a day either side: real zones never change offset twice within two days.
  const before = offsetMs(timeZone, asUtc - MS_PER_DAY);
  const after = offsetMs(timeZone, asUtc + MS_PER_DAY);
  const early = asUtc - before;
  if (before === after) return early;
  const late = asUtc - after;
  const earlyValid = offsetMs(timeZone, early) === before;
  const lateValid = offsetMs(timeZone, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  // In the gap: read with the offset before the transition, which lands after it.
  return early;
}
