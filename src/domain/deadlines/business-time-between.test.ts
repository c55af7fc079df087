import { DEFAULT_BUSINESS_CALENDAR, TWENTY_FOUR_SEVEN, type BusinessCalendar } from './business-calendar';
import { businessTimeBetween } from './business-time-between';

const H = 3_600_000;
const BERLIN = DEFAULT_BUSINESS_CALENDAR;
const d = (iso: string): Date => new Date(iso);

describe('businessTimeBetween', () => {
  it('counts only working hours over a weekend', () => {
    expect(businessTimeBetween(BERLIN, d('2026-01-16T16:30:00+01:00'), d('2026-01-19T09:30:00+01:00'))).toBe(2 * H);
  });

  it('counts a full working week as 45 hours', () => {
    expect(businessTimeBetween(BERLIN, d('2026-01-12T00:00:00+01:00'), d('2026-01-19T00:00:00+01:00'))).toBe(45 * H);
  });

  it('counts nothing over a holiday weekend', () => {
    expect(businessTimeBetween(BERLIN, d('2026-04-02T17:00:00+02:00'), d('2026-04-07T08:00:00+02:00'))).toBe(0);
  });

  it('counts a 9-hour day on both DST Mondays', () => {
    expect(businessTimeBetween(BERLIN, d('2026-03-27T17:00:00+01:00'), d('2026-03-30T23:00:00+02:00'))).toBe(9 * H);
    expect(businessTimeBetween(BERLIN, d('2026-10-23T17:00:00+02:00'), d('2026-10-26T23:00:00+01:00'))).toBe(9 * H);
  });

  it('counts the real length of the DST nights when working time covers the whole day', () => {
    const always: BusinessCalendar = { ...BERLIN, workingDays: [1, 2, 3, 4, 5, 6, 7], workingHours: { start: '00:00', end: '24:00' } };
    expect(businessTimeBetween(always, d('2026-03-29T00:00:00+01:00'), d('2026-03-30T00:00:00+02:00'))).toBe(23 * H);
    expect(businessTimeBetween(always, d('2026-10-25T00:00:00+02:00'), d('2026-10-26T00:00:00+01:00'))).toBe(25 * H);
  });

  it('is plain elapsed time in 24x7 mode', () => {
    expect(businessTimeBetween(TWENTY_FOUR_SEVEN, d('2026-12-24T00:00:00+01:00'), d('2026-12-27T00:00:00+01:00'))).toBe(72 * H);
  });

  it('is zero for an empty span and negative when reversed', () => {
    const at = d('2026-01-16T10:00:00+01:00');
    expect(businessTimeBetween(BERLIN, at, at)).toBe(0);
    expect(businessTimeBetween(BERLIN, d('2026-01-16T12:00:00+01:00'), at)).toBe(-2 * H);
    expect(businessTimeBetween(BERLIN, d('2026-01-17T12:00:00+01:00'), d('2026-01-17T10:00:00+01:00'))).toBe(0);
  });

  // How fast: test/bench/deadlines-bench.ts (npm run bench:deadlines).
  it('counts spans of years day by day, every holiday included', () => {
    const total = businessTimeBetween(BERLIN, d('2024-01-01T00:00:00+01:00'), d('2027-01-01T00:00:00+01:00'));
    // 2024–2026: 262 + 261 + 261 weekdays, minus 9 + 9 + 7 nationwide holidays on weekdays.
    expect(total).toBe(759 * 9 * H);
  });
});
