import { addBusinessDuration } from './add-business-duration';
import { businessTimeBetween } from './business-time-between';
import { DEFAULT_BUSINESS_CALENDAR, TWENTY_FOUR_SEVEN, type BusinessCalendar } from './business-calendar';
import type { Duration } from '../process/process-template';

const BERLIN = DEFAULT_BUSINESS_CALENDAR;
const BAVARIA: BusinessCalendar = { ...BERLIN, holidays: { country: 'DE', state: 'BY' } };
/** Berlin office hours on all seven days, to see DST Sundays in business counting. */
const EVERY_DAY: BusinessCalendar = { ...BERLIN, workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: null };
/** Business-hours mode that happens to cover the whole day. */
const ROUND_THE_CLOCK: BusinessCalendar = { ...EVERY_DAY, workingHours: { start: '00:00', end: '24:00' } };

const hours = (amount: number): Duration => ({ amount, unit: 'hours' });
const minutes = (amount: number): Duration => ({ amount, unit: 'minutes' });
const workingDays = (amount: number): Duration => ({ amount, unit: 'workingDays' });
const d = (iso: string): Date => new Date(iso);

describe('addBusinessDuration, business minutes and hours', () => {
  it('carries Friday 16:30 + 2 h over the weekend to Monday 09:30', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-16T16:30:00+01:00'), hours(2), 'business')).toEqual(d('2026-01-19T09:30:00+01:00'));
    // The same across the spring-forward weekend: Monday is already summer time.
    expect(addBusinessDuration(BERLIN, d('2026-03-27T16:30:00+01:00'), hours(2), 'business')).toEqual(d('2026-03-30T09:30:00+02:00'));
  });

  it('starts counting at the next working start when begun outside working time', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-17T11:00:00+01:00'), minutes(30), 'business')).toEqual(d('2026-01-19T08:30:00+01:00'));
    expect(addBusinessDuration(BERLIN, d('2026-01-19T06:00:00+01:00'), hours(1), 'business')).toEqual(d('2026-01-19T09:00:00+01:00'));
  });

  it('ends at 17:00 rather than 08:00 next day when time runs out at the end of the day', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-16T15:00:00+01:00'), hours(2), 'business')).toEqual(d('2026-01-16T17:00:00+01:00'));
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(addBusinessDuration(BERLIN, d('2026-04-02T16:00:00+02:00'), hours(2), 'business')).toEqual(d('2026-04-07T09:00:00+02:00'));
  });

  it('skips the Day of German Unity', () => {
    // 3 Oct 2025 was a Friday.
    expect(addBusinessDuration(BERLIN, d('2025-10-02T16:00:00+02:00'), hours(2), 'business')).toEqual(d('2025-10-06T09:00:00+02:00'));
  });

  it('skips Christmas but counts Christmas Eve (a bank holiday, not a public one)', () => {
    expect(addBusinessDuration(BERLIN, d('2026-12-23T16:00:00+01:00'), hours(2), 'business')).toEqual(d('2026-12-24T09:00:00+01:00'));
    expect(addBusinessDuration(BERLIN, d('2026-12-24T16:00:00+01:00'), hours(2), 'business')).toEqual(d('2026-12-28T09:00:00+01:00'));
  });

  it('crosses the year end from 31 December to 2 January', () => {
    expect(addBusinessDuration(BERLIN, d('2025-12-31T16:00:00+01:00'), hours(2), 'business')).toEqual(d('2026-01-02T09:00:00+01:00'));
    // 2 Jan 2027 is a Saturday.
    expect(addBusinessDuration(BERLIN, d('2026-12-31T16:00:00+01:00'), hours(2), 'business')).toEqual(d('2027-01-04T09:00:00+01:00'));
  });

  it('skips 6 January only in Bavaria', () => {
    const monday = d('2026-01-05T16:00:00+01:00');
    expect(addBusinessDuration(BERLIN, monday, hours(2), 'business')).toEqual(d('2026-01-06T09:00:00+01:00'));
    expect(addBusinessDuration(BAVARIA, monday, hours(2), 'business')).toEqual(d('2026-01-07T09:00:00+01:00'));
  });

  it('counts local office hours on the DST Sundays', () => {
    expect(addBusinessDuration(EVERY_DAY, d('2026-03-28T16:00:00+01:00'), hours(2), 'business')).toEqual(d('2026-03-29T09:00:00+02:00'));
    expect(addBusinessDuration(EVERY_DAY, d('2026-10-24T16:00:00+02:00'), hours(2), 'business')).toEqual(d('2026-10-25T09:00:00+01:00'));
  });

  it('counts real hours through the DST night when working time covers the whole day', () => {
    expect(addBusinessDuration(ROUND_THE_CLOCK, d('2026-03-29T01:30:00+01:00'), hours(2), 'business')).toEqual(
      d('2026-03-29T04:30:00+02:00'),
    );
    expect(addBusinessDuration(ROUND_THE_CLOCK, d('2026-10-25T01:30:00+02:00'), hours(2), 'business')).toEqual(
      d('2026-10-25T02:30:00+01:00'),
    );
  });

  // How fast: test/bench/deadlines-bench.ts (npm run bench:deadlines).
  it('counts a frame of about three working years to the exact working hour', () => {
    const start = d('2026-01-02T10:00:00+01:00');
    const result = addBusinessDuration(BERLIN, start, hours(9 * 250 * 3), 'business');
    // 750 working days of 9 h: the same time of day, 750 working days on.
    expect(result).toEqual(d('2028-12-12T10:00:00+01:00'));
    expect(businessTimeBetween(BERLIN, start, result)).toBe(9 * 250 * 3 * 3_600_000);
  });
});

describe('addBusinessDuration, working days', () => {
  it('keeps the local time of day on the N-th next working day', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-16T16:30:00+01:00'), workingDays(1), 'business')).toEqual(d('2026-01-19T16:30:00+01:00'));
    expect(addBusinessDuration(BERLIN, d('2026-01-12T10:00:00+01:00'), workingDays(5), 'business')).toEqual(d('2026-01-19T10:00:00+01:00'));
  });

  it('normalises a start outside working hours to the next working start first', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-17T10:00:00+01:00'), workingDays(1), 'business')).toEqual(d('2026-01-20T08:00:00+01:00'));
    expect(addBusinessDuration(BERLIN, d('2026-01-16T17:00:00+01:00'), workingDays(1), 'business')).toEqual(d('2026-01-20T08:00:00+01:00'));
    expect(addBusinessDuration(BERLIN, d('2026-01-16T07:00:00+01:00'), workingDays(1), 'business')).toEqual(d('2026-01-19T08:00:00+01:00'));
  });

  it('keeps the local time across DST', () => {
    expect(addBusinessDuration(BERLIN, d('2026-03-27T10:00:00+01:00'), workingDays(1), 'business')).toEqual(d('2026-03-30T10:00:00+02:00'));
    expect(addBusinessDuration(BERLIN, d('2026-10-23T10:00:00+02:00'), workingDays(1), 'business')).toEqual(d('2026-10-26T10:00:00+01:00'));
  });

  it('skips Easter and Christmas and the year end', () => {
    expect(addBusinessDuration(BERLIN, d('2026-04-02T10:00:00+02:00'), workingDays(1), 'business')).toEqual(d('2026-04-07T10:00:00+02:00'));
    expect(addBusinessDuration(BERLIN, d('2026-12-23T10:00:00+01:00'), workingDays(3), 'business')).toEqual(d('2026-12-29T10:00:00+01:00'));
    expect(addBusinessDuration(BERLIN, d('2025-12-31T10:00:00+01:00'), workingDays(1), 'business')).toEqual(d('2026-01-02T10:00:00+01:00'));
  });

  it('counts working days in continuous frames too', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-16T16:30:00+01:00'), workingDays(1), 'continuous')).toEqual(
      d('2026-01-19T16:30:00+01:00'),
    );
  });

  it('treats every day as a working day in 24x7 mode', () => {
    expect(addBusinessDuration(TWENTY_FOUR_SEVEN, d('2026-12-24T22:00:00+01:00'), workingDays(2), 'business')).toEqual(
      d('2026-12-26T22:00:00+01:00'),
    );
    expect(addBusinessDuration(TWENTY_FOUR_SEVEN, d('2026-03-28T10:00:00+01:00'), workingDays(1), 'business')).toEqual(
      d('2026-03-29T10:00:00+02:00'),
    );
  });

  it('counts a 30-working-day frame across the holidays, the same again when repeated', () => {
    const start = d('2026-11-20T10:00:00+01:00');
    const first = addBusinessDuration(BERLIN, start, workingDays(30), 'business');
    // 30 working days from 20 Nov skip 25/26 Dec and 1 Jan.
    expect(first).toEqual(d('2027-01-05T10:00:00+01:00'));
    // The second call is served from the period cache: same answer.
    expect(addBusinessDuration(BERLIN, start, workingDays(30), 'business')).toEqual(first);
  });
});

describe('addBusinessDuration, continuous frames', () => {
  it('adds elapsed real time for minutes and hours, even on business-hours calendars', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-16T16:30:00+01:00'), hours(2), 'continuous')).toEqual(d('2026-01-16T18:30:00+01:00'));
  });

  it('adds 2 real hours across spring-forward and fall-back', () => {
    // 01:30 CET + 2 h = 04:30 CEST (the wall clock jumps an hour).
    expect(addBusinessDuration(BERLIN, d('2026-03-29T01:30:00+01:00'), hours(2), 'continuous')).toEqual(d('2026-03-29T04:30:00+02:00'));
    // 01:30 CEST + 2 h = 02:30 CET (the wall clock repeats an hour).
    expect(addBusinessDuration(BERLIN, d('2026-10-25T01:30:00+02:00'), hours(2), 'continuous')).toEqual(d('2026-10-25T02:30:00+01:00'));
  });

  it('keeps the local time for calendar days across DST (23 h and 25 h days)', () => {
    expect(addBusinessDuration(BERLIN, d('2026-03-28T10:00:00+01:00'), { amount: 1, unit: 'calendarDays' }, 'continuous')).toEqual(
      d('2026-03-29T10:00:00+02:00'),
    );
    expect(addBusinessDuration(BERLIN, d('2026-10-24T10:00:00+02:00'), { amount: 1, unit: 'calendarDays' }, 'continuous')).toEqual(
      d('2026-10-25T10:00:00+01:00'),
    );
  });

  it('adds months and years on the wall clock, clamping to the month end', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-31T10:00:00+01:00'), { amount: 1, unit: 'months' }, 'continuous')).toEqual(
      d('2026-02-28T10:00:00+01:00'),
    );
    expect(addBusinessDuration(BERLIN, d('2026-03-29T10:00:00+02:00'), { amount: 1, unit: 'years' }, 'continuous')).toEqual(
      d('2027-03-29T10:00:00+02:00'),
    );
  });
});

describe('addBusinessDuration, calendar units in business frames', () => {
  it('moves a result on a day off to the start of the next working day', () => {
    // Fri 31 Oct 2025 + 1 month = Sun 30 Nov → Mon 1 Dec.
    expect(addBusinessDuration(BERLIN, d('2025-10-31T10:00:00+01:00'), { amount: 1, unit: 'months' }, 'business')).toEqual(
      d('2025-12-01T08:00:00+01:00'),
    );
    // 3 Oct 2025 was a public holiday on a Friday.
    expect(addBusinessDuration(BERLIN, d('2025-09-26T10:00:00+02:00'), { amount: 7, unit: 'calendarDays' }, 'business')).toEqual(
      d('2025-10-06T08:00:00+02:00'),
    );
  });

  it('keeps a result on a working day as it is', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-16T10:00:00+01:00'), { amount: 7, unit: 'calendarDays' }, 'business')).toEqual(
      d('2026-01-23T10:00:00+01:00'),
    );
  });

  it('clamps month ends like date-fns (and § 188 (3) BGB)', () => {
    // Documented non-monotonicity: the later start gives the earlier deadline on the same day.
    expect(addBusinessDuration(BERLIN, d('2026-03-30T16:00:00+02:00'), { amount: 1, unit: 'months' }, 'business')).toEqual(
      d('2026-04-30T16:00:00+02:00'),
    );
    expect(addBusinessDuration(BERLIN, d('2026-03-31T09:00:00+02:00'), { amount: 1, unit: 'months' }, 'business')).toEqual(
      d('2026-04-30T09:00:00+02:00'),
    );
  });

  it('starts counting at the next working time', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-17T10:00:00+01:00'), { amount: 1, unit: 'years' }, 'business')).toEqual(
      d('2027-01-19T08:00:00+01:00'),
    );
  });
});

describe('addBusinessDuration, 24x7 calendars', () => {
  it('counts business frames as continuous', () => {
    const start = d('2026-12-24T16:30:00+01:00');
    expect(addBusinessDuration(TWENTY_FOUR_SEVEN, start, hours(2), 'business')).toEqual(d('2026-12-24T18:30:00+01:00'));
    expect(addBusinessDuration(TWENTY_FOUR_SEVEN, d('2026-03-29T01:30:00+01:00'), hours(2), 'business')).toEqual(
      d('2026-03-29T04:30:00+02:00'),
    );
    expect(addBusinessDuration(TWENTY_FOUR_SEVEN, start, { amount: 1, unit: 'calendarDays' }, 'business')).toEqual(
      d('2026-12-25T16:30:00+01:00'),
    );
  });
});

describe('addBusinessDuration, input checks', () => {
  it('returns the (normalised) start for an amount of 0', () => {
    expect(addBusinessDuration(BERLIN, d('2026-01-17T10:00:00+01:00'), hours(0), 'business')).toEqual(d('2026-01-19T08:00:00+01:00'));
    expect(addBusinessDuration(BERLIN, d('2026-01-17T10:00:00+01:00'), hours(0), 'continuous')).toEqual(d('2026-01-17T10:00:00+01:00'));
  });

  it('rejects negative or fractional amounts and invalid dates', () => {
    const start = d('2026-01-16T10:00:00+01:00');
    expect(() => addBusinessDuration(BERLIN, start, hours(-1), 'business')).toThrow(RangeError);
    expect(() => addBusinessDuration(BERLIN, start, hours(1.5), 'business')).toThrow(RangeError);
    expect(() => addBusinessDuration(BERLIN, d('nonsense'), hours(1), 'business')).toThrow(RangeError);
  });

  it('does not mutate the start', () => {
    const start = d('2026-01-16T10:00:00+01:00');
    addBusinessDuration(BERLIN, start, hours(20), 'business');
    expect(start).toEqual(d('2026-01-16T10:00:00+01:00'));
  });
});
