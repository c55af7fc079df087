import { DEFAULT_BUSINESS_CALENDAR, TWENTY_FOUR_SEVEN } from '../business-calendar';
import { addWorkingDays } from './add-working-days';
import { compileCalendar } from './working-periods';

const at = (iso: string): number => Date.parse(iso);

describe('addWorkingDays', () => {
  const berlin = compileCalendar(DEFAULT_BUSINESS_CALENDAR);

  it('keeps the time of day', () => {
    expect(addWorkingDays(berlin, at('2026-01-14T11:45:00+01:00'), 2)).toBe(at('2026-01-16T11:45:00+01:00'));
  });

  it('normalises evenings to the next morning before counting', () => {
    expect(addWorkingDays(berlin, at('2026-01-14T20:00:00+01:00'), 1)).toBe(at('2026-01-16T08:00:00+01:00'));
    expect(addWorkingDays(berlin, at('2026-01-14T20:00:00+01:00'), 0)).toBe(at('2026-01-15T08:00:00+01:00'));
  });

  it('counts every day when always working', () => {
    expect(addWorkingDays(compileCalendar(TWENTY_FOUR_SEVEN), at('2026-01-17T20:00:00+01:00'), 2)).toBe(at('2026-01-19T20:00:00+01:00'));
  });
});
