/**
 * Milliseconds of a Date, refusing an Invalid Date so it cannot turn into a NaN deadline downstream.
 *
 * @example
 * epochMs(new Date('2026-01-01T00:00:00Z'), 'start') // 1767225600000
 */
export function epochMs(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid date`);
  return ms;
}
