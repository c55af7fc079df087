import { DEFAULT_BUSINESS_CALENDAR } from './business-calendar';
import { deadlineStatus } from './deadline-status';

const H = 3_600_000;
const MIN = 60_000;
const dueAt = new Date('2026-01-16T12:00:00Z');
const before = (ms: number): Date => new Date(dueAt.getTime() - ms);

describe('deadlineStatus with a fixed warning window', () => {
  it('is ok before the window', () => {
    expect(deadlineStatus({ dueAt, now: before(H + 1), warnBefore: H })).toEqual({ state: 'ok', remainingMs: H + 1 });
  });

  it('warns from the first instant of the window on', () => {
    expect(deadlineStatus({ dueAt, now: before(H), warnBefore: H })).toEqual({ state: 'warning', remainingMs: H });
    expect(deadlineStatus({ dueAt, now: before(1), warnBefore: H })).toEqual({ state: 'warning', remainingMs: 1 });
  });

  it('is overdue at the due instant itself and after it', () => {
    expect(deadlineStatus({ dueAt, now: dueAt, warnBefore: H })).toEqual({ state: 'overdue', remainingMs: 0 });
    expect(deadlineStatus({ dueAt, now: before(-5 * MIN), warnBefore: H })).toEqual({ state: 'overdue', remainingMs: -5 * MIN });
  });

  it('never warns with a zero window', () => {
    expect(deadlineStatus({ dueAt, now: before(1), warnBefore: 0 }).state).toBe('ok');
  });
});

describe('deadlineStatus with a fractional window', () => {
  const startedAt = before(4 * H);

  it('warns in the last fraction of the frame', () => {
    expect(deadlineStatus({ dueAt, now: before(H + 1), warnBefore: { fraction: 0.25 }, startedAt }).state).toBe('ok');
    expect(deadlineStatus({ dueAt, now: before(H), warnBefore: { fraction: 0.25 }, startedAt }).state).toBe('warning');
  });

  it('needs startedAt and a fraction within 0..1', () => {
    expect(() => deadlineStatus({ dueAt, now: before(H), warnBefore: { fraction: 0.25 } })).toThrow(TypeError);
    expect(() => deadlineStatus({ dueAt, now: before(H), warnBefore: { fraction: 1.5 }, startedAt })).toThrow(RangeError);
    expect(() => deadlineStatus({ dueAt, now: before(H), warnBefore: { fraction: Number.NaN }, startedAt })).toThrow(RangeError);
  });

  it('treats a start after the due time as an empty frame', () => {
    expect(deadlineStatus({ dueAt, now: before(H), warnBefore: { fraction: 1 }, startedAt: before(-H) }).state).toBe('ok');
  });
});

describe('deadlineStatus on a business calendar', () => {
  // Friday 16:30 + 2 business hours → Monday 09:30.
  const startedAt = new Date('2026-01-16T16:30:00+01:00');
  const due = new Date('2026-01-19T09:30:00+01:00');
  const calendar = DEFAULT_BUSINESS_CALENDAR;

  it('counts remaining time in working hours', () => {
    const status = deadlineStatus({ dueAt: due, now: new Date('2026-01-17T12:00:00+01:00'), warnBefore: H, calendar });
    expect(status).toEqual({ state: 'ok', remainingMs: 1.5 * H });
  });

  it('warns on Friday afternoon for a Monday morning deadline', () => {
    const friday = new Date('2026-01-16T16:29:00+01:00');
    expect(deadlineStatus({ dueAt: due, now: friday, warnBefore: 2 * H, calendar }).state).toBe('ok');
    expect(deadlineStatus({ dueAt: due, now: startedAt, warnBefore: 2 * H, calendar }).state).toBe('warning');
  });

  it('uses the business length of the frame for fractions', () => {
    // Frame: 2 business hours; half of it left at Monday 08:30.
    const monday = new Date('2026-01-19T08:30:00+01:00');
    expect(deadlineStatus({ dueAt: due, now: monday, warnBefore: { fraction: 0.5 }, startedAt, calendar })).toEqual({
      state: 'warning',
      remainingMs: H,
    });
    expect(deadlineStatus({ dueAt: due, now: startedAt, warnBefore: { fraction: 0.5 }, startedAt, calendar }).state).toBe('ok');
  });

  it('reports overdue business time as negative', () => {
    const status = deadlineStatus({ dueAt: due, now: new Date('2026-01-19T10:00:00+01:00'), warnBefore: H, calendar });
    expect(status).toEqual({ state: 'overdue', remainingMs: -30 * MIN });
  });

  it('rejects a negative window and invalid dates', () => {
    expect(() => deadlineStatus({ dueAt: due, now: startedAt, warnBefore: -1 })).toThrow(RangeError);
    expect(() => deadlineStatus({ dueAt: new Date('x'), now: startedAt, warnBefore: 0 })).toThrow(RangeError);
  });
});
