import type { Locale } from '../process/process-template';

export interface ReportFormat {
  /** An instant as local date and time in the project's zone, e.g. `02.03.2026, 09:00`. */
  readonly at: (iso: string | undefined) => string;
  /** A duration, e.g. `2 d 3 h 15 min` / `2 T 3 Std. 15 Min.`. */
  readonly duration: (ms: number) => string;
  /** Working hours, e.g. `12.5 h` / `12,5 Std.`. */
  readonly hours: (ms: number) => string;
}

/**
 * Formatting for one report, built once (Intl formatters are costly to make and cheap to use).
 *
 * @example
 * const f = reportFormat('en', 'Europe/Berlin');
 * f.at('2026-03-02T08:00:00Z') // '02 Mar 2026, 09:00'
 */
export function reportFormat(locale: Locale, timeZone: string): ReportFormat {
  const dateTime = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: locale === 'de' ? '2-digit' : 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const number = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  const units = locale === 'de' ? { d: 'T', h: 'Std.', m: 'Min.' } : { d: 'd', h: 'h', m: 'min' };
  return {
    at: (iso) => (iso ? dateTime.format(Date.parse(iso)) : '—'),
    duration: (ms) => {
      const minutes = Math.max(0, Math.round(ms / 60_000));
      const d = Math.floor(minutes / 1440);
      const h = Math.floor((minutes % 1440) / 60);
      const m = minutes % 60;
      const parts = [d ? `${d} ${units.d}` : '', h ? `${h} ${units.h}` : '', m || (!d && !h) ? `${m} ${units.m}` : ''];
      return parts.filter(Boolean).join(' ');
    },
    hours: (ms) => `${number.format(Math.max(0, ms) / 3_600_000)} ${units.h}`,
  };
}
