import { DEFAULT_BUSINESS_CALENDAR, TWENTY_FOUR_SEVEN } from '../business-calendar';
import { addWorkingTime } from './add-working-time';
import { compileCalendar } from './working-periods';

const H = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

describe('addWorkingTime', () => {
  const berlin = compileCalendar(DEFAULT_BUSINESS_CALENDAR);

  it('adds within one working day', () => {
    expect(addWorkingTime(berlin, at('2026-01-16T09:00:00+01:00'), 3 * H)).toBe(at('2026-01-16T12:00:00+01:00'));
  });

  it('spans several days, nine working hours each', () => {
    expect(addWorkingTime(berlin, at('2026-01-12T08:00:00+01:00'), 45 * H)).toBe(at('2026-01-16T17:00:00+01:00'));
    expect(addWorkingTime(berlin, at('2026-01-12T08:00:00+01:00'), 45 * H + 1)).toBe(at('2026-01-19T08:00:00.001+01:00'));
  });

  it('is plain addition when always working', () => {
    expect(addWorkingTime(compileCalendar(TWENTY_FOUR_SEVEN), 1000, 5 * H)).toBe(1000 + 5 * H);
  });
});
