import { isSupportedHolidayRegion, publicHolidayDates } from './public-holidays';

describe('publicHolidayDates', () => {
  it('lists the nationwide German public holidays of 2026', () => {
    expect([...publicHolidayDates({ country: 'DE' }, 2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-10-03',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('adds state holidays only for that state', () => {
    expect(publicHolidayDates({ country: 'DE', state: 'BY' }, 2026).has('2026-01-06')).toBe(true);
    expect(publicHolidayDates({ country: 'DE', state: 'BE' }, 2026).has('2026-01-06')).toBe(false);
    expect(publicHolidayDates({ country: 'DE', state: 'SN' }, 2026).has('2026-11-18')).toBe(true);
  });

  it('ignores bank holidays and observances (24 and 31 Dec afternoons, Rosenmontag)', () => {
    const dates = publicHolidayDates({ country: 'DE' }, 2026);
    expect(dates.has('2026-12-24')).toBe(false);
    expect(dates.has('2026-12-31')).toBe(false);
    expect(dates.has('2026-02-16')).toBe(false);
  });

  it('returns the cached set on repeated calls', () => {
    expect(publicHolidayDates({ country: 'DE' }, 2027)).toBe(publicHolidayDates({ country: 'DE' }, 2027));
  });
});

describe('isSupportedHolidayRegion', () => {
  it('knows countries and their states', () => {
    expect(isSupportedHolidayRegion({ country: 'DE' })).toBe(true);
    expect(isSupportedHolidayRegion({ country: 'DE', state: 'BY' })).toBe(true);
    expect(isSupportedHolidayRegion({ country: 'DE', state: 'XX' })).toBe(false);
    expect(isSupportedHolidayRegion({ country: 'XX' })).toBe(false);
  });
});
