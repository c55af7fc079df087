import { formatRemaining } from './format-remaining';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;

describe('formatRemaining, short', () => {
  it.each([
    [2 * H + 15 * MIN, '2 h 15 min', '2 Std. 15 Min.'],
    [3 * DAY + 2 * H, '3 d 2 h', '3 Tg. 2 Std.'],
    [3 * DAY + 2 * H + 59 * MIN, '3 d 2 h', '3 Tg. 2 Std.'],
    [DAY, '1 d', '1 Tg.'],
    [2 * H, '2 h', '2 Std.'],
    [45 * MIN, '45 min', '45 Min.'],
    [0, '0 min', '0 Min.'],
    [59_999, '< 1 min', '< 1 Min.'],
    [-30 * MIN, '-30 min', '-30 Min.'],
  ])('formats %d ms as "%s" / "%s"', (ms, en, de) => {
    expect(formatRemaining(ms, 'en')).toBe(en);
    expect(formatRemaining(ms, 'de')).toBe(de);
  });

  it('rounds down to whole minutes', () => {
    expect(formatRemaining(2 * MIN + 59_999, 'en')).toBe('2 min');
  });

  it('counts days of business length when asked', () => {
    expect(formatRemaining(20 * H, 'de', { hoursPerDay: 9 })).toBe('2 Tg. 2 Std.');
  });
});

describe('formatRemaining, long', () => {
  it('uses date-fns words', () => {
    expect(formatRemaining(2 * H + 15 * MIN, 'de', { style: 'long' })).toBe('2 Stunden 15 Minuten');
    expect(formatRemaining(3 * DAY + 2 * H, 'en', { style: 'long' })).toBe('3 days 2 hours');
    expect(formatRemaining(DAY + 1 * H, 'de', { style: 'long' })).toBe('1 Tag 1 Stunde');
    expect(formatRemaining(0, 'en', { style: 'long' })).toBe('0 minutes');
    expect(formatRemaining(30_000, 'de', { style: 'long' })).toBe('weniger als eine Minute');
    expect(formatRemaining(-2 * H, 'en', { style: 'long' })).toBe('-2 hours');
  });
});

describe('formatRemaining, input checks', () => {
  it('rejects non-finite times and impossible day lengths', () => {
    expect(() => formatRemaining(Number.NaN, 'en')).toThrow(RangeError);
    expect(() => formatRemaining(H, 'en', { hoursPerDay: 0 })).toThrow(RangeError);
    expect(() => formatRemaining(H, 'en', { hoursPerDay: 25 })).toThrow(RangeError);
  });
});
