import fc from 'fast-check';
import type { Duration } from '../process/process-template';
import { addBusinessDuration } from './add-business-duration';
import { DEFAULT_BUSINESS_CALENDAR, TWENTY_FOUR_SEVEN, businessCalendarSchema, type BusinessCalendar } from './business-calendar';
import { businessTimeBetween } from './business-time-between';
import { isWorkingDay } from './is-working-day';
import { isWorkingTime } from './is-working-time';
import { nextWorkingTime } from './next-working-time';

/**
 * Properties over random instants 2024–2028, biased towards DST switches (Europe and US), Easter, Christmas
 * and year ends, on calendars with different zones, hours, weekdays and holiday regions.
 */

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const RUNS = { numRuns: 120 };

const CALENDARS: readonly BusinessCalendar[] = [
  DEFAULT_BUSINESS_CALENDAR,
  { ...DEFAULT_BUSINESS_CALENDAR, holidays: { country: 'DE', state: 'BY' }, extraClosedDates: ['2026-12-24', '2026-12-31'] },
  // Seven days a week, so the DST Sundays themselves are counted.
  { ...DEFAULT_BUSINESS_CALENDAR, workingDays: [1, 2, 3, 4, 5, 6, 7], workingHours: { start: '06:15', end: '22:45' } },
  // Business-hours mode that covers whole days: the DST nights are working time.
  { ...DEFAULT_BUSINESS_CALENDAR, workingDays: [1, 2, 3, 4, 5, 6, 7], workingHours: { start: '00:00', end: '24:00' }, holidays: null },
  {
    timeZone: 'America/New_York',
    mode: 'business-hours',
    workingDays: [1, 2, 3, 4, 5, 6],
    workingHours: { start: '09:30', end: '18:15' },
    holidays: { country: 'US' },
  },
].map((calendar) => businessCalendarSchema.parse(calendar));

const ANCHORS = [
  // Europe/Berlin DST switches
  '2024-03-31T01:00:00Z',
  '2024-10-27T01:00:00Z',
  '2025-03-30T01:00:00Z',
  '2025-10-26T01:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2027-03-28T01:00:00Z',
  '2027-10-31T01:00:00Z',
  // America/New_York DST switches
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  // Easter, Christmas, year end, Epiphany
  '2025-04-18T10:00:00Z',
  '2026-04-03T10:00:00Z',
  '2027-03-26T10:00:00Z',
  '2028-04-14T10:00:00Z',
  '2025-12-24T15:00:00Z',
  '2026-12-24T15:00:00Z',
  '2027-12-31T15:00:00Z',
  '2026-01-06T10:00:00Z',
].map((iso) => Date.parse(iso));

const instant = fc.oneof(
  fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') }),
  fc.tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -4 * DAY, max: 4 * DAY })).map(([at, offset]) => at + offset),
);
const calendar = fc.constantFrom(...CALENDARS);
const daytimeCalendar = fc.constantFrom(...CALENDARS.filter((c) => c.workingHours.start >= '06:00'));
const timeUnit = fc.constantFrom('minutes' as const, 'hours' as const);
const amountFor = (unit: Duration['unit']): number =>
  ({ minutes: 3000, hours: 150, workingDays: 40, calendarDays: 60, months: 14, years: 3 })[unit];
const anyDuration = fc
  .constantFrom<Duration['unit']>('minutes', 'hours', 'workingDays', 'calendarDays', 'months', 'years')
  .chain((unit) => fc.integer({ min: 1, max: amountFor(unit) }).map((amount): Duration => ({ amount, unit })));
const frame = fc.constantFrom('business' as const, 'continuous' as const);
const msOf = (duration: Duration): number => duration.amount * (duration.unit === 'minutes' ? MIN : H);

const add = (c: BusinessCalendar, at: number, duration: Duration, f: 'business' | 'continuous' = 'business'): number =>
  addBusinessDuration(c, new Date(at), duration, f).getTime();

describe('addBusinessDuration properties', () => {
  it('never ends before the start', () => {
    fc.assert(
      fc.property(calendar, instant, anyDuration, frame, (c, at, duration, f) => add(c, at, duration, f) >= at),
      RUNS,
    );
  });

  it('is monotonic in the start for minutes and hours', () => {
    const duration = timeUnit.chain((unit) => fc.integer({ min: 1, max: amountFor(unit) }).map((amount): Duration => ({ amount, unit })));
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 3 * DAY }), duration, frame, (c, at, delta, d, f) => {
        expect(add(c, at, d, f)).toBeLessThanOrEqual(add(c, at + delta, d, f));
      }),
      RUNS,
    );
  });

  // Same-local-time units can map a repeated fall-back hour backwards, so only calendars whose working
  // hours avoid the night; months and years are left out for month-end clamping (see the unit tests).
  it('is monotonic in the start for working days and business calendar days on daytime calendars', () => {
    const duration = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((amount): Duration => ({ amount, unit: 'workingDays' })),
      fc.integer({ min: 1, max: 60 }).map((amount): Duration => ({ amount, unit: 'calendarDays' })),
    );
    fc.assert(
      fc.property(daytimeCalendar, instant, fc.integer({ min: 0, max: 3 * DAY }), duration, (c, at, delta, d) => {
        expect(add(c, at, d)).toBeLessThanOrEqual(add(c, at + delta, d));
      }),
      RUNS,
    );
  });

  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(calendar, instant, anyDuration, fc.integer({ min: 0, max: 50 }), frame, (c, at, duration, more, f) => {
        const longer = { ...duration, amount: duration.amount + more };
        expect(add(c, at, duration, f)).toBeLessThanOrEqual(add(c, at, longer, f));
      }),
      RUNS,
    );
  });

  it('is additive for business minutes', () => {
    const amount = fc.integer({ min: 1, max: 3000 });
    fc.assert(
      fc.property(calendar, instant, amount, amount, (c, at, a, b) => {
        const stepwise = add(c, add(c, at, { amount: a, unit: 'minutes' }), { amount: b, unit: 'minutes' });
        expect(stepwise).toBe(add(c, at, { amount: a + b, unit: 'minutes' }));
      }),
      RUNS,
    );
  });

  it('ends inside working time or exactly at the end of a working period (business frames)', () => {
    const businessDuration = fc.oneof(
      timeUnit.chain((unit) => fc.integer({ min: 1, max: amountFor(unit) }).map((amount): Duration => ({ amount, unit }))),
      fc.integer({ min: 0, max: 40 }).map((amount): Duration => ({ amount, unit: 'workingDays' })),
    );
    const inWorkingTimeOrAtEnd = (c: BusinessCalendar, end: number): boolean =>
      isWorkingTime(c, new Date(end)) || isWorkingTime(c, new Date(end - 1));
    fc.assert(
      fc.property(calendar, instant, businessDuration, (c, at, duration) => inWorkingTimeOrAtEnd(c, add(c, at, duration))),
      RUNS,
    );
    // Calendar units keep the normalised local time, which is working time when the hours avoid the DST night.
    fc.assert(
      fc.property(daytimeCalendar, instant, anyDuration, (c, at, duration) => inWorkingTimeOrAtEnd(c, add(c, at, duration))),
      RUNS,
    );
  });

  it('is undone by businessTimeBetween for business minutes and hours', () => {
    fc.assert(
      fc.property(calendar, instant, timeUnit, fc.integer({ min: 1, max: 3000 }), (c, at, unit, raw) => {
        const duration: Duration = { unit, amount: Math.min(raw, amountFor(unit)) };
        expect(businessTimeBetween(c, new Date(at), new Date(add(c, at, duration)))).toBe(msOf(duration));
      }),
      RUNS,
    );
  });

  it('counts N working days as N full working days of the same local time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (at, days) => {
        const c = DEFAULT_BUSINESS_CALENDAR;
        const end = add(c, at, { amount: days, unit: 'workingDays' });
        expect(isWorkingDay(c, new Date(end))).toBe(true);
        // 08:00–17:00 every working day: N working days are exactly N × 9 working hours.
        expect(businessTimeBetween(c, nextWorkingTime(c, new Date(at)), new Date(end))).toBe(days * 9 * H);
      }),
      RUNS,
    );
  });

  it('is plain millisecond addition for minutes and hours in 24x7 mode and in continuous frames', () => {
    fc.assert(
      fc.property(calendar, instant, timeUnit, fc.integer({ min: 1, max: 3000 }), frame, (c, at, unit, amount, f) => {
        const duration: Duration = { unit, amount };
        expect(add(TWENTY_FOUR_SEVEN, at, duration, f)).toBe(at + msOf(duration));
        expect(add(c, at, duration, 'continuous')).toBe(at + msOf(duration));
      }),
      RUNS,
    );
  });
});

describe('businessTimeBetween properties', () => {
  it('is additive over adjacent spans and antisymmetric', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 0, max: 10 * DAY }), (c, a, x, y) => {
        const [from, mid, to] = [new Date(a), new Date(a + x), new Date(a + x + y)];
        expect(businessTimeBetween(c, from, mid) + businessTimeBetween(c, mid, to)).toBe(businessTimeBetween(c, from, to));
        expect(businessTimeBetween(c, to, from)).toBe(-businessTimeBetween(c, from, to) || 0);
      }),
      RUNS,
    );
  });

  it('never exceeds elapsed time and equals it in 24x7 mode', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 20 * DAY }), (c, a, x) => {
        const working = businessTimeBetween(c, new Date(a), new Date(a + x));
        expect(working).toBeGreaterThanOrEqual(0);
        expect(working).toBeLessThanOrEqual(x);
        expect(businessTimeBetween(TWENTY_FOUR_SEVEN, new Date(a), new Date(a + x))).toBe(x);
      }),
      RUNS,
    );
  });
});
