import { epochMs } from './epoch-ms';

describe('epochMs', () => {
  it('returns the timestamp of a valid date', () => {
    expect(epochMs(new Date('2026-01-01T00:00:00Z'), 'start')).toBe(Date.UTC(2026, 0, 1));
  });

  it('names the offending argument of an invalid date', () => {
    expect(() => epochMs(new Date('nonsense'), 'dueAt')).toThrow('dueAt is an invalid date');
  });
});
