import type { BusinessCalendar } from './business-calendar';
import { businessTimeBetween } from './business-time-between';
import { epochMs } from './_lib/epoch-ms';

/** How long before the due time to warn: fixed milliseconds, or a fraction of the whole frame (startedAt → dueAt). */
export type WarnBefore = number | { readonly fraction: number };

export type DeadlineState = 'ok' | 'warning' | 'overdue';

export interface DeadlineStatus {
  readonly state: DeadlineState;
  /** Time left until `dueAt`; 0 at the due instant, negative once overdue. */
  readonly remainingMs: number;
}

export interface DeadlineStatusInput {
  readonly dueAt: Date;
  readonly now: Date;
  readonly warnBefore: WarnBefore;
  /** Start of the time frame; required for a fractional `warnBefore`. */
  readonly startedAt?: Date;
  /**
   * When given, `remainingMs`, the warning window and the frame for `fraction` are counted in this calendar's
   * working time, so "warn 2 h before" on a Monday 09:30 deadline warns on Friday 16:30, not at 07:30 Monday.
   */
  readonly calendar?: BusinessCalendar;
}

/**
 * Where a deadline stands at `now`.
 *
 * Boundaries: `overdue` from `dueAt` itself on (`now >= dueAt`): an obligation is met only before its due
 * instant. `warning` when not overdue and `remainingMs <= ` the warning window, so the first instant of
 * the window already warns. Otherwise `ok`.
 *
 * @example
 * deadlineStatus({ dueAt: new Date('2026-01-16T12:00:00Z'), now: new Date('2026-01-16T11:30:00Z'), warnBefore: 3_600_000 })
 * // { state: 'warning', remainingMs: 1_800_000 }
 * deadlineStatus({ dueAt, now, warnBefore: { fraction: 0.25 }, startedAt }) // warns in the last quarter of the frame
 */
export function deadlineStatus(input: DeadlineStatusInput): DeadlineStatus {
  const { calendar, warnBefore } = input;
  const dueMs = epochMs(input.dueAt, 'dueAt');
  const nowMs = epochMs(input.now, 'now');
  const span = (from: Date, to: Date): number => (calendar ? businessTimeBetween(calendar, from, to) : to.getTime() - from.getTime());

  const remainingMs = span(input.now, input.dueAt);
  if (nowMs >= dueMs) return { state: 'overdue', remainingMs };

  let windowMs: number;
  if (typeof warnBefore === 'number') {
    if (!Number.isFinite(warnBefore) || warnBefore < 0) throw new RangeError(`warnBefore must be >= 0 ms, got ${warnBefore}`);
    windowMs = warnBefore;
  } else {
    const { fraction } = warnBefore;
    if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`warnBefore.fraction must be within 0..1, got ${fraction}`);
    if (!input.startedAt) throw new TypeError('warnBefore.fraction needs startedAt');
    epochMs(input.startedAt, 'startedAt');
    windowMs = fraction * Math.max(0, span(input.startedAt, input.dueAt));
  }
  return { state: remainingMs <= windowMs ? 'warning' : 'ok', remainingMs };
}
