import { formatDuration } from 'date-fns';
import { de, enUS } from 'date-fns/locale';
import type { Locale } from '../process/process-template';

export interface FormatRemainingOptions {
  /** `short` (default): "2 h 15 min", "3 Tg. 2 Std."; `long`: date-fns words, "2 Stunden 15 Minuten". */
  readonly style?: 'short' | 'long';
  /** Length of the day unit. 24 by default; pass 9 for business time on an 08:00–17:00 calendar. */
  readonly hoursPerDay?: number;
}

const SHORT_UNITS: Record<Locale, { days: string; hours: string; minutes: string; underOneMinute: string }> = {
  en: { days: 'd', hours: 'h', minutes: 'min', underOneMinute: '< 1 min' },
  de: { days: 'Tg.', hours: 'Std.', minutes: 'Min.', underOneMinute: '< 1 Min.' },
};
const LONG_UNDER_ONE_MINUTE: Record<Locale, string> = { en: 'less than a minute', de: 'weniger als eine Minute' };
const DATE_FNS_LOCALES = { en: enUS, de } as const;

/**
 * Time left (or, negative, overdue) as short human text with the two largest units: days and hours, else
 * hours and minutes, else minutes. Rounds down to whole minutes so it never promises more time than there is.
 *
 * @example
 * formatRemaining(8_100_000, 'en') // '2 h 15 min'
 * formatRemaining(266_400_000, 'de') // '3 Tg. 2 Std.'
 * formatRemaining(8_100_000, 'de', { style: 'long' }) // '2 Stunden 15 Minuten'
 * formatRemaining(-1_800_000, 'en') // '-30 min'
 */
export function formatRemaining(ms: number, locale: Locale, options: FormatRemainingOptions = {}): string {
  const { style = 'short', hoursPerDay = 24 } = options;
  if (!Number.isFinite(ms)) throw new RangeError(`remaining time must be finite, got ${ms}`);
  if (!(hoursPerDay > 0 && hoursPerDay <= 24)) throw new RangeError(`hoursPerDay must be within (0, 24], got ${hoursPerDay}`);

  const sign = ms < 0 ? '-' : '';
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  if (totalMinutes === 0 && ms !== 0) {
    return sign + (style === 'long' ? LONG_UNDER_ONE_MINUTE[locale] : SHORT_UNITS[locale].underOneMinute);
  }

  const minutesPerDay = hoursPerDay * 60;
  const days = Math.floor(totalMinutes / minutesPerDay);
  const hours = Math.floor((totalMinutes - days * minutesPerDay) / 60);
  const minutes = Math.floor(totalMinutes - days * minutesPerDay - hours * 60);
  const parts = days > 0 ? { days, hours } : hours > 0 ? { hours, minutes } : { minutes };

  if (style === 'long') {
    const text = formatDuration(parts, { locale: DATE_FNS_LOCALES[locale], zero: totalMinutes === 0 });
    return sign + text;
  }
  const units = SHORT_UNITS[locale];
  const text = Object.entries(parts)
    .filter(([, value]) => value > 0 || totalMinutes === 0)
    .map(([unit, value]) => `${value} ${units[unit as keyof typeof parts]}`)
    .join(' ');
  return sign + text;
}
