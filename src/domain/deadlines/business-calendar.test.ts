import { DEFAULT_BUSINESS_CALENDAR, TWENTY_FOUR_SEVEN, businessCalendarSchema, isValidTimeZone, minutesOfTime } from './business-calendar';

const valid = {
  timeZone: 'Europe/Berlin',
  mode: 'business-hours',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '08:00', end: '17:00' },
  holidays: { country: 'DE', state: 'BY' },
  extraClosedDates: ['2026-12-24'],
};

describe('businessCalendarSchema', () => {
  it('accepts the presets and a Bavarian calendar', () => {
    expect(businessCalendarSchema.parse(DEFAULT_BUSINESS_CALENDAR)).toEqual(DEFAULT_BUSINESS_CALENDAR);
    expect(businessCalendarSchema.parse(TWENTY_FOUR_SEVEN)).toEqual(TWENTY_FOUR_SEVEN);
    expect(businessCalendarSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['unknown time zone', { timeZone: 'Europe/Bonn' }],
    ['offset instead of a zone', { timeZone: '+01:00' }],
    ['weekday 0', { workingDays: [0, 1] }],
    ['duplicate weekday', { workingDays: [1, 1] }],
    ['no working day', { workingDays: [] }],
    ['malformed hour', { workingHours: { start: '8:00', end: '17:00' } }],
    ['start after end', { workingHours: { start: '17:00', end: '08:00' } }],
    ['start equals end', { workingHours: { start: '08:00', end: '08:00' } }],
    ['24:00 as start', { workingHours: { start: '24:00', end: '24:00' } }],
    ['unknown holiday state', { holidays: { country: 'DE', state: 'XX' } }],
    ['impossible closed date', { extraClosedDates: ['2026-02-30'] }],
  ])('rejects %s', (_, patch) => {
    expect(businessCalendarSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });

  it('allows 24:00 as end and no holidays', () => {
    const result = businessCalendarSchema.safeParse({ ...valid, holidays: null, workingHours: { start: '00:00', end: '24:00' } });
    expect(result.success).toBe(true);
  });
});

describe('presets', () => {
  it('are frozen', () => {
    expect(Object.isFrozen(DEFAULT_BUSINESS_CALENDAR)).toBe(true);
    expect(Object.isFrozen(DEFAULT_BUSINESS_CALENDAR.workingDays)).toBe(true);
    expect(() => DEFAULT_BUSINESS_CALENDAR.workingDays.push(6)).toThrow(TypeError);
  });
});

describe('helpers', () => {
  it('validates IANA zone names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('converts HH:mm to minutes', () => {
    expect(minutesOfTime('08:30')).toBe(510);
    expect(minutesOfTime('24:00')).toBe(1440);
  });
});
