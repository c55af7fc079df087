/**
 * `npm run bench:deadlines`: the deadline arithmetic on long frames (the unit tests check the results,
 * this the cost). Each case runs once cold, then the median of 20 warm runs. Prints one JSON line with
 * milliseconds per case.
 */
import { addBusinessDuration } from '../../src/domain/deadlines/add-business-duration';
import { DEFAULT_BUSINESS_CALENDAR } from '../../src/domain/deadlines/business-calendar';
import { businessTimeBetween } from '../../src/domain/deadlines/business-time-between';

const BERLIN = DEFAULT_BUSINESS_CALENDAR;

function measure(run: () => unknown): { coldMs: number; medianMs: number } {
  let begin = process.hrtime.bigint();
  run();
  const coldMs = Number(process.hrtime.bigint() - begin) / 1e6;
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    begin = process.hrtime.bigint();
    run();
    warm.push(Number(process.hrtime.bigint() - begin) / 1e6);
  }
  warm.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { coldMs: round(coldMs), medianMs: round(warm[10]!) };
}

const result = {
  // Former unit-test budgets: < 100 ms, < 20 ms (warm), < 200 ms.
  addThreeWorkingYearsOfHours: measure(() =>
    addBusinessDuration(BERLIN, new Date('2026-01-02T10:00:00+01:00'), { amount: 9 * 250 * 3, unit: 'hours' }, 'business'),
  ),
  addThirtyWorkingDays: measure(() =>
    addBusinessDuration(BERLIN, new Date('2026-11-20T10:00:00+01:00'), { amount: 30, unit: 'workingDays' }, 'business'),
  ),
  businessTimeOverThreeYears: measure(() =>
    businessTimeBetween(BERLIN, new Date('2024-01-01T00:00:00+01:00'), new Date('2027-01-01T00:00:00+01:00')),
  ),
};
console.log(JSON.stringify(result));
