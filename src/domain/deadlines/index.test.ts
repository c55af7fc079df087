import * as deadlines from './index';

describe('deadlines public API', () => {
  it('exports the calculator functions and presets', () => {
    expect(Object.keys(deadlines).sort()).toEqual([
      'DEFAULT_BUSINESS_CALENDAR',
      'TWENTY_FOUR_SEVEN',
      'addBusinessDuration',
      'businessCalendarSchema',
      'businessTimeBetween',
      'deadlineStatus',
      'formatRemaining',
      'holidayRegionSchema',
      'isValidTimeZone',
      'isWorkingDay',
      'isWorkingTime',
      'nextWorkingTime',
    ]);
  });

  it('works end to end: deadline, status and text', () => {
    const start = new Date('2026-01-16T16:30:00+01:00');
    const calendar = deadlines.DEFAULT_BUSINESS_CALENDAR;
    const dueAt = deadlines.addBusinessDuration(calendar, start, { amount: 2, unit: 'hours' }, 'business');
    const status = deadlines.deadlineStatus({ dueAt, now: new Date('2026-01-19T08:45:00+01:00'), warnBefore: 3_600_000, calendar });
    expect(status).toEqual({ state: 'warning', remainingMs: 45 * 60_000 });
    expect(deadlines.formatRemaining(status.remainingMs, 'de')).toBe('45 Min.');
  });
});
