import { DEFAULT_BUSINESS_CALENDAR, TWENTY_FOUR_SEVEN } from './business-calendar';
import { nextWorkingTime } from './next-working-time';

describe('nextWorkingTime', () => {
  it('keeps an instant inside working time', () => {
    const at = new Date('2026-03-27T10:15:00+01:00');
    expect(nextWorkingTime(DEFAULT_BUSINESS_CALENDAR, at)).toEqual(at);
  });

  it('moves early mornings to the same day start', () => {
    expect(nextWorkingTime(DEFAULT_BUSINESS_CALENDAR, new Date('2026-03-27T06:00:00+01:00'))).toEqual(
      new Date('2026-03-27T08:00:00+01:00'),
    );
  });

  it('moves a Friday evening over the weekend and the DST switch to Monday 08:00 CEST', () => {
    expect(nextWorkingTime(DEFAULT_BUSINESS_CALENDAR, new Date('2026-03-27T17:00:00+01:00'))).toEqual(
      new Date('2026-03-30T08:00:00+02:00'),
    );
  });

  it('skips Easter from Maundy Thursday evening to Tuesday', () => {
    expect(nextWorkingTime(DEFAULT_BUSINESS_CALENDAR, new Date('2026-04-02T18:00:00+02:00'))).toEqual(
      new Date('2026-04-07T08:00:00+02:00'),
    );
  });

  it('returns the instant unchanged in 24x7 mode', () => {
    const at = new Date('2026-12-25T03:00:00+01:00');
    expect(nextWorkingTime(TWENTY_FOUR_SEVEN, at)).toEqual(at);
  });
});
